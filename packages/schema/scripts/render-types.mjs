import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

export const schemasDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));
export const schemaNames = ['module', 'catalog', 'library'];

/** The TypeScript source generated from schemas/<name>.schema.json. */
export async function renderTypes(name) {
  const schema = JSON.parse(await readFile(`${schemasDir}${name}.schema.json`, 'utf8'));
  return compile(schema, schema.title, {
    cwd: schemasDir,
    additionalProperties: false,
    bannerComment: `/* Generated from schemas/${name}.schema.json by \`pnpm generate:types\`. Do not edit. */`,
    style: { singleQuote: true },
    format: true,
    unreachableDefinitions: true,
  });
}
