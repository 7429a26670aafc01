import { report, type Place } from '@pattern-press/diagnostics';
import type { PatternCatalog } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { isInvalidAt, parseYamlFile, type ParsedYamlFile } from './parse-yaml-file.js';
import { joinPointer } from './pointers.js';
import { isPlainObject } from './yaml-source.js';

export type CatalogPattern = PatternCatalog['patterns'][number];

/** A pattern's catalog entry with where each of its fields is written. */
export interface CatalogEntry {
  value: CatalogPattern;
  index: number;
  path: string;
  places: Partial<Record<keyof CatalogPattern, Place>> & { entry?: Place | undefined };
}

export interface ParsedCatalog extends ParsedYamlFile<PatternCatalog> {
  /**
   * Entries by slug (the first of duplicates): every entry that is valid on
   * its own, even when another entry or part of the file is not, so one
   * broken entry costs one error at that entry rather than the catalog fields
   * of every module.
   */
  entries: Map<string, CatalogEntry>;
  /** Every slug the `patterns` list names, entries with errors included (those errors are on the catalog). */
  listed: Set<string>;
  /** Whether the `patterns` list could be read: then a slug absent from `listed` really has no entry. */
  patternsRead: boolean;
}

/** The items of a list the schema accepted as a list (its items may still be invalid), or undefined. */
function readableList(parsed: ParsedYamlFile<PatternCatalog>, pointer: string, value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const wrongType = parsed.schemaErrors.some((error) => error.instancePath === pointer && error.keyword === 'type');
  return wrongType ? undefined : value;
}

/** Parses modules/catalog.yaml: the pattern catalog and the timeline settings. */
export function parseCatalog(file: VFile): ParsedCatalog {
  const parsed = parseYamlFile<PatternCatalog>(file, 'catalog');
  const entries = new Map<string, CatalogEntry>();
  const listed = new Set<string>();
  const result: ParsedCatalog = { ...parsed, entries, listed, patternsRead: false };
  if (!parsed.data) return result;
  const catalog = parsed.data;
  const placeOf = (...segments: (string | number)[]) => parsed.pointers.lookup(joinPointer('', ...segments))?.value;
  const valid = (...segments: (string | number)[]) => !isInvalidAt(parsed, joinPointer('', ...segments));
  const patterns = readableList(parsed, '/patterns', catalog.patterns);
  result.patternsRead = patterns !== undefined;

  const firstDefinition = <T>(list: readonly T[] | undefined, key: (item: T) => unknown, listPath: string[], what: string) => {
    const seen = new Map<string, number>();
    (list ?? []).forEach((item, index) => {
      const id = isPlainObject(item) ? key(item) : undefined;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        report(file, 'duplicate-id', `${what} \`${id}\` is defined twice`, {
          place: placeOf(...listPath, index),
          cause: { path: file.path, place: placeOf(...listPath, first), reason: 'first defined here' },
        });
    });
  };
  const categoryList = readableList(parsed, '/categories', catalog.categories) as PatternCatalog['categories'] | undefined;
  const teamList = isPlainObject(catalog.timeline) ? (readableList(parsed, '/timeline/team', catalog.timeline.team) as PatternCatalog['timeline']['team'] | undefined) : undefined;
  firstDefinition(categoryList, (c) => c.id, ['categories'], 'category');
  firstDefinition(patterns as CatalogPattern[] | undefined, (p) => p.slug, ['patterns'], 'pattern');
  firstDefinition(teamList, (t) => t.id, ['timeline', 'team'], 'team member');

  // Only a categories list without errors says which categories exist; otherwise its own errors say enough.
  const categories = categoryList && valid('categories') ? new Set(categoryList.map((category) => category.id)) : undefined;
  (patterns ?? []).forEach((item, index) => {
    const slug = isPlainObject(item) ? item.slug : undefined;
    if (typeof slug === 'string') listed.add(slug);
    // An entry with a schema error was reported at that entry; its module is left without it rather than given bad values.
    if (!valid('patterns', index)) return;
    const pattern = item as CatalogPattern;
    if (categories && !categories.has(pattern.category)) {
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
  result.valid = parsed.valid && !file.messages.some((message) => message.fatal === true);
  return result;
}
