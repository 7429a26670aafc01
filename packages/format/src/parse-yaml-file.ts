import { report } from '@pattern-press/diagnostics';
import { sharedValidators, type ErrorObject, type SchemaName } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { PointerMap } from './pointers.js';
import { reportSchemaErrors } from './schema-errors.js';
import { decodeText } from './text.js';
import { isPlainObject, parseYamlSource } from './yaml-source.js';

export interface ParsedYamlFile<T> {
  file: VFile;
  /** The data, when it parsed as a mapping (valid or not). */
  data?: T | undefined;
  valid: boolean;
  pointers: PointerMap;
  /** The schema's errors (each reported on `file`), so a reader can still use the parts without one. */
  schemaErrors: ErrorObject[];
}

/** Reads a YAML data file (the catalog, the library) and validates it against its schema. */
export function parseYamlFile<T>(file: VFile, schema: SchemaName): ParsedYamlFile<T> {
  const pointers = new PointerMap();
  const result: ParsedYamlFile<T> = { file, valid: false, pointers, schemaErrors: [] };
  const text = decodeText(file);
  if (text === undefined) return result;
  const parsed = parseYamlSource(file, text, { line: 1, column: 1 }, '', pointers);
  if (!parsed) return result;
  if (!isPlainObject(parsed.value)) {
    report(file, 'frontmatter-not-mapping', 'the file must be a YAML mapping of keys to values', { place: { line: 1, column: 1 } });
    return result;
  }
  result.data = parsed.value as T;
  const errors = sharedValidators().validate(schema, parsed.value);
  reportSchemaErrors(file, errors, pointers);
  result.schemaErrors = errors;
  result.valid = errors.length === 0;
  return result;
}

/** Whether the schema found a problem at `pointer` or anywhere inside it (or in a parent that holds it: a wrong type). */
export function isInvalidAt(parsed: Pick<ParsedYamlFile<unknown>, 'data' | 'schemaErrors'>, pointer: string): boolean {
  if (parsed.data === undefined) return true;
  return parsed.schemaErrors.some((error) => {
    const at = error.instancePath;
    return at === pointer || at.startsWith(`${pointer}/`) || (error.keyword === 'type' && pointer.startsWith(`${at}/`));
  });
}
