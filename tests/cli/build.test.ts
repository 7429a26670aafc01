import { sharedValidators } from '@pattern-press/schema';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, hashTree, press, repoRoot } from '../helpers.js';

describe('press build', () => {
  it('writes a canonical document per module of the repository, each valid against module.schema.json, byte-identical on rebuild', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const out = await mkdtemp(path.join(os.tmpdir(), 'press-build-'));
    const first = press(['build', '--out', out], repoRoot);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const files = (await readdir(path.join(out, 'modules'))).sort();
    const catalog = await readFile(path.join(repoRoot, 'modules', 'catalog.yaml'), 'utf8');
    const slugs = [...catalog.matchAll(/^\s+- slug: (\S+)/gm)].map((m) => m[1]).sort();
    expect(files).toEqual(slugs.map((slug) => `${slug}.json`));
    for (const file of files) {
      const document = JSON.parse(await readFile(path.join(out, 'modules', file), 'utf8'));
      expect(sharedValidators().validate('module', document), file).toEqual([]);
    }
    const before = await hashTree(out);
    expect(press(['build', '--out', out], repoRoot).code).toBe(0);
    expect(await hashTree(out)).toEqual(before);
  });

  it('a failed build writes nothing and leaves the previous output intact', async () => {
    const dir = await copyFixture('valid');
    expect(press(['build'], dir).code).toBe(0);
    const before = await hashTree(path.join(dir, 'dist'));
    expect(Object.keys(before).sort()).toEqual(['modules/alpha.json', 'modules/beta.json']);
    const module = path.join(dir, 'modules', 'beta', 'module.md');
    await writeFile(module, (await readFile(module, 'utf8')).replace('duration: 20', 'duration: soon'));
    const failed = press(['build'], dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('modules/beta/module.md:7:11: error schema-type');
    expect(failed.stderr).toContain('dist/ was left as it was');
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });
});
