import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUrl, launchBrowser, mapWithConcurrency, openIsolatedPage } from './browser.js';
import { markdownToHtml } from './markdown.js';
import { diagramProblem } from './diagram-problems.js';
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

  it('wraps a label only between words, never inside a word wider than the wrapping width', async () => {
    // circuit-breaker's configuration flowchart: Mermaid cut the identifier after "Thresho".
    const source = 'flowchart TD\n  R -->|"success, but slower than slowCallDurationThreshold"| S[slow call]';
    const svg = (await renderMermaid(browser, [source])).get(source)?.svg ?? '';
    const lines = [...svg.matchAll(/<tspan[^>]*class="text-outer-tspan[^"]*"[^>]*>([\s\S]*?)<\/tspan>(?=<tspan[^>]*class="text-outer|<\/text>)/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    expect(lines.join(' ')).toContain('slowCallDurationThreshold');
    expect(lines).toContain('slowCallDurationThreshold');
  });

  it("returns Mermaid's whole parse error: the message, the excerpt, the caret and what was expected", async () => {
    const source = 'sequenceDiagram\n  A->>B: hi\n  B-->>: oops';
    const error = (await renderMermaid(browser, [source])).get(source)?.error ?? '';
    expect(error.split('\n')).toEqual(['Parse error on line 3:', '...  A->>B: hi  B-->>: oops', '---------------------^', "Expecting '+', '-', '()', 'ACTOR', got 'TXT'"]);
  });

  it('does not cut a message of more than four lines', async () => {
    const ends = (letter: string) => Array.from({ length: 23 }, (_, i) => `${letter}${i}`).join(' & ');
    const source = `flowchart LR\n  ${ends('a')} --> ${ends('b')}`;
    const error = (await renderMermaid(browser, [source], { parseOnly: true })).get(source)?.error ?? '';
    expect(error.split('\n')).toHaveLength(5);
    expect(error).toMatch(/^Edge limit exceeded\. 500 edges found[\s\S]*You have to call mermaid\.initialize\.$/);
  });

  it('places a parse error on the line of module.md that Mermaid names, past front matter, comments and blank lines', async () => {
    const lines = ['', '---', 'title: Breaker', '---', '%% the states', 'stateDiagram-v2', '  %% closed first', '  [*] --> Closed', '', '  Closed --> : tripped', '  Open --> Closed'];
    const source = lines.join('\n');
    const error = (await renderMermaid(browser, [source], { parseOnly: true })).get(source)?.error ?? '';
    expect(error).toMatch(/^Parse error on line \d+:/);
    // The fence opens on line 40 of module.md: the source's line n is line 40 + n.
    const problem = diagramProblem({ kind: 'stateDiagram-v2', source, position: { line: 40, column: 1 } }, error);
    expect(problem.place).toEqual({ line: 40 + lines.indexOf('  Closed --> : tripped') + 1, column: 1 });
    expect(problem.reason).toBe(`Mermaid cannot draw this state diagram: ${error.split('\n').join('\n    ')}`);
  });

  it('stops a diagram over its time budget, reports it, and renders the rest of the batch on a new page', async () => {
    const nodes = 300;
    const big = [
      'flowchart TD',
      ...Array.from({ length: nodes - 1 }, (_, i) => `  n${i}[Service ${i}] --> n${i + 1}[Service ${i + 1}]`),
      ...Array.from({ length: nodes / 2 }, (_, i) => `  n${2 * i} -.-> n${(14 * i + 3) % nodes}`),
    ].join('\n');
    const small = 'flowchart LR\n  Slow --> Stopped';
    const started = performance.now();
    const results = await renderMermaid(browser, [big, small], { timeoutMs: 2000 });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(results.get(big)).toEqual({ error: expect.stringMatching(/^rendering took longer than 2 s and was stopped/), transient: true });
    expect(results.get(small)?.svg).toContain('Stopped');
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

  it('mapWithConcurrency fails only after the running items settled, and starts no more', async () => {
    const finished: number[] = [];
    const started: number[] = [];
    const failing = mapWithConcurrency([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('first failed');
      await new Promise((r) => setTimeout(r, 30));
      finished.push(n);
      return n;
    });
    await expect(failing).rejects.toThrow('first failed');
    // Item 2 was running when item 1 failed: it had finished by the time the call failed; nothing after it started.
    expect(finished).toEqual([2]);
    expect(started).toEqual([1, 2]);
  });
});
