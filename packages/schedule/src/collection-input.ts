import { catalogFileName, type Collection } from '@pattern-press/format';
import path from 'node:path';
import type { ScheduleInput, SourceFile } from './types.js';

/**
 * The scheduler's input from a loaded collection, with the parsed files'
 * pointers so every diagnostic points at the YAML value to fix. Modules that
 * did not parse are left out (their own diagnostics say why). Undefined when
 * the catalog did not parse: there is nothing to plan from.
 */
export function scheduleInputFromCollection(collection: Collection): ScheduleInput | undefined {
  const catalog = collection.catalog.data;
  if (!catalog) return undefined;
  const modules = new Map<string, SourceFile>();
  const documents = collection.modules.flatMap((parsed) => {
    if (!parsed.document) return [];
    modules.set(parsed.document.slug, { path: parsed.file.path, pointers: parsed.pointers });
    return [parsed.document];
  });
  return {
    catalog,
    modules: documents,
    root: collection.root,
    sources: {
      catalog: { path: collection.catalog.file.path || path.join(collection.root, catalogFileName), pointers: collection.catalog.pointers },
      modules,
    },
  };
}
