import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { loadSchema, schemaIds, schemasDir, type SchemaName } from './schemas.js';

// ajv and ajv-formats are CommonJS; createRequire avoids default-export interop guesswork.
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

export type { ErrorObject };

export interface Validators {
  /** Validates a document against a schema by name or by `$id`. */
  validate(schema: SchemaName | string, data: unknown): ErrorObject[];
  /** The compiled validator, for callers that validate in a loop. */
  validator(schema: SchemaName | string): ValidateFunction;
}

/**
 * One ajv instance holding every schema of schemas/ (cross-references resolve),
 * compiled lazily, all errors collected, strict about the schemas themselves.
 */
export function createValidators(): Validators {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, discriminator: true });
  addFormats(ajv);
  // json-schema-to-typescript's annotation: meaningful to the type generator only.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const fileName of readdirSync(schemasDir).filter((name) => name.endsWith('.schema.json')).sort()) {
    ajv.addSchema(loadSchema(fileName));
  }
  const validator = (schema: string): ValidateFunction => {
    const id = (schemaIds as Record<string, string>)[schema] ?? schema;
    const compiled = ajv.getSchema(id);
    if (!compiled) throw new Error(`no schema with id ${id} in ${schemasDir}`);
    return compiled;
  };
  return {
    validator,
    validate(schema, data) {
      const compiled = validator(schema);
      return compiled(data) ? [] : [...(compiled.errors ?? [])];
    },
  };
}

let shared: Validators | undefined;

/** A process-wide validator set: compiling the schemas costs more than validating many documents. */
export function sharedValidators(): Validators {
  shared ??= createValidators();
  return shared;
}
