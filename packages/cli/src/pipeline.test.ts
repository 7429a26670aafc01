import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

describe('the timeline warnings are printed once', () => {
  beforeAll(async () => {
    // A second collection whose plan has late work: a status date a month after the start.
    const late = path.join(work, 'late');
    await cp(fileURLToPath(new URL('../../../tests/fixtures/valid', import.meta.url)), path.join(late, 'modules'), { recursive: true });
    const catalog = path.join(late, 'modules', 'catalog.yaml');
    await writeFile(catalog, (await readFile(catalog, 'utf8')).replace('  start: "2025-02-01"', '  start: "2025-02-01"\n  status_date: "2025-03-03"'));
  });

  it.each([['schedule'], ['build', '--formats', 'schedule']])('press %s', async (...argv) => {
    let stdout = '';
    const exit = await main(argv, { cwd: path.join(work, 'late'), stdout: (text) => (stdout += text), stderr: () => undefined });
    expect(exit, stdout).toBe(0);
    expect(stdout.match(/warning schedule-late/g), stdout).toHaveLength(1);
  });
});
