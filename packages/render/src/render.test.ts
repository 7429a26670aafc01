import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUrl, launchBrowser, mapWithConcurrency, openIsolatedPage } from './browser.js';
import { markdownToHtml } from './markdown.js';
import { renderMermaid } from './mermaid.js';

describe('markdownToHtml', () => {
  it('drops raw HTML and scripts, keeps GFM tables and highlights code', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f(): pass\n```\n\n[x](javascript:alert(1))');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<table>');
    expect(html).toContain('hljs-keyword');
  });

  it('swaps Mermaid blocks for the SVG given, after sanitizing', () => {
    const html = markdownToHtml('```mermaid\nflowchart LR\n  A --> B\n```', { diagram: (source) => (source === 'flowchart LR\n  A --> B' ? '<svg id="ok"></svg>' : undefined) });
    expect(html).toContain('<figure class="diagram"><svg id="ok"></svg></figure>');
  });

  it('rewrites link targets', () => {
    expect(markdownToHtml('[r](../retry/module.md)', { rewriteUrl: () => '#retry' })).toContain('href="#retry"');
  });
});

describe('with Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders Mermaid to SVG with real text labels, once per unique source, and caches it', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'press-cache-'));
    const source = 'stateDiagram-v2\n  [*] --> Closed\n  Closed --> Open: threshold exceeded';
    const stats = { rendered: 0, cached: 0 };
    const first = await renderMermaid(browser, [source, source, 'not a diagram'], { cacheDir }, stats);
    const svg = first.get(source)?.svg ?? '';
    const textContent = [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ')).join(' ');
    expect(textContent.split(/\s+/)).toEqual(expect.arrayContaining(['Closed', 'Open', 'threshold', 'exceeded']));
    expect(first.get(source)?.svg).not.toContain('foreignObject');
    expect(first.get('not a diagram')?.error).toBeTruthy();
    expect(stats).toEqual({ rendered: 1, cached: 0 });
    expect(await readdir(cacheDir)).toHaveLength(1);
    await renderMermaid(browser, [source], { cacheDir }, stats);
    expect(stats).toEqual({ rendered: 1, cached: 1 });
  });

  it('blocks and reports every request that is not a local file of the build', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'press-page-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(root, 'index.html'), '<img src="http://example.com/x.png"><script src="https://cdn.example.com/a.js"></script><img src="file:///etc/hostname">');
    const blocked: string[] = [];
    const page = await openIsolatedPage(browser, { allowedRoots: [root], onBlocked: (url) => blocked.push(url) });
    await page.goto(fileUrl(path.join(root, 'index.html')), { waitUntil: 'load' });
    await page.close();
    expect(blocked.sort()).toEqual(['file:///etc/hostname', 'http://example.com/x.png', 'https://cdn.example.com/a.js']);
  });

  it('mapWithConcurrency keeps order and bounds parallelism', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
  });
});
