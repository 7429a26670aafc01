import { sharedValidators } from '@pattern-press/schema';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, hashTree, press, repoRoot, repositoryCopyBuilding } from '../helpers.js';

describe('press build', () => {
  it('makes every output of the repository, canonical documents as learners may see them, all byte-identical on rebuild', async () => {
    // The repository's modules with circuit-breaker as the one built module (the others shown at outline),
    // so the test covers every format without growing with the content.
    const dir = await repositoryCopyBuilding(['circuit-breaker'], 'press-build-');
    const out = path.join(dir, 'dist');
    const first = press(['build'], dir);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const files = (await readdir(path.join(out, 'modules'))).sort();
    const catalog = await readFile(path.join(repoRoot, 'modules', 'catalog.yaml'), 'utf8');
    const slugs = [...catalog.matchAll(/^\s+- slug: (\S+)/gm)].map((m) => m[1]).sort();
    expect(files).toEqual(slugs.map((slug) => `${slug}.json`));
    // The default build is for learners: the documents keep everything but the exam and the hidden tests
    // (the instructor build publishes them whole: packages/cli/src/audience.test.ts).
    for (const file of files) {
      const document = JSON.parse(await readFile(path.join(out, 'modules', file), 'utf8'));
      expect(document.exam, file).toBeUndefined();
      expect(
        document.blocks.flatMap((block: { code: object[] }) => block.code).filter((code: object) => 'tests' in code || 'driver' in code),
        file,
      ).toEqual([]);
      const restored = { ...document, blocks: document.blocks.map((block: { code: object[] }) => ({ ...block, code: block.code.map((code) => ({ ...code, tests: [] })) })) };
      expect(sharedValidators().validate('module', restored), file).toEqual([]);
    }
    const before = await hashTree(out);
    for (const file of [
      'pdf/circuit-breaker.pdf',
      'pdf/handbook.pdf',
      'pdf/handbook.epub',
      'pdf/handbook.docx',
      'scorm/circuit-breaker-scorm12.zip',
      'scorm/circuit-breaker-scorm2004.zip',
      'scorm/course-scorm12.zip',
      'scorm/course-scorm2004.zip',
      'slides/circuit-breaker/index.html',
      'slides/circuit-breaker.pdf',
      'slides/circuit-breaker.pptx',
      'schedule/timeline.mmd',
      'schedule/timeline.ics',
      'schedule/timeline.svg',
      'api/v1/index.json',
      'api/v1/openapi.json',
      'api/v1/modules/circuit-breaker.json',
      'api/v1/schedule.json',
      'report/index.html',
      'report/report.json',
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

  it('an output that cannot be made (pandoc crashes) ends as a located diagnostic, not a stack trace, and dist/ stays as it was', async () => {
    const dir = await repositoryCopyBuilding(['circuit-breaker'], 'press-output-failed-');
    expect(press(['build', '--formats', 'modules'], dir).code).toBe(0);
    const before = await hashTree(path.join(dir, 'dist'));
    const pandoc = path.join(dir, 'crashing-pandoc');
    await writeFile(pandoc, '#!/bin/sh\necho "pandoc: simulated crash" >&2\nexit 3\n', { mode: 0o755 });
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js'), 'build', '--formats', 'modules,pdf'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: dir, PRESS_PANDOC: pandoc },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^modules\/catalog\.yaml:1:1: error output-failed: the pdf output could not be made: .*pandoc: simulated crash/m);
    expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
    expect((await readdir(path.join(dir, 'dist'))).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 300_000);
});
