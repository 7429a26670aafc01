import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, press, repoRoot } from '../helpers.js';

describe('press check', () => {
  it('passes on the repository’s own modules', () => {
    const result = press(['check'], repoRoot);
    expect(result.stdout).toMatch(/✔ \d+ files checked: 0 errors/);
    expect(result.code).toBe(0);
  });

  // The hostile corpus has tests of its own (tests/cli/hostile.test.ts, run-sandbox.test.ts).
  // Dot folders are not fixtures: checking a fixture writes .press-cache/ (parse cache, diagram verdicts) beside it.
  const fixtures = readdirSync(fixturesDir).filter((name) => name !== 'valid' && name !== 'hostile' && !name.startsWith('.'));
  it.each(fixtures)('fixture %s prints its expected diagnostics and exits 1', (name) => {
    const dir = path.join(fixturesDir, name);
    const result = press(['check', '.'], dir);
    expect(result.stdout).toBe(readFileSync(path.join(dir, 'expected.txt'), 'utf8'));
    expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    expect(result.code).toBe(1);
  });

  it('the valid fixture is clean', () => {
    expect(press(['check', '.'], path.join(fixturesDir, 'valid'))).toMatchObject({ code: 0, stdout: '✔ 3 files checked: 0 errors, 0 warnings\n' });
  });

  it('checks a single module file in the context of its catalog', () => {
    const result = press(['check', 'beta/module.md'], path.join(fixturesDir, 'duplicate-slugs'));
    expect(result.stdout).toContain('beta/module.md:2:7: error duplicate-id');
    expect(result.stdout).not.toMatch(/^alpha\/module.md:/m);
    expect(result.code).toBe(1);
  });

  it('--format json gives machine-readable diagnostics', () => {
    const result = press(['check', '.', '--format', 'json'], path.join(fixturesDir, 'unknown-key'));
    const json = JSON.parse(result.stdout) as { diagnostics: unknown[]; summary: unknown };
    expect(json.diagnostics).toEqual([
      {
        file: 'alpha/module.md',
        line: 15,
        column: 1,
        severity: 'error',
        ruleId: 'schema-unknown-key',
        message: 'unknown key `tagine`',
        hint: 'did you mean `tagline`?',
        expected: expect.arrayContaining(['tagline']),
      },
    ]);
    expect(json.summary).toEqual({ files: 2, errors: 1, warnings: 0 });
    expect(result.code).toBe(1);
  });

  it('usage errors exit 2 with a message, not a stack trace', () => {
    for (const args of [['frobnicate'], ['check', 'no/such/path'], ['check', '--format', 'xml'], ['check', '--bogus'], []]) {
      const result = press(args, repoRoot);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/press|Usage/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
