import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree, press, repositoryCopyBuilding } from '../helpers.js';

// Two real modules built (the others stay in the catalog at outline): each has a PDF with a chapter and answers, a deck and packages.
const built = ['circuit-breaker', 'bulkhead'];

let dir: string;
beforeAll(async () => {
  dir = await repositoryCopyBuilding(built, 'press-module-parts-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const partsOf = (slug: string) => path.join(dir, 'build', 'modules', slug, 'parts');
const entries = (folder: string) => readdir(folder).catch(() => [] as string[]);

/** The `outputs N reused from the cache, M made` part of the build summary. */
function reuse(stderr: string): { reused: number; made: number } {
  const match = /outputs (\d+) reused from the cache, (\d+) made/.exec(stderr);
  if (!match) throw new Error(`no output-cache summary in:\n${stderr}`);
  return { reused: Number(match[1]), made: Number(match[2]) };
}

/** The name of the part (chapter-2-bulkhead, answers-bulkhead, references, ...) each entry of a part store holds. */
async function partNames(store: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const key of await entries(store)) {
    const meta = JSON.parse(await readFile(path.join(store, key, 'files', 'part.json'), 'utf8')) as { name: string };
    names.set(key, meta.name);
  }
  return names;
}

describe('press build --module: one module’s outputs alone, reused by the whole build', () => {
  it('records each module’s outputs and handbook parts; a build with only those folders copies them, prints no chapter, and equals a one-process build', async () => {
    const reference = press(['build', '--quiet', '--out', 'reference'], dir);
    expect(reference.code, reference.stderr + reference.stdout).toBe(0);
    const expected = await hashTree(path.join(dir, 'reference'));
    await rm(path.join(dir, '.press-cache'), { recursive: true, force: true });

    for (const slug of built) {
      const run = press(['build', '--quiet', '--module', slug], dir);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      const summary = new RegExp(`^built ${slug} \\(pdf 1 files .*, scorm 2 files .*, slides \\d+ files .*\\): (\\d+) cache entries in build/modules/${slug}/parts`, 'm').exec(run.stdout);
      expect(summary, run.stdout).not.toBeNull();
      // The module's PDF, packages and deck, each one entry of the output cache; its chapter and answers in the part store.
      const outputs = await entries(path.join(partsOf(slug), 'outputs'));
      expect(outputs).toHaveLength(3);
      expect(Number(summary![1])).toBe(outputs.length + (await entries(path.join(partsOf(slug), 'pdf-parts'))).length);
      const held = await Promise.all(outputs.map((key) => readdir(path.join(partsOf(slug), 'outputs', key, 'files'), { recursive: true })));
      expect(held.flat()).toEqual(expect.arrayContaining([`${slug}.pdf`, `${slug}-scorm12.zip`, `${slug}-scorm2004.zip`, `${slug}.pptx`]));
      // Besides the module PDF's own short parts (answer key, glossary, references): what the handbook takes.
      const parts = [...(await partNames(path.join(partsOf(slug), 'pdf-parts'))).values()];
      expect(parts).toEqual(expect.arrayContaining([`answers-${slug}`, expect.stringMatching(new RegExp(`^chapter-\\d+-${slug}$`))]));
      expect(parts.filter((name) => /^(chapter|answers)-/.test(name))).toHaveLength(2);
      // dist/ is the whole build's: a module build writes nothing there.
      expect(await entries(path.join(dir, 'dist'))).toEqual([]);
    }
    // A module in the catalog that is not built has no outputs; a slug not in the catalog is a usage error.
    const outline = press(['build', '--quiet', '--module', 'cqrs'], dir);
    expect(outline.code, outline.stderr).toBe(0);
    expect(outline.stdout).toContain('no outputs: the module is not built');
    expect(await entries(partsOf('cqrs'))).toEqual([]);
    const unknown = press(['build', '--quiet', '--module', 'no-such-module'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no module no-such-module in the catalog');

    // Another machine: an empty .press-cache, and the parts folders as turbo restores them.
    await rm(path.join(dir, '.press-cache'), { recursive: true, force: true });
    const recorded = (await Promise.all(built.map(async (slug) => (await entries(path.join(partsOf(slug), 'outputs'))).length + (await entries(path.join(partsOf(slug), 'pdf-parts'))).length))).reduce(
      (a, b) => a + b,
      0,
    );
    const whole = press(['build', '--quiet'], dir);
    expect(whole.code, whole.stderr + whole.stdout).toBe(0);
    expect(whole.stderr).toContain(`${recorded} cache entries copied from build/modules/*/parts`);
    // Copied: both PDFs, both modules' packages and decks. Made: the handbook, the course package, the timeline.
    expect(reuse(whole.stderr)).toEqual({ reused: 6, made: 3 });
    // The handbook took every chapter and answer section from the parts: the parts it printed are its own (front matter, references, glossary).
    const seeded = new Set<string>();
    for (const slug of built) for (const key of await entries(path.join(partsOf(slug), 'pdf-parts'))) seeded.add(key);
    const printed = [...(await partNames(path.join(dir, '.press-cache', 'pdf-parts')))].filter(([key]) => !seeded.has(key)).map(([, name]) => name);
    expect(printed.filter((name) => /^(chapter|answers)-/.test(name))).toEqual([]);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(expected);
  }, 1_800_000);
});
