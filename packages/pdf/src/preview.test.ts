import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { restrictBuilt, type Publication } from '@pattern-press/format';
import { fileUrl, launchBrowser, openIsolatedPage } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circuitBreakerPublication } from './fixtures.test-helpers.js';
import { emitHandbookHtml, type EmitHandbookHtmlResult } from './preview.js';

let browser: Browser;
let publication: Publication;
let circuitBreaker: PatternModule;
let result: EmitHandbookHtmlResult;
let outDir: string;
const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'press-html-cache-'));

beforeAll(async () => {
  browser = await launchBrowser();
  ({ publication, circuitBreaker } = await circuitBreakerPublication());
  outDir = await mkdtemp(path.join(os.tmpdir(), 'press-html-out-'));
  result = await emitHandbookHtml(publication, { outDir, cacheDir, browser });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

/** Every URL the markup itself would load: src attributes, stylesheet links, CSS url()s. */
function loadedUrls(html: string): string[] {
  const tags = [...html.matchAll(/<[a-z][^>]*>/gi)].map((match) => match[0]);
  const sources = tags.flatMap((tag) => [...tag.matchAll(/\s(?:src|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]!));
  const stylesheets = tags.filter((tag) => /^<link\b/i.test(tag)).flatMap((tag) => [...tag.matchAll(/\shref\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]!));
  const cssUrls = [...html.matchAll(/url\(\s*["']?([^"')]+)/gi)].map((match) => match[1]!);
  const imports = [...html.matchAll(/@import\s+["']([^"']+)/gi)].map((match) => match[1]!);
  return [...sources, ...stylesheets, ...cssUrls, ...imports];
}

describe('emitHandbookHtml', () => {
  it('writes the handbook and a page per built module, nothing for unbuilt modules', async () => {
    expect(result.files).toEqual([path.join(outDir, 'circuit-breaker.html'), path.join(outDir, 'handbook.html')]);
    expect((await readdir(outDir)).sort()).toEqual(['circuit-breaker.html', 'handbook.html']);
    expect(existsSync(path.join(outDir, 'retry-backoff.html'))).toBe(false);
    expect(result.problems).toEqual([]);
  });

  it('is self-contained: the title, every block, diagrams as inline SVG, CSS inline, nothing loaded from elsewhere', async () => {
    for (const name of ['circuit-breaker.html', 'handbook.html']) {
      const html = await readFile(path.join(outDir, name), 'utf8');
      expect(html, name).toContain(circuitBreaker.title);
      for (const block of circuitBreaker.blocks) expect(html, block.title).toContain(block.title.replace(/&/g, '&amp;'));
      expect(html).toMatch(/<figure class="diagram"><svg/);
      expect(html).toMatch(/<figcaption><span class="figure-no">Figure \d+\.\d+:<\/span>/);
      expect(html).not.toContain('```mermaid');
      expect(html).toMatch(/<style>[\s\S]*@page/);
      const urls = loadedUrls(html);
      for (const url of urls) expect(url, `${name} loads ${url}`).toMatch(/^(?:data:|#)/);
      expect(html).not.toMatch(/\s(?:src|srcset)\s*=\s*["']?(?:https?:)?\/\//i);
    }
  });

  it('opens in Chromium with the diagrams drawn and no request outside its folder', async () => {
    const blocked: string[] = [];
    const requested: string[] = [];
    const page = await openIsolatedPage(browser, { allowedRoots: [outDir], onBlocked: (url) => blocked.push(url) });
    page.on('request', (request) => requested.push(request.url()));
    try {
      await page.goto(fileUrl(path.join(outDir, 'handbook.html')), { waitUntil: 'load' });
      // The print path's ready flag is set here too: fonts and images settle without anything from the network.
      await page.waitForFunction('window.__pressReady === true', { timeout: 30_000 });
      expect(await page.title()).toBeTruthy();
      expect(await page.$eval('body', (body) => body.innerText)).toContain(circuitBreaker.title);
      const drawn = await page.$$eval('figure.diagram svg', (svgs) => svgs.filter((svg) => svg.getBoundingClientRect().width > 0).length);
      expect(drawn).toBeGreaterThan(0);
      expect(blocked).toEqual([]);
      for (const url of requested) expect(url.startsWith(fileUrl(outDir)) || url.startsWith('data:'), url).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('writes only the chapters asked for, and always the whole handbook', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'press-html-some-'));
    const some = await emitHandbookHtml(publication, { outDir: out, cacheDir, browser, modules: new Set(['retry-backoff']) });
    expect(some.files).toEqual([path.join(out, 'handbook.html')]);
    expect(await readFile(path.join(out, 'handbook.html'), 'utf8')).toContain(circuitBreaker.title);
  });

  it('gives the same bytes for the same input', async () => {
    const again = await mkdtemp(path.join(os.tmpdir(), 'press-html-again-'));
    await emitHandbookHtml(publication, { outDir: again, cacheDir, browser });
    for (const name of ['circuit-breaker.html', 'handbook.html']) {
      expect(Buffer.compare(await readFile(path.join(outDir, name)), await readFile(path.join(again, name))), name).toBe(0);
    }
  });

  it('writes nothing when no module is built', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'press-html-none-'));
    const none = await emitHandbookHtml(restrictBuilt(publication, []), { outDir: out, cacheDir, browser });
    expect(none).toEqual({ files: [], problems: [] });
    expect(await readdir(out)).toEqual([]);
  });
});
