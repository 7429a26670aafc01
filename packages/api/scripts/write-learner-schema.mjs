// Writes schemas/api/learner-module.schema.json from schemas/module.schema.json (after `tsc -p packages/api`).
// The learner view of a module is the canonical document without the exam, hidden tests and drivers:
// keeping its schema derived means it never drifts. src/schemas.test.ts fails when the file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { learnerModuleSchema, apiSchemasDir } from '../dist/schemas.js';

const canonical = JSON.parse(await readFile(path.join(apiSchemasDir, '..', 'module.schema.json'), 'utf8'));
const file = path.join(apiSchemasDir, 'learner-module.schema.json');
await writeFile(file, `${JSON.stringify(learnerModuleSchema(canonical), null, 2)}\n`);
console.log(`wrote ${file}`);
