import { createHash } from 'node:crypto';
import type { PatternCatalog, PatternModule, ResourceLibrary, Status } from '@pattern-press/schema';
import type { ModuleAsset, ModuleAssets } from './assets.js';
import { assetPathOf } from './assets.js';
import type { Collection } from './collection.js';

/**
 * What every emitter reads: the canonical documents of a collection that
 * checked clean, in catalog order, with the catalog and the library.
 */
export interface Publication {
  /** The modules/ folder: where diagnostics point. Outputs never read files from it; they read `assets`. */
  root: string;
  catalog: PatternCatalog;
  library: ResourceLibrary;
  /** Every module, in catalog order. */
  modules: PatternModule[];
  /**
   * The files each module links to (by slug), read once when the collection
   * was loaded, confined to the module folder and sanitized: the only asset
   * bytes an output may publish.
   */
  assets: ReadonlyMap<string, ModuleAssets>;
}

/** A digest of the assets a module publishes (paths and content hashes): part of the cache key of its outputs. */
export function assetsDigest(publication: Pick<Publication, 'assets'>, slug: string): string {
  const files = [...(publication.assets.get(slug)?.files.values() ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return createHash('sha256')
    .update(files.map((file) => `${file.path}\0${file.sha256}`).join('\n'))
    .digest('hex');
}

/** The asset a module's relative link names, when the module may publish it. */
export function assetOf(publication: Pick<Publication, 'assets'>, slug: string, href: string): ModuleAsset | undefined {
  const assetPath = assetPathOf(href);
  return assetPath === undefined ? undefined : publication.assets.get(slug)?.files.get(assetPath);
}

/** Statuses whose modules get every output; earlier ones appear in the catalog, API index and timeline only. */
export const builtStatuses: readonly Status[] = ['draft', 'review', 'published'];

export function isBuilt(module: PatternModule): boolean {
  return builtStatuses.includes(module.status);
}

/** Outputs of a module that is not published say so. */
export function isReviewCopy(module: PatternModule): boolean {
  return module.status !== 'published';
}

/** The publication of a collection. Throws when the collection has errors: check first (API misuse). */
export function toPublication(collection: Collection): Publication {
  if (!collection.catalog.valid || !collection.catalog.data || collection.modules.some((module) => !module.valid || !module.document)) {
    throw new Error('toPublication needs a collection without errors: run the checks first');
  }
  const order = new Map(collection.catalog.data.patterns.map((pattern, index) => [pattern.slug, index]));
  const modules = collection.modules.map((module) => module.document!).sort((a, b) => (order.get(a.slug) ?? Infinity) - (order.get(b.slug) ?? Infinity) || a.slug.localeCompare(b.slug));
  return {
    root: collection.root,
    catalog: collection.catalog.data,
    library: collection.library?.data ?? { references: [] },
    modules,
    assets: collection.assets,
  };
}

/**
 * The same publication with only `slugs` built: every other draft, review or
 * published module is shown at `outline`, so it stays in the catalog, the API
 * index and the timeline but gets no outputs. For previews of one module and
 * for tests that must not grow with the content.
 */
export function restrictBuilt(publication: Publication, slugs: Iterable<string>): Publication {
  const keep = new Set(slugs);
  return {
    ...publication,
    modules: publication.modules.map((module) => (isBuilt(module) && !keep.has(module.slug) ? { ...module, status: 'outline' as const } : module)),
  };
}
