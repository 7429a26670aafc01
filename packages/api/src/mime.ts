import path from 'node:path';

/** What the API package knows about a file type: its media type, and whether it is text worth compressing. */
export interface FileType {
  /** The media type without parameters (`application/json`). */
  type: string;
  /** Text: sent with `; charset=utf-8` and compressed when large enough. */
  text: boolean;
  /** Worth compressing even though it is not text (e.g. TrueType fonts). */
  compressible?: boolean;
}

/**
 * The one table of file types of the API package: what press serve sends as
 * Content-Type and what downloads.json lists as media_type. Unknown
 * extensions are application/octet-stream (never sniffed: nosniff).
 */
export const fileTypes: Readonly<Record<string, FileType>> = {
  '.html': { type: 'text/html', text: true },
  '.htm': { type: 'text/html', text: true },
  '.xhtml': { type: 'application/xhtml+xml', text: true },
  '.json': { type: 'application/json', text: true },
  '.map': { type: 'application/json', text: true },
  '.webmanifest': { type: 'application/manifest+json', text: true },
  '.js': { type: 'text/javascript', text: true },
  '.mjs': { type: 'text/javascript', text: true },
  '.css': { type: 'text/css', text: true },
  '.svg': { type: 'image/svg+xml', text: true },
  '.xml': { type: 'application/xml', text: true },
  '.txt': { type: 'text/plain', text: true },
  '.md': { type: 'text/markdown', text: true },
  // Mermaid sources (schedule/timeline.mmd): text, not the karaoke format mime-db knows .mmd as.
  '.mmd': { type: 'text/plain', text: true },
  '.csv': { type: 'text/csv', text: true },
  '.ics': { type: 'text/calendar', text: true },
  '.yaml': { type: 'application/yaml', text: true },
  '.yml': { type: 'application/yaml', text: true },
  '.pdf': { type: 'application/pdf', text: false },
  '.epub': { type: 'application/epub+zip', text: false },
  '.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', text: false },
  '.pptx': { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', text: false },
  '.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', text: false },
  '.zip': { type: 'application/zip', text: false },
  '.png': { type: 'image/png', text: false },
  '.jpg': { type: 'image/jpeg', text: false },
  '.jpeg': { type: 'image/jpeg', text: false },
  '.gif': { type: 'image/gif', text: false },
  '.webp': { type: 'image/webp', text: false },
  '.avif': { type: 'image/avif', text: false },
  '.ico': { type: 'image/vnd.microsoft.icon', text: false, compressible: true },
  '.woff': { type: 'font/woff', text: false },
  '.woff2': { type: 'font/woff2', text: false },
  '.ttf': { type: 'font/ttf', text: false, compressible: true },
  '.otf': { type: 'font/otf', text: false, compressible: true },
  '.mp4': { type: 'video/mp4', text: false },
  '.webm': { type: 'video/webm', text: false },
  '.mp3': { type: 'audio/mpeg', text: false },
  '.wasm': { type: 'application/wasm', text: false, compressible: true },
};

const unknown: FileType = { type: 'application/octet-stream', text: false };

function fileTypeOf(file: string): FileType {
  return fileTypes[path.extname(file).toLowerCase()] ?? unknown;
}

/** The Content-Type header press serve sends: text types say they are UTF-8. */
export function contentTypeOf(file: string): string {
  const type = fileTypeOf(file);
  return type.text ? `${type.type}; charset=utf-8` : type.type;
}

/** Text and the few binary formats that shrink: compressed when the client accepts it (and then Vary: Accept-Encoding). */
export function isCompressible(file: string): boolean {
  const type = fileTypeOf(file);
  return type.text || type.compressible === true;
}

/** Types a browser renders as a document that can run script: served sandboxed unless they are the build's own HTML. */
export function isActiveDocument(file: string): boolean {
  return ['image/svg+xml', 'application/xml', 'application/xhtml+xml'].includes(fileTypeOf(file).type);
}

export function isHtml(file: string): boolean {
  return fileTypeOf(file).type === 'text/html';
}
