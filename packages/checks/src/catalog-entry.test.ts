import { formatMessage } from '@pattern-press/diagnostics';
import { loadCollection } from '@pattern-press/format';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCollection } from './collection-checks.js';

const validFixture = fileURLToPath(new URL('../../../tests/fixtures/valid', import.meta.url));

/** Every message of `press check` on a copy of tests/fixtures/valid whose catalog.yaml went through `edit`. */
async function checkWithCatalog(edit: (catalog: string) => string): Promise<string[]> {
  const root = path.join(await mkdtemp(path.join(os.tmpdir(), 'press-catalog-entry-')), 'modules');
  await cp(validFixture, root, { recursive: true });
  const catalogPath = path.join(root, 'catalog.yaml');
  const original = await readFile(catalogPath, 'utf8');
  const edited = edit(original);
  expect(edited).not.toBe(original);
  await writeFile(catalogPath, edited);
  const collection = await loadCollection(root);
  checkCollection(collection);
  return collection.files.flatMap((file) => file.messages.map((message) => formatMessage(message, root)));
}

/** The catalog with one line of the `slug` entry replaced (`from` → `to`). */
function inEntry(slug: string, from: string, to: string): (catalog: string) => string {
  return (catalog) => {
    const start = catalog.indexOf(`- slug: ${slug}\n`);
    const end = catalog.indexOf('\n  - ', start + 1) < 0 ? catalog.indexOf('\ntimeline:') : catalog.indexOf('\n  - ', start + 1);
    return catalog.slice(0, start) + catalog.slice(start, end).replace(from, to) + catalog.slice(end);
  };
}

describe('one broken catalog entry', () => {
  it('is one error at that entry; the valid modules get none', async () => {
    const messages = await checkWithCatalog((catalog) =>
      catalog.replace('timeline:', '  - { slug: gamma, title: Gamma, category: resilence, priority: 1, complexity: low, depends_on: [], real_examples: [] }\ntimeline:'),
    );
    expect(messages).toEqual([
      'catalog.yaml:20:44: error schema-enum: `resilence` is not a valid `category`: use one of `scaling`, `resilience`, `architecture`, `data`, `messaging`, `observability`, `security` (did you mean `resilience`?)',
    ]);
  });

  it('a misspelt category or a missing field in one entry leaves the other modules untouched', async () => {
    const misspelt = await checkWithCatalog(inEntry('alpha', 'category: resilience', 'category: resilence'));
    expect(misspelt.filter((line) => line.startsWith('catalog.yaml'))).toEqual([
      'catalog.yaml:6:15: error schema-enum: `resilence` is not a valid `category`: use one of `scaling`, `resilience`, `architecture`, `data`, `messaging`, `observability`, `security` (did you mean `resilience`?)',
    ]);
    // beta depends on alpha: alpha's broken entry is still an entry, so no unknown-module either.
    expect(misspelt.filter((line) => line.startsWith('beta/'))).toEqual([]);

    const missing = await checkWithCatalog(inEntry('beta', '    complexity: low\n', ''));
    expect(missing.filter((line) => line.startsWith('catalog.yaml'))).toEqual(['catalog.yaml:11:5: error schema-required: missing required key `complexity` in item 2 of `patterns`']);
    expect(missing.filter((line) => line.startsWith('alpha/'))).toEqual([]);
  });

  it('still reports a module folder without an entry, and an entry without a folder', async () => {
    const messages = await checkWithCatalog((catalog) => inEntry('alpha', 'category: resilience', 'category: resilence')(catalog).replace('- slug: beta', '- slug: delta'));
    expect(messages).toContain(
      'catalog.yaml:11:11: warning catalog-missing-folder: catalog entry `delta` has no folder `delta/module.md` (planned as a module at research) (create it with `press new delta`)',
    );
    expect(messages.some((line) => line.startsWith('beta/module.md') && line.includes('catalog-missing-entry'))).toBe(true);
  });
});
