import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceDirectory } from './atomic.js';

describe('replaceDirectory', () => {
  it('swaps in the new folder only when writing succeeds, leaving no staging folders', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'press-atomic-'));
    const target = path.join(parent, 'out');
    await replaceDirectory(target, (staging) => writeFile(path.join(staging, 'a.txt'), 'one'));
    expect(await readFile(path.join(target, 'a.txt'), 'utf8')).toBe('one');

    await expect(
      replaceDirectory(target, async (staging) => {
        await writeFile(path.join(staging, 'a.txt'), 'half');
        throw new Error('renderer crashed');
      }),
    ).rejects.toThrow('renderer crashed');
    expect(await readFile(path.join(target, 'a.txt'), 'utf8')).toBe('one');

    await replaceDirectory(target, (staging) => writeFile(path.join(staging, 'b.txt'), 'two'));
    expect(await readdir(target)).toEqual(['b.txt']);
    expect(await readdir(parent)).toEqual(['out']);
  });
});
