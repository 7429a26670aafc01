import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's schemas/ folder (the package reads the schemas in place: one source of truth). */
export const schemasDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));

export type SchemaName = 'module' | 'catalog' | 'library';

export const schemaIds: Record<SchemaName, string> = {
  module: 'https://pattern-press.dev/schemas/module.schema.json',
  catalog: 'https://pattern-press.dev/schemas/catalog.schema.json',
  library: 'https://pattern-press.dev/schemas/library.schema.json',
};

const cache = new Map<string, Record<string, unknown>>();

/** A schema file of schemas/ (e.g. `module.schema.json`), parsed once. */
export function loadSchema(fileName: string): Record<string, unknown> {
  let schema = cache.get(fileName);
  if (!schema) {
    schema = JSON.parse(readFileSync(`${schemasDir}${fileName}`, 'utf8')) as Record<string, unknown>;
    registerDefinitions(schema);
    cache.set(fileName, schema);
  }
  return schema;
}

const definitionNames = new WeakMap<object, string>();

/**
 * The `$defs` name of a schema object of ours (ajv's `parentSchema` in verbose
 * mode), or '' for a root or inline schema. Error paths inside a `$ref` are
 * relative to the referenced schema, so identity is the reliable link.
 */
export function definitionName(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return '';
  return definitionNames.get(schema) ?? '';
}

function registerDefinitions(schema: Record<string, unknown>): void {
  const defs = schema.$defs as Record<string, object> | undefined;
  for (const [name, definition] of Object.entries(defs ?? {})) definitionNames.set(definition, name);
}
