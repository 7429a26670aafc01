import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePlan } from './code-flow.js';
import { printPart } from './print.js';
import { documentCss } from './style.js';
import { readyFlag } from './template.js';

let browser: Browser;
let work: string;
beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'press-code-flow-'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await rm(work, { recursive: true, force: true });
});

/** The text of each page of a part printed from `body` with the handbook's stylesheet, as pdftotext reads it. */
async function printedPages(body: string): Promise<string[]> {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.html`);
  await writeFile(
    file,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${documentCss('module', 'Test', [])}</style></head><body>${body}<script>window.${readyFlag} = true;</script></body></html>`,
  );
  const printed = await printPart(browser, file, { allowedRoots: [work], onBlocked: () => undefined });
  const pdf = `${file}.pdf`;
  await writeFile(pdf, printed.pdf);
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((page) => page.trim() !== '');
}

/** The page's text opens (under the running header, "Test") with the mark. */
const opensContinued = (page: string) => page.replace(/^\s*Test\s*/, '').startsWith('(continued)');
const paragraph = (n: number) => `<p>${'A paragraph of reading text that fills a line or two of the column before the listing. '.repeat(n)}</p>`;
/** A highlighted listing as pandoc writes it: one span per line with an id. */
const highlighted = (lines: number) =>
  `<div class="sourceCode" id="cb1"><pre class="sourceCode python"><code class="sourceCode python">${Array.from({ length: lines }, (_, i) => `<span id="cb1-${i + 1}"><a href="#cb1-${i + 1}" aria-hidden="true" tabindex="-1"></a>line_${i + 1} = ${i + 1}</span>`).join('\n')}</code></pre></div>`;
const plain = (lines: number) => `<pre><code>${Array.from({ length: lines }, (_, i) => `plain_${i + 1}()`).join('\n')}</code></pre>`;

describe('listings over a page break', () => {
  it('marks a highlighted listing that continues: "continued on next page" under its first fragment, "(continued)" over the next, no line lost', async () => {
    const pages = await printedPages(`${paragraph(30)}${highlighted(90)}${paragraph(2)}`);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const first = pages.findIndex((page) => page.includes('line_1 '));
    const continues = pages.findIndex((page) => page.includes('continued on next page'));
    expect(continues).toBe(first);
    // The mark comes after the fragment's last line on that page.
    const lines = [...pages[first]!.matchAll(/line_(\d+) =/g)].map((match) => Number(match[1]));
    expect(pages[first]!.indexOf('continued on next page')).toBeGreaterThan(pages[first]!.indexOf(`line_${lines.at(-1)} =`));
    const next = pages[first + 1]!;
    expect(opensContinued(next)).toBe(true);
    expect(next).toContain(`line_${lines.at(-1)! + 1} =`);
    const all = pages.join('\n');
    for (let i = 1; i <= 90; i++) expect(all.match(new RegExp(`line_${i} =`, 'g')), `line ${i}`).toHaveLength(1);
  }, 120_000);

  it('marks plain listings too, and every page break of a listing longer than a page', async () => {
    const pages = await printedPages(`${paragraph(10)}${plain(170)}`);
    const marked = pages.filter((page) => page.includes('continued on next page')).length;
    expect(marked).toBeGreaterThanOrEqual(2);
    expect(pages.filter((page) => opensContinued(page)).length).toBe(marked);
    expect(pages.join('\n').match(/plain_\d+\(\)/g)).toHaveLength(170);
    // Every page but the last is full of code: no fragment of a line or two on a page of its own.
    expect(
      pages
        .slice(1, -1)
        .map((page) => page.match(/plain_\d+\(\)/g)?.length ?? 0)
        .filter((lines) => lines < 40),
    ).toEqual([]);
    const long = await printedPages(`${paragraph(10)}${highlighted(250)}`);
    expect(
      long
        .slice(1, -1)
        .map((page) => page.match(/line_\d+ =/g)?.length ?? 0)
        .filter((lines) => lines < 40),
    ).toEqual([]);
  }, 120_000);

  it('leaves a listing that fits on its page alone', async () => {
    const pages = await printedPages(`${paragraph(2)}${highlighted(10)}`);
    expect(pages.join('\n')).not.toContain('continued');
  }, 120_000);
});

describe('codePlan', () => {
  const at = (page: number, top: number) => ({ page, top });
  it('splits at the first line on the next page, a line earlier when the mark would not fit', () => {
    const positions = new Map([
      ['press-code-0-0', at(1, 200)],
      ['press-code-0-1', at(1, 120)],
      ['press-code-0-2', at(1, 100)],
      ['press-code-0-3', at(2, 780)],
    ]);
    expect(codePlan([4], [], positions, 68, 20).split).toEqual([{ block: 0, line: 3 }]);
    expect(codePlan([4], [], positions, 68, 40).split).toEqual([{ block: 0, line: 2 }]);
  });

  it('moves a split whose mark no longer fits under its fragment (the mark alone on the next page) a line up, in the same round', () => {
    const positions = new Map([
      ['press-code-0-0', at(1, 200)],
      ['press-code-0-1', at(1, 75)],
      ['press-continues-0-2', at(2, 780)],
      ['press-continued-0-2', at(3, 780)],
      ['press-code-0-2', at(3, 760)],
    ]);
    expect(codePlan([3], [{ block: 0, line: 2 }], positions, 68, 20)).toEqual({ undo: [{ block: 0, line: 2 }], split: [{ block: 0, line: 1 }] });
  });

  it('moves a split whose first fragment spilled onto the next page with its mark up to the first line that spilled, in the same round', () => {
    const positions = new Map([
      ['press-code-0-0', at(1, 200)],
      ['press-code-0-1', at(2, 780)],
      ['press-continues-0-2', at(2, 760)],
      ['press-continued-0-2', at(3, 780)],
      ['press-code-0-2', at(3, 760)],
    ]);
    expect(codePlan([3], [{ block: 0, line: 2 }], positions, 68, 20)).toEqual({ undo: [{ block: 0, line: 2 }], split: [{ block: 0, line: 1 }] });
  });

  it('undoes a split whose fragment has no line to spare, and leaves the other fragments of the listing for the next round', () => {
    const positions = new Map([
      ['press-code-0-0', at(2, 780)],
      ['press-continues-0-1', at(3, 780)],
      ['press-continued-0-1', at(4, 780)],
      ['press-code-0-1', at(4, 760)],
      ['press-code-0-2', at(5, 780)],
    ]);
    expect(codePlan([3], [{ block: 0, line: 1 }], positions, 68, 20)).toEqual({ undo: [{ block: 0, line: 1 }], split: [] });
  });

  it('undoes a split that holds but ends its fragment high on the page (what was above it moved up), to split afresh a round later', () => {
    const positions = new Map([
      ['press-code-0-0', at(1, 300)],
      ['press-code-0-1', at(1, 290)],
      ['press-continues-0-2', at(1, 280)],
      ['press-continued-0-2', at(2, 780)],
      ['press-code-0-2', at(2, 760)],
      ['press-code-0-3', at(2, 748)],
    ]);
    expect(codePlan([4], [{ block: 0, line: 2 }], positions, 68, 20)).toEqual({ undo: [{ block: 0, line: 2 }], split: [] });
    // Near the foot, it stays.
    positions.set('press-code-0-1', at(1, 100));
    expect(codePlan([4], [{ block: 0, line: 2 }], positions, 68, 20)).toEqual({ undo: [], split: [] });
  });
});
