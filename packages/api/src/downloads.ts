import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Publication } from '@pattern-press/format';
import type { DownloadLink } from './resources.js';

export interface Artifact {
  format: string;
  media_type: string;
  path: string;
  bytes: number;
  sha256: string;
}

export interface DownloadsDocument {
  modules: { slug: string; artifacts: Artifact[] }[];
  collection: Artifact[];
}

/** The folders of dist/ whose files are downloads. */
export const artifactFolders = ['pdf', 'scorm', 'slides'] as const;

export const mediaTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.html': 'text/html',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.ics': 'text/calendar',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
};

export function mediaTypeOf(file: string): string {
  return mediaTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** What an artifact is, from its folder and name (scorm-1.2 / scorm-2004 when the name says which). */
export function formatOf(folder: string, file: string): string {
  const extension = path.extname(file).slice(1).toLowerCase();
  const name = path.basename(file).toLowerCase();
  if (folder === 'pdf' && extension === 'pdf') return 'pdf';
  if (folder === 'scorm') {
    if (/2004/.test(name)) return 'scorm-2004';
    if (/(?:^|[^0-9])1[._-]?2(?:[^0-9]|$)/.test(name)) return 'scorm-1.2';
    if (extension === 'zip') return 'scorm';
  }
  if (folder === 'slides' && ['html', 'pdf', 'pptx'].includes(extension)) return `slides-${extension}`;
  return extension ? `${folder}-${extension}` : folder;
}

/**
 * The module a file belongs to: the longest slug its path (relative to its
 * format folder) holds as a whole word (bounded by the ends, /, -, _ or .),
 * so `circuit-breaker.pdf`, `circuit-breaker/index.html` and
 * `press-circuit-breaker-scorm12.zip` all belong to circuit-breaker.
 */
export function ownerOf(relative: string, slugs: readonly string[]): string | undefined {
  let owner: string | undefined;
  const lower = relative.toLowerCase();
  for (const slug of slugs) {
    for (let at = lower.indexOf(slug); at !== -1; at = lower.indexOf(slug, at + 1)) {
      const before = at === 0 ? '' : lower.charAt(at - 1);
      const after = lower.charAt(at + slug.length);
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) {
        if (slug.length > (owner?.length ?? 0)) owner = slug;
        break;
      }
    }
  }
  return owner;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under `dir`, relative, sorted; hidden files and folders (staging areas) skipped. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await filesUnder(path.join(dir, entry.name), relative)));
    else if (entry.isFile()) files.push(relative);
  }
  // Code-unit order of the whole path, so a listing never depends on how folders nest.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The downloads.json response: each artifact under `artifactsRoot` with its size and hash. */
export async function downloadsDocument(publication: Publication, artifactsRoot: string | undefined): Promise<DownloadsDocument> {
  const slugs = publication.modules.map((module) => module.slug);
  const perModule = new Map<string, Artifact[]>(slugs.map((slug) => [slug, []]));
  const collection: Artifact[] = [];
  if (artifactsRoot !== undefined) {
    for (const folder of artifactFolders) {
      for (const relative of await filesUnder(path.join(artifactsRoot, folder))) {
        const file = path.join(artifactsRoot, folder, relative);
        const artifact: Artifact = {
          format: formatOf(folder, relative),
          media_type: mediaTypeOf(relative),
          path: `/${folder}/${relative.split('/').map(encodeURIComponent).join('/')}`,
          bytes: (await stat(file)).size,
          sha256: await sha256Of(file),
        };
        const owner = ownerOf(relative, slugs);
        (owner === undefined ? collection : perModule.get(owner)!).push(artifact);
      }
    }
  }
  return { modules: slugs.map((slug) => ({ slug, artifacts: perModule.get(slug)! })), collection };
}

/** The short form the index lists per module. */
export function downloadLinks(document: DownloadsDocument): Map<string, DownloadLink[]> {
  return new Map(document.modules.map((entry) => [entry.slug, entry.artifacts.map((artifact) => ({ format: artifact.format, href: artifact.path }))]));
}
