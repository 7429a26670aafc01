import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { build, emitters } from '@pattern-press/engine/build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outlineEmitter } from '../formats/outline/index.js';
import { copyFixture } from '../helpers.js';

// Adding a format: one package (tests/formats/outline) and one registry line.
const registry = [...emitters, outlineEmitter];

let dir: string;
let run: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  dir = await copyFixture('valid');
  run = await build({ root: path.join(dir, 'modules'), registry, formats: ['outline', 'api'] });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('a format added as one package and one registry line', () => {
  it('is built by the same engine into dist/<name>', async () => {
    expect(run.stopped, JSON.stringify(run.files.flatMap((file) => file.messages.map(String)))).toBeUndefined();
    expect(run.outcomes.map((outcome) => outcome.format)).toEqual(['api', 'outline']); // registry order; the API still waits for the outline to list it
    const index = JSON.parse(await readFile(path.join(dir, 'dist', 'api', 'v1', 'index.json'), 'utf8')) as { modules: { slug: string; title: string }[] };
    for (const { slug, title } of index.modules) {
      const outline = await readFile(path.join(dir, 'dist', 'outline', `${slug}.txt`), 'utf8');
      expect(outline.split('\n')[0]).toBe(title);
    }
    // beta is built: its blocks, each with its minutes.
    expect(await readFile(path.join(dir, 'dist', 'outline', 'beta.txt'), 'utf8')).toMatch(/^ {2}\S.* \(\d+ min\)$/m);
  });

  it('has its artifacts in the API downloads list, measured and hashed', async () => {
    const downloads = JSON.parse(await readFile(path.join(dir, 'dist', 'api', 'v1', 'downloads.json'), 'utf8')) as {
      modules: { slug: string; artifacts: { format: string; media_type: string; path: string; bytes: number; sha256: string }[] }[];
    };
    const alpha = downloads.modules.find((entry) => entry.slug === 'alpha')!;
    const bytes = await readFile(path.join(dir, 'dist', 'outline', 'alpha.txt'));
    expect(alpha.artifacts).toEqual([{ format: 'outline', media_type: 'text/plain', path: '/outline/alpha.txt', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]);
    expect(run.artifacts.map((artifact) => artifact.path)).toEqual(['outline/alpha.txt', 'outline/beta.txt']);
  });
});
