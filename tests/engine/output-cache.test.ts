import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree, press, repositoryCopyBuilding } from '../helpers.js';

// Two real modules built (the others stay in the catalog at outline), so every format has a module that
// changes and one that must not, and the combined outputs (handbook, course, API) include both.
const built = ['circuit-breaker', 'bulkhead'];
const edited = 'bulkhead';
const untouched = 'circuit-breaker';

let dir: string;
beforeAll(async () => {
  dir = await repositoryCopyBuilding(built, 'press-output-cache-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The `outputs N reused from the cache, M made` part of the build summary. */
function reuse(stderr: string): { reused: number; made: number } {
  const match = /outputs (\d+) reused from the cache, (\d+) made/.exec(stderr);
  if (!match) throw new Error(`no output-cache summary in:\n${stderr}`);
  return { reused: Number(match[1]), made: Number(match[2]) };
}

/** Files that belong to one module alone, in every format. */
function ownFiles(files: readonly string[], slug: string): string[] {
  const own = new RegExp(`^(pdf/${slug}\\.pdf|scorm/${slug}-scorm(12|2004)\\.zip|slides/${slug}(/.*|\\.pdf|\\.pptx)|modules/${slug}\\.json|api/v1/modules/${slug}(\\..*|/.*))$`);
  return files.filter((file) => own.test(file));
}

describe('the output cache inside each format', () => {
  it('reuses every output after a no-op, remakes only the edited module’s outputs and the combined ones, and equals a fresh build', async () => {
    const dist = path.join(dir, 'dist');
    const cold = press(['build', '--quiet'], dir);
    expect(cold.code, cold.stderr + cold.stdout).toBe(0);
    // 2 PDFs + handbook, 2 module packages + course, 2 decks, the timeline.
    expect(reuse(cold.stderr)).toEqual({ reused: 0, made: 9 });
    const first = await hashTree(dist);
    for (const slug of built) expect(ownFiles(Object.keys(first), slug).length, slug).toBeGreaterThan(5);

    const noop = press(['build', '--quiet'], dir);
    expect(noop.code, noop.stderr).toBe(0);
    expect(reuse(noop.stderr)).toEqual({ reused: 9, made: 0 });
    expect(await hashTree(dist)).toEqual(first);

    const module = path.join(dir, 'modules', edited, 'module.md');
    const text = await readFile(module, 'utf8');
    // A sentence added to the first line of prose after the first block's hook opens.
    const hook = text.indexOf('\n', text.indexOf(':::hook')) + 1;
    await writeFile(module, `${text.slice(0, hook)}Edited for the output-cache test. ${text.slice(hook)}`);
    const edit = press(['build', '--quiet'], dir);
    expect(edit.code, edit.stderr + edit.stdout).toBe(0);
    // Remade: the edited module's PDF, packages and deck, the handbook and the course package; the rest reused.
    expect(reuse(edit.stderr)).toEqual({ reused: 4, made: 5 });
    const second = await hashTree(dist);
    const changed = Object.keys(second).filter((file) => second[file] !== first[file]);
    for (const file of ownFiles(Object.keys(first), untouched)) expect(second[file], file).toBe(first[file]);
    for (const file of ['pdf/bulkhead.pdf', 'scorm/bulkhead-scorm12.zip', 'scorm/bulkhead-scorm2004.zip', 'slides/bulkhead/index.html', 'modules/bulkhead.json']) {
      expect(changed, file).toContain(file);
    }
    const combined = /^(pdf\/handbook\.|scorm\/course-|api\/|report\/)/;
    expect(changed.filter((file) => !ownFiles([file], edited).length && !combined.test(file))).toEqual([]);

    // What the cache assembled is what a build from nothing makes.
    const fresh = press(['build', '--quiet', '--fresh', '--out', 'fresh'], dir);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(reuse(fresh.stderr)).toEqual({ reused: 0, made: 9 });
    expect(await hashTree(path.join(dir, 'fresh'))).toEqual(second);
  }, 900_000);
});
