import { report, type Place } from '@pattern-press/diagnostics';
import type { PatternModule } from '@pattern-press/schema';
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { sanitizeSvg } from './svg.js';
import { linkUrlProblem } from './url-policy.js';

/** A file beside module.md that the module links to, read once, checked, and (for SVG) sanitized. */
export interface ModuleAsset {
  /** Path inside the module folder, `/`-separated and normalised (`img/cascade.png`). */
  path: string;
  /** The bytes every output publishes: for SVG, the sanitized drawing. */
  bytes: Buffer;
  sha256: string;
  mediaType: string;
}

/** The assets of one module: what the outputs may publish, and what the loader already reported. */
export interface ModuleAssets {
  /** By path inside the module folder. */
  files: Map<string, ModuleAsset>;
  /** Paths a diagnostic already covers (outside the folder, too large, unsafe): other checks stay quiet on them. */
  reported: Set<string>;
}

/** Limits on what a module may ship (bytes). */
export const assetLimits = {
  /** One asset: a large diagram export or a photo fits; a video or a data dump does not. */
  fileBytes: 20 * 1024 * 1024,
  /** All assets of a module: a SCORM package an LMS still imports quickly. */
  moduleBytes: 100 * 1024 * 1024,
} as const;

const mediaTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
};

/** The media type of an asset, from its extension. */
export function assetMediaType(assetPath: string): string {
  return mediaTypes[path.posix.extname(assetPath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The path inside the module folder that a relative link names, without its
 * query and fragment, or undefined when it names none: it does not decode,
 * it is absolute, or it leaves the folder (`../`).
 */
export function assetPathOf(href: string): string | undefined {
  const bare = href.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded.includes('\0') || decoded.includes('\\') || path.posix.isAbsolute(decoded)) return undefined;
  const normalised = path.posix.normalize(decoded);
  if (normalised === '.' || normalised === '..' || normalised.startsWith('../')) return undefined;
  return normalised;
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

type Read = { bytes: Buffer } | { problem: 'missing' | 'outside' | 'not-a-file' } | { problem: 'too-large'; size: number };

/**
 * Reads a file of the module folder only when its real path (every symbolic
 * link followed) stays inside the folder's real path. O_NOFOLLOW on the
 * resolved path and O_NONBLOCK keep a swapped-in link or a FIFO from being
 * read; the size is checked on the opened file before reading it.
 */
async function readContained(realFolder: string, candidate: string, maxBytes: number): Promise<Read> {
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { problem: 'missing' };
  }
  if (!isInside(realFolder, real)) return { problem: 'outside' };
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return { problem: 'missing' };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: 'not-a-file' };
    if (info.size > maxBytes) return { problem: 'too-large', size: info.size };
    return { bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} bytes`;
}

/**
 * Reads every file beside module.md that the module links to (links and
 * images of kind `asset`), once per path. Reports, at the first link to it:
 * a path or symbolic link leading out of the folder, a special file, an
 * asset over the size limits, and an SVG with scripts or outside references
 * (its sanitized bytes are kept either way, so no output ever holds the
 * original). Missing files are left to the link check.
 */
export async function loadModuleAssets(moduleDir: string, document: Pick<PatternModule, 'links'>, file: VFile): Promise<ModuleAssets> {
  const assets: ModuleAssets = { files: new Map(), reported: new Set() };
  const realFolder = await realpath(moduleDir).catch(() => undefined);
  if (!realFolder) return assets;
  let total = 0;
  const seen = new Set<string>();
  for (const link of document.links) {
    // Unsafe links are reported as such by the parser; they are never read.
    if (link.kind !== 'asset' || linkUrlProblem(link.href) !== undefined) continue;
    const place: Place | undefined = link.position;
    const assetPath = assetPathOf(link.href);
    if (assetPath === undefined) {
      report(file, 'file-outside-module', `\`${link.href}\` does not name a file inside the module folder`, {
        place,
        hint: 'copy the file beside module.md and link it as `name.ext` or `folder/name.ext`',
      });
      continue;
    }
    if (seen.has(assetPath)) continue;
    seen.add(assetPath);
    const read = await readContained(realFolder, path.join(moduleDir, ...assetPath.split('/')), Math.min(assetLimits.fileBytes, assetLimits.moduleBytes - total + 1));
    if ('problem' in read) {
      if (read.problem === 'missing') continue;
      assets.reported.add(assetPath);
      if (read.problem === 'outside') {
        report(file, 'file-outside-module', `\`${link.href}\` is a symbolic link (or inside one) that leads out of the module folder: it is not read or published`, {
          place,
          hint: 'copy the file into the module folder instead of linking to it',
        });
      } else if (read.problem === 'not-a-file') {
        report(file, 'link-broken', `\`${link.href}\` is not a regular file (a folder, a device or a pipe)`, { place });
      } else if (read.problem === 'too-large') {
        const overModule = read.size <= assetLimits.fileBytes;
        report(
          file,
          'file-too-large',
          overModule
            ? `\`${link.href}\` (${formatBytes(read.size)}) takes the module's assets over ${formatBytes(assetLimits.moduleBytes)}`
            : `\`${link.href}\` is ${formatBytes(read.size)}; an asset may be at most ${formatBytes(assetLimits.fileBytes)}`,
          { place },
        );
      }
      continue;
    }
    let bytes = read.bytes;
    const mediaType = assetMediaType(assetPath);
    if (mediaType === 'image/svg+xml') {
      const sanitized = await sanitizeSvg(bytes.toString('utf8'));
      if (sanitized.unreadable !== undefined || sanitized.unsafe.length > 0) {
        assets.reported.add(assetPath);
        report(
          file,
          'svg-unsafe',
          sanitized.unreadable !== undefined ? `the SVG \`${link.href}\` cannot be checked: ${sanitized.unreadable}` : `the SVG \`${link.href}\` holds ${sanitized.unsafe.join(', ')}`,
          { place, hint: 'export it again as plain SVG, or as PNG' },
        );
      }
      if (sanitized.svg === undefined) continue;
      bytes = Buffer.from(sanitized.svg);
    }
    total += bytes.length;
    assets.files.set(assetPath, { path: assetPath, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mediaType });
  }
  return assets;
}
