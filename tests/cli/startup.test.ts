import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');

// A module-resolution hook (it runs on Node's hooks thread) that appends every resolved URL to a file:
// what `press check` really loads, not what its imports seem to say.
const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.PRESS_LOADED_LOG, result.url + '\\n');
  return result;
}`;
const register = (hooksUrl: string) => `import { register } from 'node:module'; register(${JSON.stringify(hooksUrl)});`;

/** The package a resolved file: URL belongs to (`typescript`, `@scope/name`), or undefined for our own files and node: builtins. */
function packageOf(url: string): string | undefined {
  const match = /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return match?.[1];
}

/** Runs `press check` in `dir` with the hook; resolves with its exit code, stderr and every URL it loaded. */
async function checkLoading(dir: string) {
  const log = path.join(dir, 'loaded.log');
  await writeFile(log, '');
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register(pathToFileURL(path.join(dir, 'hooks.mjs')).href))}`, bin, 'check'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: dir, PRESS_LOADED_LOG: log },
  });
  return { code: result.status, stderr: result.stderr, loaded: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

const packagesIn = (loaded: readonly string[]) => new Set(loaded.map(packageOf).filter((name) => name !== undefined));

describe('press check loads only what checking needs', () => {
  let dir: string;
  let cold: Awaited<ReturnType<typeof checkLoading>>;
  let warm: Awaited<ReturnType<typeof checkLoading>>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'press-startup-'));
    // The repository's modules: code blocks in several languages, diagrams, every directive.
    await cp(path.join(repoRoot, 'modules'), path.join(dir, 'modules'), { recursive: true });
    await writeFile(path.join(dir, 'hooks.mjs'), hooks);
    // The first check parses every diagram in Chromium (Mermaid's own parser) and keeps the verdicts;
    // the second finds them all in .press-cache, as an author's check usually does.
    cold = await checkLoading(dir);
    warm = await checkLoading(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('checks the collection (the hook saw it load)', () => {
    for (const run of [cold, warm]) {
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.code).toBe(0);
      expect(run.loaded.some((url) => url.includes('/packages/format/dist/'))).toBe(true);
    }
  });

  it('does not load the browser driver when every diagram verdict is cached', () => {
    expect(packagesIn(cold.loaded)).toContain('puppeteer-core');
    expect(packagesIn(warm.loaded)).not.toContain('puppeteer-core');
  });

  it('never loads TypeScript, the web server, the emitters or the progress display', () => {
    const loaded = [...cold.loaded, ...warm.loaded];
    const packages = packagesIn(loaded);
    for (const heavy of ['typescript', 'fastify', 'pdf-lib', 'pptxgenjs', 'listr2', 'chokidar', 'jsdom']) expect(packages, `${heavy} loaded by press check`).not.toContain(heavy);
    for (const emitter of ['pdf', 'slides', 'scorm', 'api'])
      expect(
        loaded.filter((url) => url.includes(`/packages/${emitter}/dist/`)),
        `@pattern-press/${emitter} loaded by press check`,
      ).toEqual([]);
  });

  it('loads no highlight.js grammar (checking never highlights code)', () => {
    expect([...cold.loaded, ...warm.loaded].filter((url) => /\/highlight\.js\/(lib|es)\/languages\//.test(url))).toEqual([]);
  });
});
