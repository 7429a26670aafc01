import { relatedPlaces } from '@pattern-press/diagnostics';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCollection, type Collection } from './collection.js';
import { parseCacheFolder } from './parse-cache.js';
import { decodeExact, encodeExact } from './plain-json.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = path.join(repo, 'tests/fixtures');

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-parse-cache-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every own property of a message (its stack aside), its causes described the same way. */
function describeMessage(message: VFile['messages'][number]): Record<string, unknown> {
  const described: Record<string, unknown> = {};
  for (const key of Object.keys(message).sort()) {
    if (key === 'stack' || key === 'cause' || key === 'moreCauses') continue;
    described[key] = (message as unknown as Record<string, unknown>)[key];
  }
  described.causes = relatedPlaces(message).map(describeMessage);
  return described;
}

function describeFile(file: VFile) {
  return { path: file.path, value: file.value, messages: file.messages.map(describeMessage) };
}

/** Everything a load gives, as data: what a cache hit must reproduce exactly. */
function describeCollection(collection: Collection) {
  const { catalog, library } = collection;
  return {
    folders: collection.folders,
    files: collection.files.map(describeFile),
    catalog: {
      file: describeFile(catalog.file),
      hasData: 'data' in catalog,
      data: catalog.data,
      valid: catalog.valid,
      pointers: catalog.pointers.entries(),
      schemaErrors: catalog.schemaErrors.map((error) => ({ instancePath: error.instancePath, keyword: error.keyword, params: error.params })),
      entries: [...catalog.entries],
      sameEntryObjects: [...catalog.entries.values()].every((entry) => catalog.data?.patterns[entry.index] === entry.value),
      listed: [...catalog.listed],
      patternsRead: catalog.patternsRead,
    },
    library: library && {
      file: describeFile(library.file),
      data: library.data,
      valid: library.valid,
      pointers: library.pointers.entries(),
      references: [...library.references],
      sameReferenceObjects: [...library.references.values()].every((reference) => library.data?.references.includes(reference)),
    },
    modules: collection.modules.map((module) => ({
      file: describeFile(module.file),
      hasDocument: 'document' in module,
      document: module.document,
      valid: module.valid,
      schemaValid: module.schemaValid,
      pointers: module.pointers.entries(),
      hasFences: 'fencesWithoutLanguage' in module,
      fencesWithoutLanguage: module.fencesWithoutLanguage,
    })),
    assets: [...collection.assets].map(([slug, assets]) => [slug, [...assets.files.keys()], [...assets.reported]]),
  };
}

const fixtureNames = (await readdir(fixtures, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory() && entry.name !== 'hostile' && !entry.name.startsWith('.'))
  .map((entry) => entry.name)
  .sort();

describe('the parse cache', () => {
  it.each([...fixtureNames.map((name) => [name, path.join(fixtures, name)]), ['the repository modules', path.join(repo, 'modules')]])(
    'gives exactly what a fresh parse gives: %s',
    async (_name, root) => {
      const cacheDir = path.join(work, 'cache');
      // On the main thread a cold load is a fresh parse (then stored); the warm one reads every module from the cache.
      const cold = await loadCollection(root!, { workers: 1, cacheDir });
      expect(cold.parseStats).toMatchObject({ hits: 0 });
      const warm = await loadCollection(root!, { workers: 1, cacheDir });
      expect(warm.parseStats).toMatchObject({ hits: cold.parseStats!.parsed, parsed: 0, stored: 0 });
      expect(describeCollection(warm)).toStrictEqual(describeCollection(cold));
      if (root!.startsWith(fixtures)) expect(describeCollection(await loadCollection(root!, { workers: 1 }))).toStrictEqual(describeCollection(cold));
    },
    180_000,
  );

  it('keeps entries that worker threads made equal to a fresh parse', async () => {
    const cacheDir = path.join(work, 'cache');
    const root = path.join(fixtures, 'valid');
    const fresh = await loadCollection(root, { workers: 1 });
    const parallel = await loadCollection(root, { workers: 2, cacheDir });
    expect(parallel.parseStats).toMatchObject({ parsed: 2, stored: 3 });
    const warm = await loadCollection(root, { workers: 1, cacheDir });
    expect(warm.parseStats).toMatchObject({ hits: 2, parsed: 0 });
    expect(describeCollection(parallel)).toStrictEqual(describeCollection(fresh));
    expect(describeCollection(warm)).toStrictEqual(describeCollection(fresh));
  }, 60_000);

  it('parses again only the module that was edited', async () => {
    const root = path.join(work, 'modules');
    await cp(path.join(fixtures, 'valid'), root, { recursive: true });
    const cacheDir = path.join(work, 'cache');
    const first = await loadCollection(root, { cacheDir });
    expect(first.parseStats).toEqual({ hits: 0, parsed: 2, stored: 3 });
    const alpha = path.join(root, 'alpha', 'module.md');
    await writeFile(alpha, (await readFile(alpha, 'utf8')).replace(/^title: .*$/m, 'title: Alpha Edited'));
    const second = await loadCollection(root, { cacheDir });
    expect(second.parseStats).toEqual({ hits: 1, parsed: 1, stored: 1 });
    expect(second.modules[0]!.document?.title).toBe('Alpha Edited');
    expect(describeCollection(second)).toStrictEqual(describeCollection(await loadCollection(root)));
  });

  it('parses everything again for a different parser (code fingerprint)', async () => {
    const root = path.join(fixtures, 'valid');
    const cacheDir = path.join(work, 'cache');
    expect((await loadCollection(root, { cacheDir, codeFingerprint: 'one' })).parseStats).toMatchObject({ hits: 0, parsed: 2 });
    expect((await loadCollection(root, { cacheDir, codeFingerprint: 'one' })).parseStats).toMatchObject({ hits: 2, parsed: 0 });
    expect((await loadCollection(root, { cacheDir, codeFingerprint: 'two' })).parseStats).toMatchObject({ hits: 0, parsed: 2 });
  });

  it('ignores corrupted entries: they are parsed again, never a crash', async () => {
    const root = path.join(fixtures, 'duplicate-slugs');
    const cacheDir = path.join(work, 'cache');
    const fresh = describeCollection(await loadCollection(root));
    await loadCollection(root, { cacheDir });
    const dir = path.join(cacheDir, parseCacheFolder);
    const names = (await readdir(dir)).sort();
    expect(names.length).toBeGreaterThanOrEqual(2);
    const damages = [
      (text: string) => text.slice(0, text.length / 2),
      () => '',
      () => 'null',
      () => '{"format":"pattern-press/parse@1","kind":"module"}',
      (text: string) => text.replace('"messages":[', '"messages":[{"reason":1},'),
      (text: string) => text.replace(/"pointers":\[/, '"pointers":7,"x":['),
      (text: string) => text.replace(/"related":\[\]/, '"related":5'),
      (text: string) => text.replace(/"index":\d+/, '"index":99999'),
      // Damage JSON.parse cannot see: the checksum does.
      (text: string) => text.replace(/"title":"[^"]*"/, '"title":"Changed"'),
      (text: string) => text.replace(/"sha256":"[0-9a-f]+"/, '"sha256":"00"'),
      () => '\u0000\u0001binary',
    ];
    for (const damage of damages) {
      for (const name of names) {
        const file = path.join(dir, name);
        const text = await readFile(file, 'utf8').catch(() => '');
        await writeFile(file, damage(text));
      }
      const loaded = await loadCollection(root, { cacheDir, codeFingerprint: undefined });
      expect(describeCollection(loaded)).toStrictEqual(fresh);
      // Put good entries back for the next kind of damage.
      await rm(dir, { recursive: true, force: true });
      await loadCollection(root, { cacheDir });
    }
  }, 60_000);

  it('never skips the containment checks: a cached module that became a link out of its folder is refused', async () => {
    const root = path.join(work, 'modules');
    await cp(path.join(fixtures, 'valid'), root, { recursive: true });
    const cacheDir = path.join(work, 'cache');
    await loadCollection(root, { cacheDir });
    const alpha = path.join(root, 'alpha', 'module.md');
    const outside = path.join(work, 'outside.md');
    await writeFile(outside, await readFile(alpha));
    await rm(alpha);
    await symlink(outside, alpha);
    const loaded = await loadCollection(root, { cacheDir });
    const messages = loaded.modules[0]!.file.messages.map((message) => message.ruleId);
    expect(messages).toEqual(['file-outside-module']);
    expect(loaded.modules[0]!.document).toBeUndefined();
  });

  it('keeps values JSON cannot write (.nan, .inf, -0) exactly', async () => {
    const root = path.join(work, 'modules');
    await cp(path.join(fixtures, 'valid'), root, { recursive: true });
    const alpha = path.join(root, 'alpha', 'module.md');
    await writeFile(alpha, (await readFile(alpha, 'utf8')).replace(/^duration: .*$/m, 'duration: .nan\nx_inf: -.inf\nx_zero: -0.0'));
    const cacheDir = path.join(work, 'cache');
    const fresh = await loadCollection(root);
    await loadCollection(root, { cacheDir });
    const warm = await loadCollection(root, { cacheDir });
    expect(warm.parseStats).toMatchObject({ hits: 2, parsed: 0 });
    const document = warm.modules[0]!.document as unknown as Record<string, unknown>;
    expect(document.duration).toBeNaN();
    expect(document.x_inf).toBe(-Infinity);
    expect(Object.is(document.x_zero, -0)).toBe(true);
    expect(describeCollection(warm)).toStrictEqual(describeCollection(fresh));
  });
});

describe('encodeExact', () => {
  it('round-trips what JSON alone cannot, through JSON text', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what the test round-trips
    const holes = [1, , 3];
    const value = {
      a: [NaN, Infinity, -Infinity, -0, 0, undefined, null, 'x'],
      b: undefined,
      holes,
      '\u0000tag': { '\u0000': 'NaN' },
      nested: { deep: [{ '\u0000\u0000': 1 }] },
    } as Record<string, unknown>;
    Object.defineProperty(value, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    const encoded = encodeExact(value)!;
    expect(encoded.tagged).toBe(true);
    const back = decodeExact(JSON.parse(JSON.stringify(encoded))) as Record<string, unknown>;
    expect(back).toStrictEqual(value);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(Object.keys(value));
    expect(1 in (back.holes as unknown[])).toBe(false);
    expect('b' in back).toBe(true);
  });

  it('leaves plain JSON values as they are and refuses what JSON cannot describe', () => {
    expect(encodeExact({ a: [1, 'b', null, true] })).toEqual({ tagged: false, value: { a: [1, 'b', null, true] } });
    expect(encodeExact({ when: new Date(0) })).toBeUndefined();
    expect(encodeExact({ map: new Map() })).toBeUndefined();
    expect(encodeExact({ big: 1n })).toBeUndefined();
  });
});
