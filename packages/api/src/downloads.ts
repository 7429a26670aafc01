import type { Artifact } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import type { ApiDownloads } from '@pattern-press/schema';
import type { DownloadLink } from './resources.js';

/** One entry of downloads.json. */
type DownloadArtifact = ApiDownloads['collection'][number];

/** The download path press serve answers an artifact at (`/pdf/circuit-breaker.pdf`). */
function hrefOf(artifact: Artifact): string {
  return `/${artifact.path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The downloads.json response: the artifacts the other outputs' emitters
 * declared (each knows its own files' module and format), per module slug
 * (every slug, in order) and for the collection, in the order given.
 */
export function downloadsDocument(publication: Publication, artifacts: readonly Artifact[]): ApiDownloads {
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
export function downloadLinks(document: ApiDownloads): Map<string, DownloadLink[]> {
  return new Map(document.modules.map((entry) => [entry.slug, entry.artifacts.map((artifact) => ({ format: artifact.format, href: artifact.path }))]));
}
