import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey } from './key.js';
import { openOutputCache, pruneOutputCache, restoreEach, seedOutputCache } from './output-cache.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-cache-test-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function makeOutput(dir: string, files: Record<string, string>): Promise<string[]> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return Object.keys(files);
}

describe('openOutputCache', () => {
  it('misses, stores, then restores the same files into another folder and counts both', async () => {
    const cache = openOutputCache(path.join(work, 'cache'));
    const key = cacheKey('deck', 'alpha');
    expect(await cache.restore(key, path.join(work, 'out1'))).toBeUndefined();
    const files = await makeOutput(path.join(work, 'out1'), { 'alpha.pdf': 'PDF', 'alpha/index.html': '<html>' });
    await cache.store(key, path.join(work, 'out1'), files);
    const restored = await cache.restore(key, path.join(work, 'out2'));
    expect(restored?.sort()).toEqual(['alpha.pdf', 'alpha/index.html']);
    expect(await readFile(path.join(work, 'out2', 'alpha/index.html'), 'utf8')).toBe('<html>');
    expect(cache.stats).toEqual({ hits: 1, misses: 1, stored: 1 });
    // No temporary folders left beside the entry.
    expect(await readdir(path.join(work, 'cache'))).toEqual([key]);
  });

  it('does not restore with reuse off, but stores fresh results over the old entry', async () => {
    const dir = path.join(work, 'cache');
    const key = cacheKey('x');
    const files = await makeOutput(path.join(work, 'a'), { 'x.txt': 'old' });
    await openOutputCache(dir).store(key, path.join(work, 'a'), files);
    const fresh = openOutputCache(dir, { reuse: false });
    expect(await fresh.restore(key, path.join(work, 'b'))).toBeUndefined();
    await makeOutput(path.join(work, 'c'), { 'x.txt': 'new' });
    await fresh.store(key, path.join(work, 'c'), files);
    await openOutputCache(dir).restore(key, path.join(work, 'd'));
    expect(await readFile(path.join(work, 'd', 'x.txt'), 'utf8')).toBe('new');
  });

  it('treats an entry without its manifest (an interrupted store) as missing', async () => {
    const dir = path.join(work, 'cache');
    const key = cacheKey('half');
    await mkdir(path.join(dir, key, 'files'), { recursive: true });
    await writeFile(path.join(dir, key, 'files', 'half.txt'), 'half');
    expect(await openOutputCache(dir).restore(key, path.join(work, 'out'))).toBeUndefined();
  });

  it('refuses keys that are not hashes and paths that leave the output folder', async () => {
    const cache = openOutputCache(path.join(work, 'cache'));
    await expect(cache.restore('../etc', work)).rejects.toThrow(TypeError);
    await expect(cache.store(cacheKey('k'), work, ['../escape.txt'])).rejects.toThrow(TypeError);
  });
});

describe('pruneOutputCache', () => {
  it('removes the least recently used entries beyond the budget', async () => {
    const dir = path.join(work, 'cache');
    const cache = openOutputCache(dir);
    const keys = ['one', 'two', 'three'].map((name) => cacheKey(name));
    for (const [index, key] of keys.entries()) {
      const out = path.join(work, `out${index}`);
      await cache.store(key, out, await makeOutput(out, { 'f.bin': 'x'.repeat(100) }));
      const used = new Date(Date.UTC(2026, 0, 1 + index));
      await utimes(path.join(dir, key, 'entry.json'), used, used);
    }
    // Using the oldest makes it the newest.
    await cache.restore(keys[0]!, path.join(work, 'again'));
    const result = await pruneOutputCache(dir, { maxBytes: 250 });
    expect(result).toEqual({ removed: 1, kept: 2, bytes: 200 });
    expect((await readdir(dir)).sort()).toEqual([keys[0], keys[2]].sort());
  });
});

describe('restoreEach', () => {
  it('restores the entries the cache holds and names them; the rest is left to make', async () => {
    const cache = openOutputCache(path.join(work, 'cache'));
    const keys = new Map([
      ['alpha', cacheKey('alpha')],
      ['beta', cacheKey('beta')],
    ]);
    await cache.store(keys.get('alpha')!, path.join(work, 'made'), await makeOutput(path.join(work, 'made'), { 'alpha.pdf': 'A' }));
    const { restored, files } = await restoreEach(cache, keys, path.join(work, 'out'));
    expect([...restored]).toEqual(['alpha']);
    expect(files).toEqual(['alpha.pdf']);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1 });
    expect(await restoreEach(undefined, keys, path.join(work, 'out'))).toEqual({ restored: new Set(), files: [] });
  });
});

describe('recording and seeding (per-module builds)', () => {
  it('records every entry it restores or stores, and the store beside it records beside the record', async () => {
    const shared = path.join(work, 'cache', 'outputs');
    const [used, made, other] = [cacheKey('deck', 'alpha'), cacheKey('pdf', 'alpha'), cacheKey('deck', 'beta')];
    const before = openOutputCache(shared);
    for (const key of [used, other]) await before.store(key, path.join(work, 'out0'), await makeOutput(path.join(work, 'out0'), { [`${key}.txt`]: key }));

    const record = path.join(work, 'parts', 'outputs');
    const cache = openOutputCache(shared, { record });
    expect(await cache.restore(used, path.join(work, 'out1'))).toEqual([`${used}.txt`]);
    await cache.store(made, path.join(work, 'out1'), await makeOutput(path.join(work, 'out1'), { 'alpha.pdf': 'PDF' }));
    const parts = cache.beside(path.join(work, 'cache', 'pdf-parts'));
    const part = cacheKey('pdf-part', 'alpha');
    await parts.store(part, path.join(work, 'out1'), await makeOutput(path.join(work, 'out1'), { 'part.pdf': 'PART' }));
    // The entry another module used is not recorded; nothing half-written is left.
    expect((await readdir(record)).sort()).toEqual([used, made].sort());
    expect(await readdir(path.join(work, 'parts', 'pdf-parts'))).toEqual([part]);
    expect(await readFile(path.join(record, made, 'files', 'alpha.pdf'), 'utf8')).toBe('PDF');

    // Another machine's empty cache, seeded from the record: restores what the module used and made.
    const elsewhere = path.join(work, 'elsewhere', 'outputs');
    await mkdir(path.join(record, 'not-a-key'), { recursive: true });
    expect(await seedOutputCache(elsewhere, record)).toBe(2);
    expect(await seedOutputCache(elsewhere, record)).toBe(0);
    expect((await readdir(elsewhere)).sort()).toEqual([used, made].sort());
    expect(await openOutputCache(elsewhere).restore(made, path.join(work, 'out2'))).toEqual(['alpha.pdf']);
    expect(await seedOutputCache(elsewhere, path.join(work, 'missing'))).toBe(0);
  });
});
