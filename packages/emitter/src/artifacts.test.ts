import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsIn, artifactsOf, filesUnder } from './artifacts.js';
import type { Emitter } from './contract.js';
import type { Publication } from '@pattern-press/format';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'press-artifacts-'));
  await mkdir(path.join(folder, 'b'), { recursive: true });
  await mkdir(path.join(folder, '.staging-1'), { recursive: true });
  await writeFile(path.join(folder, 'b', 'beta.txt'), 'two\n');
  await writeFile(path.join(folder, 'alpha.txt'), 'one\n');
  await writeFile(path.join(folder, 'Zeta.css'), 'x{}');
  await writeFile(path.join(folder, '.staging-1', 'half.txt'), 'never listed');
});

afterAll(() => rm(folder, { recursive: true, force: true }));

describe('artifactsIn', () => {
  it('lists regular files in code-unit order, skipping hidden staging folders', async () => {
    expect(await filesUnder(folder)).toEqual(['Zeta.css', 'alpha.txt', 'b/beta.txt']);
    expect(await filesUnder(path.join(folder, 'missing'))).toEqual([]);
  });

  it('measures and hashes the files the emitter names, under its dist/ folder name', async () => {
    const artifacts = await artifactsIn(folder, 'outline', (relative) =>
      relative.endsWith('.txt') ? { module: path.basename(relative, '.txt'), format: 'outline', mediaType: 'text/plain' } : undefined,
    );
    expect(artifacts).toEqual([
      { module: 'alpha', format: 'outline', mediaType: 'text/plain', path: 'outline/alpha.txt', bytes: 4, sha256: createHash('sha256').update('one\n').digest('hex') },
      { module: 'beta', format: 'outline', mediaType: 'text/plain', path: 'outline/b/beta.txt', bytes: 4, sha256: createHash('sha256').update('two\n').digest('hex') },
    ]);
  });
});

describe('artifactsOf', () => {
  const base = { needs: [], browser: false, emit: async () => ({ files: 0, problems: [] }) } satisfies Omit<Emitter, 'name'>;
  const publication = { modules: [{ slug: 'alpha' }] } as unknown as Publication;

  it("lists the files the emitter's artifactKinds names for the publication, under its name", async () => {
    const emitter: Emitter = {
      ...base,
      name: 'outline',
      artifactKinds: (given) => (relative) => (given.modules.some((module) => `${module.slug}.txt` === relative) ? { module: 'alpha', format: 'outline', mediaType: 'text/plain' } : undefined),
    };
    expect((await artifactsOf(emitter, publication, folder)).map((artifact) => artifact.path)).toEqual(['outline/alpha.txt']);
  });

  it('lists none for an emitter without artifactKinds (its files are no downloads)', async () => {
    expect(await artifactsOf({ ...base, name: 'report' }, publication, folder)).toEqual([]);
  });
});
