import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '@pattern-press/schema';

/** schemas/api/: the JSON Schemas of the API responses. */
export const apiSchemasDir = path.join(schemasDir, 'api');

export type JsonSchema = Record<string, unknown> & { $id: string; title: string };

export const apiSchemaIds = {
  index: 'https://pattern-press.dev/schemas/api/index.schema.json',
  module: 'https://pattern-press.dev/schemas/api/module-detail.schema.json',
  instructorModule: 'https://pattern-press.dev/schemas/api/instructor-module-detail.schema.json',
  learnerModule: 'https://pattern-press.dev/schemas/api/learner-module.schema.json',
  exam: 'https://pattern-press.dev/schemas/api/exam.schema.json',
  answers: 'https://pattern-press.dev/schemas/api/answers.schema.json',
  categories: 'https://pattern-press.dev/schemas/api/categories.schema.json',
  graph: 'https://pattern-press.dev/schemas/api/graph.schema.json',
  glossary: 'https://pattern-press.dev/schemas/api/glossary.schema.json',
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

const canonicalModuleId = 'https://pattern-press.dev/schemas/module.schema.json';

/** The $defs a schema reaches from its root through local `#/$defs/...` references. */
function reachableDefinitions(schema: Record<string, unknown>): Set<string> {
  const defs = (schema.$defs ?? {}) as Record<string, unknown>;
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$defs') continue;
        const match = key === '$ref' && typeof child === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(child) : null;
        if (match && !reached.has(match[1]!)) {
          reached.add(match[1]!);
          visit(defs[match[1]!]);
        } else visit(child);
      }
    }
  };
  visit(schema);
  return reached;
}

/**
 * schemas/api/learner-module.schema.json, derived from the canonical module
 * schema: the same document without `exam` and without the code examples'
 * hidden `tests` and `driver` (see learnerModule() in resources.ts), and
 * without the $defs only those used. A test keeps the file equal to this.
 */
export function learnerModuleSchema(canonical: Record<string, unknown>): JsonSchema {
  if (canonical.$id !== canonicalModuleId) throw new Error(`expected the canonical module schema, got ${String(canonical.$id)}`);
  const copy = structuredClone(canonical) as Record<string, any>;
  delete copy.properties.exam;
  copy.required = (copy.required as string[]).filter((name) => name !== 'exam');
  const example = copy.$defs.codeExample;
  delete example.properties.tests;
  delete example.properties.driver;
  example.required = (example.required as string[]).filter((name) => name !== 'tests' && name !== 'driver');
  const reached = reachableDefinitions(copy);
  copy.$defs = Object.fromEntries(Object.entries(copy.$defs as Record<string, unknown>).filter(([name]) => reached.has(name)));
  const { $schema, $id: _id, title: _title, description: _description, ...rest } = copy;
  return {
    $schema,
    $id: apiSchemaIds.learnerModule,
    title: 'ApiLearnerModule',
    description:
      'The canonical module (schemas/module.schema.json) as learners may see it, in modules/{slug}.json of the learner API: ' +
      "without `exam` (the questions are in exam.json, the answers only in the instructor build) and without the code examples' hidden `tests` and exam `driver`; " +
      'links written inside the exam are left out. Generated from the canonical schema: do not edit.',
    ...rest,
  } as JsonSchema;
}
