import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { press, repositoryCopyBuilding } from '../helpers.js';

const slug = 'circuit-breaker';
let dir: string;
let fence: number;

beforeAll(async () => {
  dir = await repositoryCopyBuilding([slug], 'press-oversized-diagram-');
  // The module's first diagram becomes a 2000-node flowchart: the size that once rendered for 224 s and ended the build in a stack trace.
  const lines = ['flowchart TD', ...Array.from({ length: 1999 }, (_, i) => `  n${i}[Service ${i}] --> n${i + 1}[Service ${i + 1}]`)];
  const file = path.join(dir, 'modules', slug, 'module.md');
  const text = (await readFile(file, 'utf8')).replace(/```mermaid\n[\s\S]*?\n```/, () => `\`\`\`mermaid\n${lines.join('\n')}\n\`\`\``);
  await writeFile(file, text);
  fence = text.slice(0, text.indexOf('```mermaid')).split('\n').length;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an oversized diagram', () => {
  it('is a located error of press check, and stops the build before anything renders', async () => {
    const expected = new RegExp(`^modules/${slug}/module\\.md:${fence}:1: error diagram-too-large: this flowchart is too large to render: 2000 lines \\(at most \\d+\\), 1999 links`, 'm');
    const started = performance.now();
    const check = press(['check'], dir);
    expect(check.code, check.stdout + check.stderr).toBe(1);
    expect(check.stdout + check.stderr).toMatch(expected);
    // Without Chromium the limit holds too: it needs only the source.
    const skipped = press(['check', '--skip-diagrams'], dir);
    expect(skipped.code).toBe(1);
    expect(skipped.stdout).toMatch(expected);

    const build = press(['build', '--quiet', '--formats', 'pdf,slides,scorm,api,schedule'], dir);
    expect(build.code, build.stdout + build.stderr).toBe(1);
    expect(build.stdout + build.stderr).toMatch(expected);
    expect(build.stdout + build.stderr).not.toMatch(/^\s+at /m);
    // Nothing was drawn: the only Mermaid work was parsing the module's other diagrams.
    const caches = await readdir(path.join(dir, '.press-cache'));
    expect(caches).toContain('mermaid-parse');
    expect(caches.filter((name) => name === 'mermaid' || name === 'outputs' || name === 'pdf-parts')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(90_000);
  }, 180_000);
});
