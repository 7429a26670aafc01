import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedValidators } from '@pattern-press/schema';
import { main } from './main.js';

const modulesDir = fileURLToPath(new URL('../../../modules', import.meta.url));
let work: string;

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  return main(argv, { cwd: work, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }).then((exit) => ({ exit, stdout, stderr }));
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  // The repository's modules with only circuit-breaker built, so the build stays small.
  work = await mkdtemp(path.join(os.tmpdir(), 'press-audience-'));
  await cp(modulesDir, path.join(work, 'modules'), { recursive: true });
  for (const slug of await readdir(path.join(work, 'modules'))) {
    if (slug === 'circuit-breaker' || !/^[a-z-]+$/.test(slug)) continue;
    const file = path.join(work, 'modules', slug, 'module.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^status: (draft|review|published)$/m, 'status: outline'));
  }
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('press build --audience', () => {
  // An insight and a hidden test of circuit-breaker: learners must never receive them.
  const insight = 'HALF_OPEN is unforgiving: a single failure reopens the breaker.';
  const hiddenTest = 'compositeAvailability(0.9999, 30)';

  it('publishes no answers by default, and adds them for instructors', async () => {
    const learner = await run(['build', '--formats', 'modules,api', '--quiet']);
    expect(learner.exit, learner.stderr).toBe(0);
    const api = path.join(work, 'dist', 'api', 'v1');
    // dist/modules/ (the canonical documents) is published beside the API and served too.
    const learnerFiles = [...(await filesUnder(api)), ...(await filesUnder(path.join(work, 'dist', 'modules')))];
    expect(learnerFiles.some((file) => file.endsWith('modules/circuit-breaker.json') && !file.includes('api'))).toBe(true);
    expect(learnerFiles.some((file) => file.endsWith('answers.json'))).toBe(false);
    for (const file of learnerFiles) {
      const text = await readFile(file, 'utf8');
      expect({ file, insight: text.includes(insight), test: text.includes(hiddenTest) }).toEqual({ file, insight: false, test: false });
    }
    expect(JSON.parse(await readFile(path.join(api, 'index.json'), 'utf8')).audience).toBe('learner');

    const instructor = await run(['build', '--formats', 'modules,api', '--quiet', '--audience', 'instructor']);
    expect(instructor.exit, instructor.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(api, 'index.json'), 'utf8')).audience).toBe('instructor');
    expect(await readFile(path.join(api, 'modules', 'circuit-breaker', 'answers.json'), 'utf8')).toContain(insight);
    expect(await readFile(path.join(api, 'modules', 'circuit-breaker.json'), 'utf8')).toContain(hiddenTest);
    const canonical = await readFile(path.join(work, 'dist', 'modules', 'circuit-breaker.json'), 'utf8');
    expect(canonical).toContain(hiddenTest);
    expect(sharedValidators().validate('module', JSON.parse(canonical))).toEqual([]);
  });
});
