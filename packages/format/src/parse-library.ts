import { report } from '@pattern-press/diagnostics';
import type { ResourceLibrary } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { parseYamlFile, type ParsedYamlFile } from './parse-yaml-file.js';

export type LibraryReference = ResourceLibrary['references'][number];

export interface ParsedLibrary extends ParsedYamlFile<ResourceLibrary> {
  references: Map<string, LibraryReference>;
}

/** Parses modules/library.yaml (CSL YAML): the resource library modules cite. */
export function parseLibrary(file: VFile): ParsedLibrary {
  const parsed = parseYamlFile<ResourceLibrary>(file, 'library');
  const references = new Map<string, LibraryReference>();
  const result: ParsedLibrary = { ...parsed, references };
  if (!parsed.valid || !parsed.data) return result;
  const firstIndex = new Map<string, number>();
  parsed.data.references.forEach((reference, index) => {
    const first = firstIndex.get(reference.id);
    if (first === undefined) {
      firstIndex.set(reference.id, index);
      references.set(reference.id, reference);
      return;
    }
    report(file, 'duplicate-id', `library id \`${reference.id}\` is defined twice`, {
      place: parsed.pointers.lookup(`/references/${index}/id`)?.value,
      cause: { path: file.path, place: parsed.pointers.lookup(`/references/${first}/id`)?.value, reason: 'first defined here' },
    });
  });
  result.valid = !file.messages.some((message) => message.fatal === true);
  return result;
}
