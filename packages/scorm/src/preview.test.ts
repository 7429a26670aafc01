import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Publication } from '@pattern-press/format';
import { fileUrl, launchBrowser, openIsolatedPage } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitScorm, zipName } from './emit.js';
import { playerPages } from './player-html.js';
import { emitScormPreview, type EmitScormPreviewResult } from './preview.js';
import { readZip, realPublication } from './testing/fixtures.js';

let browser: Browser;
let work: string;
let outDir: string;
let publication: Publication;
let breaker: PatternModule;
let result: EmitScormPreviewResult;

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'scorm-preview-test-'));
  publication = await realPublication();
  breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
  outDir = path.join(work, 'preview');
  result = await emitScormPreview(publication, { outDir, cacheDir: path.join(work, 'cache'), browser });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('emitScormPreview', () => {
  it('writes, unzipped, exactly the files of the SCORM 2004 package that a learner’s browser loads', async () => {
    const names = result.files.map((file) => path.relative(outDir, file).split(path.sep).join('/'));
    expect(names).toContain('circuit-breaker/index.html');
    expect(names).toContain('player/player.css');
    expect(names).toContain('player/player.js');
    expect(names.some((name) => name.startsWith('retry-backoff/'))).toBe(false);
    expect(result.problems).toEqual([]);

    const { files } = await emitScorm(publication, { outDir: path.join(work, 'zips'), cacheDir: path.join(work, 'cache'), browser });
    const { entries } = await readZip(files.find((file) => path.basename(file) === zipName('circuit-breaker', '2004'))!);
    const loaded = [...entries.keys()].filter((name) => name.startsWith('circuit-breaker/') || name.startsWith('player/')).sort();
    expect(names).toEqual(loaded);
    for (const name of loaded) expect(Buffer.compare(await readFile(path.join(outDir, name)), entries.get(name)!), name).toBe(0);
  });

  it('runs from the folder in preview mode, shows the first page, and requests nothing outside the folder', async () => {
    const blocked: string[] = [];
    const requested: string[] = [];
    const page = await openIsolatedPage(browser, { allowedRoots: [outDir], onBlocked: (url) => blocked.push(url) });
    page.on('request', (request) => requested.push(request.url()));
    try {
      await page.goto(fileUrl(path.join(outDir, 'circuit-breaker', 'index.html')), { waitUntil: 'load' });
      expect(await page.$eval('#pp-mode', (node) => node.textContent)).toMatch(/^Preview mode: no LMS was found/);
      const pages = playerPages(breaker);
      expect(await page.$eval('#pp-progress', (node) => node.textContent)).toBe(`Page 1 of ${pages.length}`);
      const visible = await page.$eval('section.page:not([hidden])', (node) => ({
        id: node.getAttribute('data-page'),
        heading: node.querySelector('h2')?.textContent ?? '',
        text: (node as HTMLElement).innerText,
        height: node.getBoundingClientRect().height,
      }));
      expect(visible.id).toBe(pages[0]!.id);
      expect(visible.heading).toBe(pages[0]!.title);
      expect(visible.text.length).toBeGreaterThan(200);
      expect(visible.height).toBeGreaterThan(100);
      // The player's stylesheet applied: the hidden pages are not laid out.
      expect(await page.$$eval('section.page', (nodes) => nodes.filter((node) => node.getBoundingClientRect().height > 0).length)).toBe(1);
      expect(await page.title()).toBe(breaker.title);
      expect(blocked).toEqual([]);
      expect(requested.length).toBeGreaterThanOrEqual(3);
      for (const url of requested) expect(url.startsWith(`${fileUrl(outDir)}/`) || url.startsWith('data:'), url).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('writes only the modules asked for, and nothing when none is built', async () => {
    const some = await emitScormPreview(publication, { outDir: path.join(work, 'some'), cacheDir: path.join(work, 'cache'), browser, modules: new Set(['retry-backoff']) });
    expect(some).toEqual({ files: [], problems: [] });
    const one = await emitScormPreview(publication, { outDir: path.join(work, 'one'), cacheDir: path.join(work, 'cache'), modules: new Set(['circuit-breaker']) });
    expect(one.files.map((file) => path.relative(path.join(work, 'one'), file))).toEqual(result.files.map((file) => path.relative(outDir, file)));
  });
});
