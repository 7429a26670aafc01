import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree, press, repositoryCopyBuilding } from '../helpers.js';

// One real module built (the others stay in the catalog at outline): its nine diagrams (flowcharts, state
// and sequence diagrams) go into every format that draws diagrams, and the timeline adds a gantt.
const built = 'circuit-breaker';
const formats = 'pdf,slides,scorm,api,schedule';

let dir: string;
beforeAll(async () => {
  dir = await repositoryCopyBuilding([built], 'press-cold-determinism-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A build from nothing: no .press-cache (no rendered diagram, no parse verdict, no finished output). */
async function coldBuild(out: string): Promise<Record<string, string>> {
  await rm(path.join(dir, '.press-cache'), { recursive: true, force: true });
  const result = press(['build', '--quiet', '--formats', formats, '--out', out], dir);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return hashTree(path.join(dir, out));
}

describe('two cold builds', () => {
  it('make byte-identical trees in every format that draws diagrams', async () => {
    const first = await coldBuild('first');
    const second = await coldBuild('second');
    expect(Object.keys(first).filter((file) => file.startsWith('slides/') && file.endsWith('.svg')).length).toBeGreaterThan(5);
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    expect(Object.keys(first).filter((file) => first[file] !== second[file]).sort()).toEqual([]);
  }, 300_000);
});
