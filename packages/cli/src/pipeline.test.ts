import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

const fixture = fileURLToPath(new URL('../../../tests/fixtures/dependency-cycle', import.meta.url));
let work: string;

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  return main(argv, { cwd: work, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }).then((exit) => ({ exit, stdout, stderr }));
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-pipeline-cli-'));
  await cp(fixture, path.join(work, 'modules'), { recursive: true });
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('every command prints what the one check pipeline found, each problem once', () => {
  it.each([['check'], ['schedule'], ['report'], ['build', '--formats', 'modules']])('press %s', async (...argv) => {
    const { stdout } = await run(argv);
    expect(stdout.match(/error dependency-cycle/g), stdout).toHaveLength(1);
    // Its note names the second edge of alpha → gamma → beta → alpha.
    expect(stdout).toContain('modules/catalog.yaml:27:18: note: gamma depends on beta');
  });
});
