import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, press } from '../helpers.js';

describe('press new with a slug it cannot use', () => {
  it('a 300-character slug is a usage error (exit 2) with a clear message, and nothing is written', async () => {
    const dir = await copyFixture('valid');
    const catalog = await readFile(path.join(dir, 'modules', 'catalog.yaml'), 'utf8');
    const result = press(['new', 'a'.repeat(300), '--category', 'resilience'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`press: \`${'a'.repeat(40)}…\` is not a valid slug: at most 64 characters (it has 300)\n`);
    expect(result.stderr).not.toMatch(/ENAMETOOLONG|\n\s+at /);
    expect(await readdir(path.join(dir, 'modules'))).toEqual(['alpha', 'beta', 'catalog.yaml']);
    expect(await readFile(path.join(dir, 'modules', 'catalog.yaml'), 'utf8')).toBe(catalog);
  });

  it('64 characters are accepted; a slug outside the pattern is a usage error', async () => {
    const dir = await copyFixture('valid');
    const longest = `a${'-b'.repeat(31)}a`;
    expect(longest).toHaveLength(64);
    const created = press(['new', longest, '--category', 'resilience', '--title', 'Longest'], dir);
    expect(created.code, created.stderr).toBe(0);
    const bad = press(['new', 'Rate_Limiting', '--category', 'resilience'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('press: `Rate_Limiting` is not a valid slug: lowercase letters and digits in words joined by -, e.g. `rate-limiting`\n');
    // Without --title the title is made from the slug's words; an empty word must not crash that.
    const empty = press(['new', 'a--b', '--category', 'resilience'], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^press: `a--b` is not a valid slug/);
  });
});
