import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

export const schemasDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));
/** schemas/<name>.schema.json, then the API responses of schemas/api/ (common.schema.json only holds shared $defs). */
export const schemaNames = [
  'module',
  'catalog',
  'library',
  ...['answers', 'categories', 'downloads', 'error', 'exam', 'glossary', 'graph', 'index', 'instructor-module-detail', 'learner-module', 'module-detail', 'openapi', 'schedule', 'search-index'].map(
    (name) => `api/${name}`,
  ),
];

const schemasUrl = 'https://pattern-press.dev/schemas/';

/**
 * `schema` with every `$ref` made absolute against `base` (its $id), but the
 * root's own `#/...` refs: the ref parser resolves a referenced file's local
 * refs against the root when the ref has sibling keywords, so none are left.
 */
function absoluteRefs(schema, base, keepLocal) {
  if (Array.isArray(schema)) return schema.map((item) => absoluteRefs(item, base, keepLocal));
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && !(keepLocal && value.startsWith('#')) ? [key, new URL(value, base).href] : [key, absoluteRefs(value, base, keepLocal)],
    ),
  );
}

async function schemaAt(url) {
  return JSON.parse(await readFile(`${schemasDir}${url.slice(schemasUrl.length).split('#')[0]}`, 'utf8'));
}

/** The API schemas point at each other and at the canonical ones by $id: read those from schemas/, never from the network. */
const localSchemas = {
  order: 1,
  canRead: (file) => file.url.startsWith(schemasUrl),
  read: async (file) => JSON.stringify(absoluteRefs(await schemaAt(file.url), file.url, false)),
};

/** The TypeScript source generated from schemas/<name>.schema.json. */
export async function renderTypes(name) {
  const url = `${schemasUrl}${name}.schema.json`;
  const schema = absoluteRefs(await schemaAt(url), url, true);
  return compile(schema, schema.title, {
    cwd: schemasDir,
    additionalProperties: false,
    bannerComment: `/* Generated from schemas/${name}.schema.json by \`pnpm generate:types\`. Do not edit. */`,
    style: { singleQuote: true },
    format: true,
    unreachableDefinitions: true,
    $refOptions: { resolve: { http: false, schemas: localSchemas } },
  });
}
