import type { PatternCatalog, PatternModule, ResourceLibrary, Status } from '@pattern-press/schema';
import type { Collection } from './collection.js';

/**
 * What every emitter reads: the canonical documents of a collection that
 * checked clean, in catalog order, with the catalog and the library.
 */
export interface Publication {
  /** The modules/ folder (assets are resolved against `<root>/<slug>/`). */
  root: string;
  catalog: PatternCatalog;
  library: ResourceLibrary;
  /** Every module, in catalog order. */
  modules: PatternModule[];
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
  const modules = collection.modules
    .map((module) => module.document!)
    .sort((a, b) => (order.get(a.slug) ?? Infinity) - (order.get(b.slug) ?? Infinity) || a.slug.localeCompare(b.slug));
  return {
    root: collection.root,
    catalog: collection.catalog.data,
    library: collection.library?.data ?? { references: [] },
    modules,
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
