import { report } from '@pattern-press/diagnostics';
import { sharedValidators, type SchemaName } from '@pattern-press/schema';
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
}

/** Reads a YAML data file (the catalog, the library) and validates it against its schema. */
export function parseYamlFile<T>(file: VFile, schema: SchemaName): ParsedYamlFile<T> {
  const pointers = new PointerMap();
  const result: ParsedYamlFile<T> = { file, valid: false, pointers };
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
  result.valid = errors.length === 0;
  return result;
}
