import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSchemaIds, apiSchemasDir, learnerModuleSchema, loadAllSchemas } from './schemas.js';

describe('schemas/api/', () => {
  it('holds learner-module.schema.json exactly as derived from the canonical module schema (run `node packages/api/scripts/write-learner-schema.mjs` when this fails)', async () => {
    const canonical = JSON.parse(await readFile(path.join(apiSchemasDir, '..', 'module.schema.json'), 'utf8'));
    const written = await readFile(path.join(apiSchemasDir, 'learner-module.schema.json'), 'utf8');
    expect(written).toBe(`${JSON.stringify(learnerModuleSchema(canonical), null, 2)}\n`);
  });

  it('describes the learner view without the exam, hidden tests or drivers', () => {
    const learner = loadAllSchemas().find((schema) => schema.$id === apiSchemaIds.learnerModule)! as Record<string, any>;
    expect(Object.keys(learner.properties)).not.toContain('exam');
    expect(Object.keys(learner.$defs.codeExample.properties)).not.toContain('tests');
    expect(Object.keys(learner.$defs.codeExample.properties)).not.toContain('driver');
    expect(Object.keys(learner.$defs).filter((name) => /^(exam|question|answer)/.test(name))).toEqual([]);
  });
});
