import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { press, repoRoot } from '../helpers.js';

async function repoCopy(): Promise<{ dir: string; module: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'press-run-e2e-'));
  await cp(path.join(repoRoot, 'modules'), path.join(dir, 'modules'), { recursive: true });
  return { dir, module: path.join(dir, 'modules', 'circuit-breaker', 'module.md') };
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('press check --run on the circuit breaker', () => {
  it('passes as written: every example and hidden test runs, the exam replays to the model answer', () => {
    const result = press(['check', '--run', 'modules/circuit-breaker'], repoRoot);
    expect(result.stdout).toMatch(/0 errors/);
    expect(result.code).toBe(0);
  });

  it('a model answer that the implementation contradicts is reported at that step', async () => {
    const { dir, module } = await repoCopy();
    const text = await readFile(module, 'utf8');
    const step = '{ event: 1 success, action: { successes: 1 }, state: HALF_OPEN }';
    expect(text).toContain(step);
    const broken = text.replace(step, '{ event: 1 success, action: { successes: 1 }, state: CLOSED }');
    await writeFile(module, broken);
    const result = press(['check', '--run', '--skip-diagrams', 'modules/circuit-breaker'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`modules/circuit-breaker/module\\.md:${lineOf(text, step)}:\\d+: error exam-answer-mismatch: step 5 \\(1 success\\): the model answer says CLOSED, \`breaker\` is in HALF_OPEN`),
    );
  });

  it('breaking the implementation (the seed’s unlimited HALF_OPEN) fails its hidden tests at their fences', async () => {
    const { dir, module } = await repoCopy();
    const text = await readFile(module, 'utf8');
    const limit = /if self\._half_open_in_flight >= self\.half_open_max_calls:/;
    expect(text).toMatch(limit);
    await writeFile(module, text.replace(limit, 'if False:'));
    const result = press(['check', '--run', '--skip-diagrams', 'modules/circuit-breaker'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/modules\/circuit-breaker\/module\.md:\d+:1: error code-example-failed: test \d of `breaker` failed/);
  });
});
