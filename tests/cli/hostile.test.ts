import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, hashTree, press, repoRoot, repositoryCopyBuilding, zipEntry } from '../helpers.js';

/**
 * The hostile corpus (tests/fixtures/hostile/content): modules as a pull
 * request from anyone could send them. Each must end with a located
 * diagnostic, and a build must refuse them all and touch nothing.
 * Cases too large to commit are made here.
 */
const expected: Record<string, RegExp> = {
  'symlink-image': /^modules\/symlink-image\/module\.md:25:13: error file-outside-module: `leak\.png` is a symbolic link/m,
  'symlink-download': /^modules\/symlink-download\/module\.md:25:10: error file-outside-module: `notes\.txt` is a symbolic link/m,
  'symlink-module-file': /^modules\/symlink-module-file\/module\.md:1:1: error file-outside-module: module\.md is a symbolic link that leads out/m,
  'symlink-folder': /^modules\/catalog\.yaml:\d+:\d+: error file-outside-module: the module folder `symlink-folder` is a symbolic link/m,
  'parent-path': /^modules\/parent-path\/module\.md:25:6: error file-outside-module: `\.\.\/\.\.\/outside\/secret\.txt` does not name a file inside the module folder/m,
  'svg-script': /^modules\/svg-script\/module\.md:25:13: error svg-unsafe: the SVG `drawing\.svg` holds .*<script>/m,
  'unsafe-links': /^modules\/unsafe-links\/module\.md:25:7: error link-unsafe: `javascript:` links are not allowed/m,
  'raw-html': /^modules\/raw-html\/module\.md:25:10: error raw-html/m,
  'oversized-module': /^modules\/oversized-module\/module\.md:1:1: error file-too-large: the file is 1\.\d MB; the limit is 1\.0 MB/m,
  'oversized-asset': /^modules\/oversized-asset\/module\.md:25:\d+: error file-too-large: `video\.txt` is 50\.0 MB; an asset may be at most 20\.0 MB/m,
  'fifo-asset': /^modules\/fifo-asset\/module\.md:25:\d+: error link-broken: `pipe\.txt` is not a regular file/m,
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'press-hostile-'));
  const modules = path.join(dir, 'modules');
  await cp(path.join(fixturesDir, 'hostile', 'content'), modules, { recursive: true });
  // Generated cases: copies of a clean case with one thing made hostile.
  const template = await readFile(path.join(modules, 'raw-html', 'module.md'), 'utf8');
  const variant = async (slug: string, body: string) => {
    await mkdir(path.join(modules, slug));
    await writeFile(path.join(modules, slug, 'module.md'), template.replaceAll('raw-html', slug).replace(/^Raw HTML .*$/m, body));
    const catalog = path.join(modules, 'catalog.yaml');
    const entry = `  - slug: ${slug}\n    title: ${slug}\n    category: resilience\n    priority: 1\n    complexity: low\n    depends_on: []\n    real_examples: [Example]\n`;
    await writeFile(catalog, (await readFile(catalog, 'utf8')).replace('timeline:', `${entry}timeline:`));
  };
  await variant('oversized-module', `${'A sentence of filler prose for the size limit. '.repeat(24_000)}`);
  await variant('oversized-asset', 'Watch [the video](video.txt).');
  await writeFile(path.join(modules, 'oversized-asset', 'video.txt'), '');
  await truncate(path.join(modules, 'oversized-asset', 'video.txt'), 50 * 1024 * 1024);
  await variant('fifo-asset', 'Read [the pipe](pipe.txt).');
  execFileSync('mkfifo', [path.join(modules, 'fifo-asset', 'pipe.txt')]);
  // A previous, good build: a refused build must leave it exactly as it was.
  await mkdir(path.join(dir, 'dist', 'pdf'), { recursive: true });
  await writeFile(path.join(dir, 'dist', 'pdf', 'previous.pdf'), 'the previous build');
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the hostile corpus', () => {
  it('press check ends every case with its located diagnostic, and no stack trace', () => {
    const result = press(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    for (const [slug, pattern] of Object.entries(expected)) expect(result.stdout, slug).toMatch(pattern);
    const errors = result.stdout.split('\n').filter((line) => / error /.test(line));
    // Every error belongs to a case (no spurious errors elsewhere), and every case module has one.
    for (const line of errors)
      expect(
        Object.keys(expected).some((slug) => line.includes(`/${slug}/`) || line.includes('catalog.yaml')),
        line,
      ).toBe(true);
    const unsafe = errors.filter((line) => line.includes('unsafe-links/'));
    expect(unsafe.map((line) => line.split(': error ')[0])).toEqual([
      'modules/unsafe-links/module.md:25:7',
      'modules/unsafe-links/module.md:25:41',
      'modules/unsafe-links/module.md:26:10',
      'modules/unsafe-links/module.md:26:59',
      'modules/unsafe-links/module.md:27:6',
      'modules/unsafe-links/module.md:27:49',
      'modules/unsafe-links/module.md:29:1',
    ]);
  }, 120_000);

  it('press build refuses, leaves dist/ as it was, starts no browser and leaves nothing behind', async () => {
    const before = await hashTree(path.join(dir, 'dist'));
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'press-hostile-build-'));
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js'), 'build'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: dir, TMPDIR: tmp },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('build stopped: fix the errors above; dist/ was left as it was');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
    expect((await readdir(path.join(dir, 'dist'))).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(spawnSync('pgrep', ['-f', tmp], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 120_000);
});

describe('assets a module may publish', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await repositoryCopyBuilding(['circuit-breaker'], 'press-assets-');
    const folder = path.join(repo, 'modules', 'circuit-breaker');
    await writeFile(
      path.join(folder, 'drawing.svg'),
      `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="40" height="20">
  <rect width="40" height="20" fill="#1f3a5f" inkscape:label="box"/>
</svg>
`,
    );
    await writeFile(path.join(folder, 'settings.txt'), 'failure_threshold = 5\n');
    const file = path.join(folder, 'module.md');
    const text = await readFile(file, 'utf8');
    const at = text.indexOf(':::concept\n') + ':::concept\n'.length;
    await writeFile(file, `${text.slice(0, at)}![The breaker](drawing.svg) and [the settings](settings.txt).\n\n${text.slice(at)}`);
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('ships exactly the loaded bytes (the SVG without editor metadata) in the SCORM package and the API', async () => {
    const result = press(['build', '--formats', 'scorm,api'], repo);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const zip = path.join(repo, 'dist', 'scorm', 'circuit-breaker-scorm2004.zip');
    const svg = (await zipEntry(zip, 'circuit-breaker/assets/drawing.svg'))?.toString('utf8') ?? '';
    expect(svg).toContain('<rect width="40" height="20" fill="#1f3a5f"/>');
    expect(svg).not.toContain('inkscape');
    expect((await zipEntry(zip, 'circuit-breaker/assets/settings.txt'))?.toString('utf8')).toBe('failure_threshold = 5\n');
    expect(await readFile(path.join(repo, 'dist', 'api', 'v1', 'assets', 'circuit-breaker', 'drawing.svg'), 'utf8')).toBe(svg);
    expect(await readFile(path.join(repo, 'dist', 'api', 'v1', 'assets', 'circuit-breaker', 'settings.txt'), 'utf8')).toBe('failure_threshold = 5\n');
  }, 300_000);
});
