import { sharedValidators } from '@pattern-press/schema';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, hashTree, press, repoRoot } from '../helpers.js';

describe('press build', () => {
  it('makes every output of the repository, canonical documents valid against module.schema.json, all byte-identical on rebuild', async () => {
    // The repository's modules with circuit-breaker as the one built module (the others shown at outline),
    // so the test covers every format without growing with the content.
    const { cp, mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'press-build-'));
    await cp(path.join(repoRoot, 'modules'), path.join(dir, 'modules'), { recursive: true });
    for (const slug of await readdir(path.join(dir, 'modules'))) {
      if (slug === 'circuit-breaker' || !slug.match(/^[a-z-]+$/)) continue;
      const file = path.join(dir, 'modules', slug, 'module.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^status: (draft|review|published)$/m, 'status: outline'));
    }
    const out = path.join(dir, 'dist');
    const first = press(['build'], dir);
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
    for (const file of [
      'pdf/circuit-breaker.pdf', 'pdf/handbook.pdf', 'pdf/handbook.epub', 'pdf/handbook.docx',
      'scorm/circuit-breaker-scorm12.zip', 'scorm/circuit-breaker-scorm2004.zip', 'scorm/course-scorm12.zip', 'scorm/course-scorm2004.zip',
      'slides/circuit-breaker/index.html', 'slides/circuit-breaker.pdf', 'slides/circuit-breaker.pptx',
      'schedule/timeline.mmd', 'schedule/timeline.ics', 'schedule/timeline.svg',
      'api/v1/index.json', 'api/v1/openapi.json', 'api/v1/modules/circuit-breaker.json', 'api/v1/schedule.json',
      'report/index.html', 'report/report.json',
    ]) {
      expect(before[file], file).toBeDefined();
    }
    expect(Object.keys(before).some((file) => file.startsWith('pdf/caching'))).toBe(false);
    expect(Object.keys(before).some((file) => file.startsWith('.staging') || file.includes('.old-'))).toBe(false);
    // --fresh: every output made again rather than copied from the output cache, so this shows the makers are deterministic.
    const again = press(['build', '--fresh'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/outputs 0 reused from the cache, \d+ made/);
    expect(await hashTree(out)).toEqual(before);
  }, 600_000);

  it('a failed build writes nothing and leaves the previous output intact', async () => {
    const dir = await copyFixture('valid');
    expect(press(['build', '--formats', 'modules,report'], dir).code).toBe(0);
    const before = await hashTree(path.join(dir, 'dist'));
    expect(Object.keys(before).sort()).toEqual(['modules/alpha.json', 'modules/beta.json', 'report/index.html', 'report/report.json']);
    const module = path.join(dir, 'modules', 'beta', 'module.md');
    await writeFile(module, (await readFile(module, 'utf8')).replace('duration: 20', 'duration: soon'));
    const failed = press(['build', '--formats', 'modules,report'], dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('modules/beta/module.md:7:11: error schema-type');
    expect(failed.stderr).toContain('dist/ was left as it was');
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  });
});
