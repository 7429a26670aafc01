import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '@pattern-press/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitApi } from './emit.js';
import { realPublication } from './fixtures.test-helpers.js';
import { isBuilt } from '@pattern-press/format';

// One real Chromium for this file: diagrams are rendered by Mermaid in the browser, never faked.
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let work: string;

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'press-api-diagrams-'));
});

afterAll(async () => {
  await browser?.close();
  await rm(work, { recursive: true, force: true });
});

describe('emitApi with a browser', () => {
  it('inlines each diagram as SVG with real text, renders each source once and reuses the cache', async () => {
    const publication = await realPublication();
    const breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
    const cacheDir = path.join(work, 'cache');
    const first = await emitApi(publication, { outDir: path.join(work, 'a'), cacheDir, browser });
    expect(first.problems).toEqual([]);
    const detail = JSON.parse(await readFile(path.join(work, 'a/v1/modules/circuit-breaker.json'), 'utf8'));
    const blockIndex = breaker.blocks.findIndex((block) => block.diagrams.length > 0);
    const html: string = JSON.stringify(detail.html.blocks[blockIndex]);
    expect(html).toContain('<figure class=\\"diagram\\"><svg');
    expect(html).not.toContain('language-mermaid');
    expect(html).toMatch(/<text[^>]*>/);
    const unique = new Set(
      publication.modules.filter(isBuilt).flatMap((module) => [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])].map((diagram) => diagram.source)),
    );
    expect((await readdir(path.join(cacheDir, 'mermaid'))).filter((name) => name.endsWith('.svg'))).toHaveLength(unique.size);
    const second = await emitApi(publication, { outDir: path.join(work, 'b'), cacheDir, browser });
    for (const file of first.files) {
      expect(await readFile(path.join(work, 'b', path.relative(path.join(work, 'a'), file)))).toEqual(await readFile(file));
    }
    expect(second.files).toHaveLength(first.files.length);
  });
});
