// Regenerates src/generated/*.ts from ../../schemas/*.schema.json.
// `--check` exits 1 when the committed types differ from what the schemas give.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTypes, schemaNames } from './render-types.mjs';

const generatedDir = fileURLToPath(new URL('../src/generated/', import.meta.url));
const check = process.argv.includes('--check');
let stale = 0;
for (const name of schemaNames) {
  const expected = await renderTypes(name);
  const path = `${generatedDir}${name}.ts`;
  const actual = await readFile(path, 'utf8').catch(() => '');
  if (actual === expected) continue;
  if (check) {
    console.error(`${path}: stale; run \`pnpm generate:types\``);
    stale++;
  } else {
    await writeFile(path, expected);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale ? 1 : 0);
