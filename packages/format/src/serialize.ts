import { relatedPlaces, report, type RuleId } from '@pattern-press/diagnostics';
import type { PatternCatalog, PatternModule, ResourceLibrary } from '@pattern-press/schema';
import { VFile } from 'vfile';
import type { CatalogEntry, ParsedCatalog } from './parse-catalog.js';
import type { ParsedLibrary } from './parse-library.js';
import type { ParsedModule } from './parse-module.js';
import type { ParsedYamlFile } from './parse-yaml-file.js';
import { PointerMap, type PointerPlace } from './pointers.js';

interface PlainPlace {
  line: number;
  column: number;
}

interface PlainMessage {
  reason: string;
  ruleId: string;
  fatal: boolean;
  place?: PlainPlace | undefined;
  note?: string | undefined;
  expected?: string[] | undefined;
  related: { path: string; place?: PlainPlace | undefined; reason: string }[];
}

/**
 * A ParsedModule as plain data, for crossing a worker-thread boundary and
 * for the parse cache (as JSON).
 */
export interface PlainParsedModule {
  path: string;
  document?: PatternModule | undefined;
  valid: boolean;
  schemaValid: boolean;
  pointers: [string, PointerPlace][];
  messages: PlainMessage[];
  fencesWithoutLanguage?: PlainPlace[] | undefined;
}

function plainPlace(place: unknown): PlainPlace | undefined {
  if (place && typeof place === 'object' && 'line' in place && 'column' in place) {
    return { line: Number(place.line), column: Number(place.column) };
  }
  return undefined;
}

/** The messages of a file as plain data (every message the parsers make goes through `report`, so this is all of it). */
function toPlainMessages(file: VFile): PlainMessage[] {
  return file.messages.map((message) => ({
    reason: message.reason,
    ruleId: message.ruleId ?? 'internal-error',
    fatal: message.fatal === true,
    place: plainPlace(message.place),
    note: message.note,
    expected: message.expected,
    related: relatedPlaces(message).map((related) => ({ path: related.file ?? '', place: plainPlace(related.place), reason: related.reason })),
  }));
}

/** Reports plain messages on `file` again, as the parser reported them. */
function addPlainMessages(file: VFile, messages: readonly PlainMessage[]): void {
  for (const message of messages) {
    report(file, message.ruleId as RuleId, message.reason, {
      place: message.place,
      severity: message.fatal ? 'error' : 'warning',
      hint: message.note,
      expected: message.expected,
      cause: message.related.length > 0 ? message.related : undefined,
    });
  }
}

function pointerMapOf(entries: readonly [string, PointerPlace][]): PointerMap {
  const pointers = new PointerMap();
  for (const [pointer, place] of entries) pointers.set(pointer, place);
  return pointers;
}

export function toPlain(parsed: ParsedModule): PlainParsedModule {
  return {
    path: parsed.file.path,
    document: parsed.document,
    valid: parsed.valid,
    schemaValid: parsed.schemaValid,
    pointers: parsed.pointers.entries(),
    fencesWithoutLanguage: parsed.fencesWithoutLanguage,
    messages: toPlainMessages(parsed.file),
  };
}

/** The ParsedModule again; `value` is the file's bytes (what a fresh parse keeps in `file.value`). */
export function fromPlain(plain: PlainParsedModule, value: string | Uint8Array): ParsedModule {
  const file = new VFile({ path: plain.path, value });
  addPlainMessages(file, plain.messages);
  const parsed: ParsedModule = { file, document: plain.document, valid: plain.valid, schemaValid: plain.schemaValid, pointers: pointerMapOf(plain.pointers) };
  if (plain.fencesWithoutLanguage) parsed.fencesWithoutLanguage = plain.fencesWithoutLanguage;
  return parsed;
}

/**
 * A catalog without schema errors as plain data. (ajv's verbose errors point
 * into the schema objects, which JSON cannot carry, so a catalog with schema
 * errors is not made plain: it is parsed every time.)
 */
/** What every parsed YAML file (the catalog, the library) holds, as plain data. */
interface PlainYamlFile<T> {
  path: string;
  hasData: boolean;
  data?: T | undefined;
  valid: boolean;
  pointers: [string, PointerPlace][];
  messages: PlainMessage[];
}

function yamlFileToPlain<T>(parsed: ParsedYamlFile<T>): PlainYamlFile<T> {
  return { path: parsed.file.path, hasData: 'data' in parsed, data: parsed.data, valid: parsed.valid, pointers: parsed.pointers.entries(), messages: toPlainMessages(parsed.file) };
}

export interface PlainParsedCatalog extends PlainYamlFile<PatternCatalog> {
  /** Each entry's slug and fields; its value is `data.patterns[index]`, the same object as a fresh parse gives. */
  entries: [string, Omit<CatalogEntry, 'value'>][];
  listed: string[];
  patternsRead: boolean;
}

export function catalogToPlain(parsed: ParsedCatalog): PlainParsedCatalog | undefined {
  if (parsed.schemaErrors.length > 0) return undefined;
  const entries: PlainParsedCatalog['entries'] = [];
  for (const [slug, entry] of parsed.entries) {
    // Always true for parseCatalog's entries; anything else is not reproducible from `data`.
    if (parsed.data?.patterns?.[entry.index] !== entry.value) return undefined;
    entries.push([slug, { index: entry.index, path: entry.path, places: entry.places }]);
  }
  return {
    ...yamlFileToPlain(parsed),
    entries,
    listed: [...parsed.listed],
    patternsRead: parsed.patternsRead,
  };
}

export function catalogFromPlain(plain: PlainParsedCatalog, value: string | Uint8Array): ParsedCatalog {
  const file = new VFile({ path: plain.path, value });
  addPlainMessages(file, plain.messages);
  const data = plain.data;
  const entries = new Map<string, CatalogEntry>();
  for (const [slug, entry] of plain.entries) {
    const pattern = data?.patterns?.[entry.index];
    if (pattern === undefined) throw new Error(`catalog entry ${slug} has no pattern at index ${entry.index}`);
    entries.set(slug, { value: pattern, index: entry.index, path: entry.path, places: entry.places });
  }
  return {
    file,
    valid: plain.valid,
    pointers: pointerMapOf(plain.pointers),
    schemaErrors: [],
    ...(plain.hasData ? { data } : {}),
    entries,
    listed: new Set(plain.listed),
    patternsRead: plain.patternsRead,
  };
}

/** A library without schema errors as plain data (see PlainParsedCatalog). */
export interface PlainParsedLibrary extends PlainYamlFile<ResourceLibrary> {
  /** Each reference's id and its index in `data.references`. */
  references: [string, number][];
}

export function libraryToPlain(parsed: ParsedLibrary): PlainParsedLibrary | undefined {
  if (parsed.schemaErrors.length > 0) return undefined;
  const references: [string, number][] = [];
  for (const [id, reference] of parsed.references) {
    const index = parsed.data?.references?.indexOf(reference) ?? -1;
    if (index < 0) return undefined;
    references.push([id, index]);
  }
  return { ...yamlFileToPlain(parsed), references };
}

export function libraryFromPlain(plain: PlainParsedLibrary, value: string | Uint8Array): ParsedLibrary {
  const file = new VFile({ path: plain.path, value });
  addPlainMessages(file, plain.messages);
  const data = plain.data;
  const references = new Map<string, ResourceLibrary['references'][number]>();
  for (const [id, index] of plain.references) {
    const reference = data?.references?.[index];
    if (reference === undefined) throw new Error(`library reference ${id} has no entry at index ${index}`);
    references.set(id, reference);
  }
  return { file, valid: plain.valid, pointers: pointerMapOf(plain.pointers), schemaErrors: [], ...(plain.hasData ? { data } : {}), references };
}
