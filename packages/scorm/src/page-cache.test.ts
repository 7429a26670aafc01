import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openOutputCache } from '@pattern-press/cache';
import type { Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitScorm, zipName } from './emit.js';
import { openPlayerHtmlCache, playerHtml } from './page-cache.js';
import { toPlayerHtml } from './player-html.js';
import { realPublication, withDependentModule } from './testing/fixtures.js';

let work: string;
let publication: Publication;

/** Without diagrams nothing needs Chromium (the Mermaid code stays code): the pages are what is counted here. */
function withoutDiagrams(module: PatternModule): PatternModule {
  const copy = structuredClone(module);
  for (const block of copy.blocks) block.diagrams = [];
  if (copy.challenge) copy.challenge.diagrams = [];
  return copy;
}

function edited(publication: Publication, slug: string, title: string): Publication {
  return { ...publication, modules: publication.modules.map((module) => (module.slug === slug ? { ...module, title } : module)) };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'scorm-page-cache-'));
  const both = withDependentModule(await realPublication());
  publication = { ...both, modules: both.modules.map(withoutDiagrams) };
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the player page cache', () => {
  it('renders only the edited module’s pages when the course is made again, and the packages are the same bytes', async () => {
    const cacheDir = path.join(work, 'cache');
    const outputCache = () => openOutputCache(path.join(cacheDir, 'outputs'));
    const first = await emitScorm(publication, { outDir: path.join(work, 'first'), cacheDir, outputCache: outputCache() });
    expect(first.pages).toEqual({ rendered: 4, reused: 0 });

    const changed = edited(publication, 'bulkhead', 'Bulkhead, Edited');
    const second = await emitScorm(changed, { outDir: path.join(work, 'second'), cacheDir, outputCache: outputCache() });
    // circuit-breaker's own packages come from the output cache; the course needs its pages, which come from the page cache.
    expect(second.pages).toEqual({ rendered: 2, reused: 2 });
    expect(second.files.map((file) => path.basename(file)).sort()).toEqual(['bulkhead', 'circuit-breaker', 'course'].flatMap((name) => [zipName(name, '1.2'), zipName(name, '2004')]).sort());

    // The same packages as made with no cache at all.
    const fresh = await emitScorm(changed, { outDir: path.join(work, 'fresh'), cacheDir: path.join(work, 'fresh-cache') });
    expect(fresh.pages).toEqual({ rendered: 4, reused: 0 });
    for (const file of fresh.files) {
      const name = path.basename(file);
      expect(Buffer.compare(await readFile(path.join(work, 'second', name)), await readFile(file)), name).toBe(0);
    }
  });

  it('renders a page again when a diagram it shows has another SVG, and reuses nothing with reuse off', async () => {
    const cacheDir = path.join(work, 'cache-diagrams');
    const [breaker] = (await realPublication()).modules.filter((module) => module.slug === 'circuit-breaker');
    const source = breaker!.blocks.flatMap((block) => block.diagrams)[0]!.source;
    const options = (svg: string) => ({ version: '2004' as const, diagrams: new Map([[source, svg]]), playerBase: '../player/', library: publication.library });
    const render = async (svg: string, reuse = true) => {
      const cache = await openPlayerHtmlCache(cacheDir, { reuse });
      const html = await playerHtml(cache, breaker!, options(svg), new Map());
      expect(html).toBe(toPlayerHtml(breaker!, options(svg)));
      return cache.stats;
    };
    expect(await render('<svg id="one"></svg>')).toEqual({ rendered: 1, reused: 0 });
    expect(await render('<svg id="one"></svg>')).toEqual({ rendered: 0, reused: 1 });
    expect(await render('<svg id="two"></svg>')).toEqual({ rendered: 1, reused: 0 });
    expect(await render('<svg id="two"></svg>', false)).toEqual({ rendered: 1, reused: 0 });
  });
});
