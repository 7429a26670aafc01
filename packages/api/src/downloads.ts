import path from 'node:path';
import { filesUnder, type Artifact } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { mediaTypeOf } from './mime.js';
import type { DownloadLink } from './resources.js';

/** One entry of downloads.json (snake_case, as the API's schema names it). */
export interface DownloadArtifact {
  format: string;
  media_type: string;
  path: string;
  bytes: number;
  sha256: string;
}

export interface DownloadsDocument {
  modules: { slug: string; artifacts: DownloadArtifact[] }[];
  collection: DownloadArtifact[];
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

/** The download path press serve answers an artifact at (`/pdf/circuit-breaker.pdf`). */
function hrefOf(artifact: Artifact): string {
  return `/${artifact.path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The downloads.json response: the artifacts the other outputs' emitters
 * declared (each knows its own files' module and format), per module slug
 * (every slug, in order) and for the collection, in the order given.
 */
export function downloadsDocument(publication: Publication, artifacts: readonly Artifact[]): DownloadsDocument {
  const slugs = publication.modules.map((module) => module.slug);
  const modules = new Map<string, DownloadArtifact[]>(slugs.map((slug) => [slug, []]));
  const collection: DownloadArtifact[] = [];
  for (const artifact of artifacts) {
    const entry: DownloadArtifact = { format: artifact.format, media_type: artifact.mediaType, path: hrefOf(artifact), bytes: artifact.bytes, sha256: artifact.sha256 };
    const own = artifact.module === undefined ? undefined : modules.get(artifact.module);
    (own ?? collection).push(entry);
  }
  return { modules: slugs.map((slug) => ({ slug, artifacts: modules.get(slug)! })), collection };
}

/** The short form the index lists per module. */
export function downloadLinks(document: DownloadsDocument): Map<string, DownloadLink[]> {
  return new Map(document.modules.map((entry) => [entry.slug, entry.artifacts.map((artifact) => ({ format: artifact.format, href: artifact.path }))]));
}
