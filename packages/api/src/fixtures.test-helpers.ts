import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, restrictBuilt, toPublication, type Publication } from '@pattern-press/format';
import type { ValidateFunction } from 'ajv';
import { loadAllSchemas } from './schemas.js';

// ajv and ajv-formats are CommonJS; createRequire avoids default-export interop guesswork.
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

export const modulesDir = fileURLToPath(new URL('../../../modules', import.meta.url));

/** The real collection of the repository, checked, as the CLI hands it to emitters. */
export async function realPublication(): Promise<Publication> {
  const collection = await loadCollection(modulesDir);
  checkCollection(collection);
  // Only circuit-breaker is built, so the tests do not grow with the content; saga is shown at research
  // so the index has a module of every early status, as a catalog has while content is being written.
  const publication = restrictBuilt(toPublication(collection), ['circuit-breaker']);
  return { ...publication, modules: publication.modules.map((module) => (module.slug === 'saga' ? { ...module, status: 'research' as const } : module)) };
}

/** One strict ajv holding schemas/*.schema.json and schemas/api/*.schema.json. */
export function apiValidator(): (id: string, data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, discriminator: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const schema of loadAllSchemas()) ajv.addSchema(schema);
  const compiled = new Map<string, ValidateFunction>();
  return (id, data) => {
    let validate = compiled.get(id);
    if (!validate) {
      validate = ajv.getSchema(id);
      if (!validate) throw new Error(`no schema ${id}`);
      compiled.set(id, validate);
    }
    return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
  };
}
