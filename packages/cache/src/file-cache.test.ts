import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedText, openFileCache, pruneFileCache } from './file-cache.js';
import { cacheKey } from './key.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-file-cache-test-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('openFileCache', () => {
  it('misses, writes, then reads the entry back and counts both', async () => {
    const cache = openFileCache(path.join(work, 'memo'), { extension: '.json' });
    const key = cacheKey('a');
    expect(await cache.readText(key)).toBeUndefined();
    await cache.write(key, '{"a":1}');
    expect(await cache.readText(key)).toBe('{"a":1}');
    expect(cache.stats).toEqual({ hits: 1, misses: 1, stored: 1 });
    expect(await readdir(path.join(work, 'memo'))).toEqual([`${key}.json`]);
  });

  it('reads nothing with reuse off but still writes', async () => {
    const dir = path.join(work, 'memo');
    const key = cacheKey('b');
    await openFileCache(dir).write(key, 'old');
    const fresh = openFileCache(dir, { reuse: false });
    expect(await fresh.readText(key)).toBeUndefined();
    await fresh.write(key, 'new');
    expect(await openFileCache(dir).readText(key)).toBe('new');
  });

  it('refuses keys that are not hashes', async () => {
    const cache = openFileCache(path.join(work, 'memo'));
    await expect(cache.read('../x')).rejects.toThrow(TypeError);
  });
});

describe('cachedText', () => {
  it('makes the text once, then serves it from the cache', async () => {
    const cache = openFileCache(path.join(work, 'memo'), { extension: '.html' });
    let made = 0;
    const make = () => `<p>${++made}</p>`;
    const key = cacheKey('page');
    expect(await cachedText(cache, key, make)).toBe('<p>1</p>');
    expect(await cachedText(cache, key, make)).toBe('<p>1</p>');
    expect(made).toBe(1);
    expect(await cachedText(undefined, key, make)).toBe('<p>2</p>');
  });
});

describe('pruneFileCache', () => {
  it('removes entries unused for longer than the age limit, then the least recently used beyond the budget', async () => {
    const dir = path.join(work, 'memo');
    const cache = openFileCache(dir);
    const keys = ['old', 'lru', 'new'].map((name) => cacheKey(name));
    for (const key of keys) await cache.write(key, 'x'.repeat(100));
    const day = 24 * 3600 * 1000;
    await utimes(path.join(dir, keys[0]!), new Date(Date.now() - 40 * day), new Date(Date.now() - 40 * day));
    await utimes(path.join(dir, keys[1]!), new Date(Date.now() - 2 * day), new Date(Date.now() - 2 * day));
    await writeFile(path.join(dir, '.tmp-1-abc'), 'half');
    await utimes(path.join(dir, '.tmp-1-abc'), new Date(Date.now() - day), new Date(Date.now() - day));
    const result = await pruneFileCache(dir, { maxBytes: 150, maxAgeMs: 30 * day });
    expect(result).toEqual({ removed: 2, kept: 1, bytes: 100 });
    expect(await readdir(dir)).toEqual([keys[2]]);
  });
});
