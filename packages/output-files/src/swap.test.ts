import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleStaging, replaceDirectory, swapFolder } from './swap.js';

/** A process id that is not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

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

describe('swapFolder', () => {
  it('leaves the old folder whole and throws when the new one cannot be moved in', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'press-swap-'));
    const target = path.join(parent, 'out');
    await mkdir(target);
    await writeFile(path.join(target, 'a.txt'), 'old');
    await expect(swapFolder(path.join(parent, 'missing'), target)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(parent)).toEqual(['out']);
    expect(await readFile(path.join(target, 'a.txt'), 'utf8')).toBe('old');
  });

  it('puts the old folder back when a writer was killed between the two renames', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'press-swap-'));
    const pid = deadPid();
    // What a kill after the first rename leaves: no target, the old folder retired, the fresh one staged.
    await mkdir(path.join(parent, `.out.old-${pid}-abcd`));
    await writeFile(path.join(parent, `.out.old-${pid}-abcd`, 'a.txt'), 'old');
    await mkdir(path.join(parent, `.out.staging-${pid}-ef01`));
    await removeStaleStaging(parent);
    expect(await readdir(parent)).toEqual(['out']);
    expect(await readFile(path.join(parent, 'out', 'a.txt'), 'utf8')).toBe('old');
  });
});
