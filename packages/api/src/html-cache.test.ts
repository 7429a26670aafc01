import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, restrictBuilt, toPublication, type Audience, type Publication } from '@pattern-press/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitApi } from './emit.js';
import { modulesDir } from './fixtures.test-helpers.js';
import { htmlRenderStats } from './html.js';

let work: string;
let publication: Publication;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'api-html-cache-'));
  const collection = await loadCollection(modulesDir);
  checkCollection(collection);
  publication = restrictBuilt(toPublication(collection), ['circuit-breaker', 'retry-backoff']);
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every file under a folder: relative path → bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), (await readFile(file)).toString('base64')] as const)));
}

let runs = 0;
async function emit(publication: Publication, cacheDir: string, audience: Audience = 'learner') {
  const outDir = path.join(work, `out-${++runs}`);
  const before = htmlRenderStats.renders;
  const result = await emitApi(publication, { outDir, cacheDir, audience });
  return { result, renders: htmlRenderStats.renders - before, files: await tree(outDir) };
}

function edited(publication: Publication, slug: string): Publication {
  return {
    ...publication,
    modules: publication.modules.map((module) =>
      module.slug === slug ? { ...module, case_studies: module.case_studies.map((study, index) => (index === 0 ? { ...study, markdown: `${study.markdown}\n\nEdited.` } : study)) } : module,
    ),
  };
}

describe('the API’s HTML cache', () => {
  it('renders only the edited module’s HTML; the API is the same as made without a cache', async () => {
    const cacheDir = path.join(work, 'cache');
    const cold = await emit(publication, cacheDir);
    expect(cold.result.html).toEqual({ rendered: 2, reused: 0 });
    const perModule = cold.renders;
    expect(perModule).toBeGreaterThan(20);

    const warm = await emit(publication, cacheDir);
    expect(warm.result.html).toEqual({ rendered: 0, reused: 2 });
    expect(warm.renders).toBe(0);
    expect(warm.files).toEqual(cold.files);

    const changed = edited(publication, 'retry-backoff');
    const after = await emit(changed, cacheDir);
    expect(after.result.html).toEqual({ rendered: 1, reused: 1 });
    const fresh = await emit(changed, path.join(work, 'fresh-cache'));
    expect(after.renders).toBeLessThan(fresh.renders);
    expect(after.files).toEqual(fresh.files);
  });

  it('keeps the answers’ HTML (and the assets only they show) to instructor builds', async () => {
    const cacheDir = path.join(work, 'cache-audience');
    const learner = await emit(publication, cacheDir, 'learner');
    const instructor = await emit(publication, cacheDir, 'instructor');
    // The module parts come from the cache; only the answers are new.
    expect(instructor.result.html).toEqual({ rendered: 2, reused: 0 });
    expect(instructor.files).toEqual((await emit(publication, path.join(work, 'fresh-instructor'), 'instructor')).files);
    const learnerAgain = await emit(publication, cacheDir, 'learner');
    expect(learnerAgain.renders).toBe(0);
    expect(learnerAgain.files).toEqual(learner.files);
  });
});
