import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '@pattern-press/schema';

/** schemas/api/: the JSON Schemas of the API responses. */
export const apiSchemasDir = path.join(schemasDir, 'api');

export type JsonSchema = Record<string, unknown> & { $id: string; title: string };

export const apiSchemaIds = {
  index: 'https://pattern-press.dev/schemas/api/index.schema.json',
  module: 'https://pattern-press.dev/schemas/api/module-detail.schema.json',
  exam: 'https://pattern-press.dev/schemas/api/exam.schema.json',
  answers: 'https://pattern-press.dev/schemas/api/answers.schema.json',
  categories: 'https://pattern-press.dev/schemas/api/categories.schema.json',
  graph: 'https://pattern-press.dev/schemas/api/graph.schema.json',
  schedule: 'https://pattern-press.dev/schemas/api/schedule.schema.json',
  searchIndex: 'https://pattern-press.dev/schemas/api/search-index.schema.json',
  downloads: 'https://pattern-press.dev/schemas/api/downloads.schema.json',
  openapi: 'https://pattern-press.dev/schemas/api/openapi.schema.json',
  error: 'https://pattern-press.dev/schemas/api/error.schema.json',
} as const;

function schemasIn(dir: string): JsonSchema[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as JsonSchema);
}

/** Every schema of schemas/ and schemas/api/, in file-name order (the canonical ones first). */
export function loadAllSchemas(): JsonSchema[] {
  return [...schemasIn(schemasDir), ...schemasIn(apiSchemasDir)];
}
