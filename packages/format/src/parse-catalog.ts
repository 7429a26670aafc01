import { report, type Place } from '@pattern-press/diagnostics';
import type { PatternCatalog } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { parseYamlFile, type ParsedYamlFile } from './parse-yaml-file.js';
import { joinPointer } from './pointers.js';

export type CatalogPattern = PatternCatalog['patterns'][number];

/** A pattern's catalog entry with where each of its fields is written. */
export interface CatalogEntry {
  value: CatalogPattern;
  index: number;
  path: string;
  places: Partial<Record<keyof CatalogPattern, Place>> & { entry?: Place };
}

export interface ParsedCatalog extends ParsedYamlFile<PatternCatalog> {
  /** Entries by slug (the first of duplicates). */
  entries: Map<string, CatalogEntry>;
}

/** Parses modules/catalog.yaml: the pattern catalog and the timeline settings. */
export function parseCatalog(file: VFile): ParsedCatalog {
  const parsed = parseYamlFile<PatternCatalog>(file, 'catalog');
  const entries = new Map<string, CatalogEntry>();
  const result: ParsedCatalog = { ...parsed, entries };
  if (!parsed.valid || !parsed.data) return result;
  const catalog = parsed.data;
  const placeOf = (...segments: (string | number)[]) => parsed.pointers.lookup(joinPointer('', ...segments))?.value;
  const categories = new Set(catalog.categories.map((category) => category.id));
  const firstDefinition = <T>(list: T[], key: (item: T) => string, listName: string, what: string) => {
    const seen = new Map<string, number>();
    list.forEach((item, index) => {
      const id = key(item);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        report(file, 'duplicate-id', `${what} \`${id}\` is defined twice`, {
          place: placeOf(listName, index),
          cause: { path: file.path, place: placeOf(listName, first), reason: 'first defined here' },
        });
    });
  };
  firstDefinition(catalog.categories, (c) => c.id, 'categories', 'category');
  firstDefinition(catalog.patterns, (p) => p.slug, 'patterns', 'pattern');
  firstDefinition(catalog.timeline.team, (t) => t.id, 'team', 'team member');
  catalog.patterns.forEach((pattern, index) => {
    if (!categories.has(pattern.category)) {
      report(file, 'schema-enum', `category \`${pattern.category}\` is not listed under \`categories\``, {
        place: placeOf('patterns', index, 'category'),
        expected: [...categories],
      });
    }
    if (entries.has(pattern.slug)) return;
    const places: CatalogEntry['places'] = { entry: placeOf('patterns', index) };
    for (const key of Object.keys(pattern) as (keyof CatalogPattern)[]) {
      const place = placeOf('patterns', index, key);
      if (place) places[key] = place;
    }
    entries.set(pattern.slug, { value: pattern, index, path: file.path, places });
  });
  result.valid = !file.messages.some((message) => message.fatal === true);
  return result;
}
