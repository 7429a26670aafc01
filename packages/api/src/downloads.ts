import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Publication } from '@pattern-press/format';
import { mediaTypeOf } from './mime.js';
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

export { mediaTypeOf };

/**
 * What a download is, from its folder and its path in that folder, or
 * undefined when the file is not a download but part of one (a deck's CSS,
 * scripts, diagrams and licence files) or something else. Downloads are the
 * files a person takes away: in pdf/ the PDFs (per module and the handbook)
 * and the handbook's EPUB and DOCX; in scorm/ the packages (scorm-1.2 /
 * scorm-2004 when the name says which); in slides/ each deck's PDF and PPTX
 * and the HTML entry point of each deck folder (`<deck>/index.html`).
 */
export function formatOf(folder: string, relative: string): string | undefined {
  const parts = relative.split('/');
  const name = parts.at(-1)!.toLowerCase();
  const extension = path.extname(name).slice(1);
  if (parts.length === 1) {
    if (folder === 'pdf' && ['pdf', 'epub', 'docx'].includes(extension)) return extension;
    if (folder === 'scorm' && extension === 'zip') {
      if (/2004/.test(name)) return 'scorm-2004';
      if (/(?:^|[^0-9])1[._-]?2(?:[^0-9]|$)/.test(name)) return 'scorm-1.2';
      return 'scorm';
    }
    if (folder === 'slides' && ['pdf', 'pptx'].includes(extension)) return `slides-${extension}`;
    return undefined;
  }
  if (folder === 'slides' && parts.length === 2 && name === 'index.html') return 'slides-html';
  return undefined;
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

/** A download found under dist/, before it is measured and hashed. */
export interface FoundArtifact {
  format: string;
  folder: (typeof artifactFolders)[number];
  /** Path inside its folder, `/`-separated. */
  relative: string;
  /** The path press serve answers it at (`/pdf/circuit-breaker.pdf`). */
  href: string;
}

/** The downloads under `artifactsRoot`, per module slug (every slug, in order) and for the collection; nothing read but folder listings. */
export async function findArtifacts(artifactsRoot: string, slugs: readonly string[]): Promise<{ modules: Map<string, FoundArtifact[]>; collection: FoundArtifact[] }> {
  const modules = new Map<string, FoundArtifact[]>(slugs.map((slug) => [slug, []]));
  const collection: FoundArtifact[] = [];
  for (const folder of artifactFolders) {
    for (const relative of await filesUnder(path.join(artifactsRoot, folder))) {
      const format = formatOf(folder, relative);
      if (format === undefined) continue;
      const found: FoundArtifact = { format, folder, relative, href: `/${folder}/${relative.split('/').map(encodeURIComponent).join('/')}` };
      const owner = ownerOf(relative, slugs);
      (owner === undefined ? collection : modules.get(owner)!).push(found);
    }
  }
  return { modules, collection };
}

/** The downloads.json response: each download under `artifactsRoot` with its media type, size and hash. */
export async function downloadsDocument(publication: Publication, artifactsRoot: string | undefined): Promise<DownloadsDocument> {
  const slugs = publication.modules.map((module) => module.slug);
  if (artifactsRoot === undefined) return { modules: slugs.map((slug) => ({ slug, artifacts: [] })), collection: [] };
  const found = await findArtifacts(artifactsRoot, slugs);
  const measure = async (artifact: FoundArtifact): Promise<Artifact> => {
    const file = path.join(artifactsRoot, artifact.folder, artifact.relative);
    return { format: artifact.format, media_type: mediaTypeOf(artifact.relative), path: artifact.href, bytes: (await stat(file)).size, sha256: await sha256Of(file) };
  };
  const modules: DownloadsDocument['modules'] = [];
  for (const slug of slugs) {
    const artifacts: Artifact[] = [];
    for (const artifact of found.modules.get(slug)!) artifacts.push(await measure(artifact));
    modules.push({ slug, artifacts });
  }
  const collection: Artifact[] = [];
  for (const artifact of found.collection) collection.push(await measure(artifact));
  return { modules, collection };
}

/** The short form the index lists per module. */
export function downloadLinks(document: DownloadsDocument): Map<string, DownloadLink[]> {
  return new Map(document.modules.map((entry) => [entry.slug, entry.artifacts.map((artifact) => ({ format: artifact.format, href: artifact.path }))]));
}
