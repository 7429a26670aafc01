import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultConcurrency } from '@pattern-press/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partAst } from './parts.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-parts-'));
});

afterAll(async () => {
  delete process.env.PRESS_PANDOC;
  await rm(work, { recursive: true, force: true });
});

describe('partAst', () => {
  it('runs no more pandoc parses at a time than there are cores, however many parts ask at once', async () => {
    // pandoc behind a script that notes how many of it run at once (a folder per running process).
    const running = path.join(work, 'running');
    const script = path.join(work, 'pandoc');
    await writeFile(
      script,
      `#!/bin/sh\nmkdir -p ${running}\ntouch ${running}/$$\nls ${running} | wc -l >> ${work}/counts\nsleep 0.3\n/usr/bin/pandoc "$@"\nstatus=$?\nrm ${running}/$$\nexit $status\n`,
    );
    await chmod(script, 0o755);
    process.env.PRESS_PANDOC = script;
    const bibliography = path.join(work, 'library.json');
    await writeFile(bibliography, '[]');
    const parts = Array.from({ length: 4 * defaultConcurrency() + 2 }, (_, index) => `# Part ${index}\n\nText of part ${index}.\n`);
    const asts = await Promise.all(parts.map((markdown) => partAst(markdown, bibliography, 'test-key', path.join(work, 'cache'))));
    expect(asts.map((ast) => ast.blocks[0]?.t)).toEqual(parts.map(() => 'Header'));
    const counts = (await readFile(path.join(work, 'counts'), 'utf8')).trim().split('\n').map(Number);
    expect(counts).toHaveLength(parts.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(defaultConcurrency());
    expect(await readdir(running)).toEqual([]);
  }, 60_000);
});
