import { launchBrowser } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearFigureMarks, floatFigures, markLargeFigures, pushedFigures } from './figure-flow.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The tags of the body's children, in order, after floating the first large figure past what fits in `gap` px. */
async function floated(body: string, gap: number): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0;font:16px/20px sans-serif">${body}</body></html>`);
    // As the print path runs them: each function's source evaluated in the page.
    await page.evaluate(markLargeFigures);
    await page.evaluate(floatFigures, [{ index: 0, gap }]);
    await page.evaluate(clearFigureMarks);
    return await page.evaluate(() =>
      Array.from(document.body.querySelectorAll(':scope > :not(.press-marker)')).map((element) => element.tagName.toLowerCase() + (element.classList.contains('diagram-page') ? '.figure' : '')),
    );
  } finally {
    await page.close();
  }
}

describe('floatFigures', () => {
  const figure = '<figure class="diagram-page" style="height:600px;margin:0">diagram</figure>';
  const paragraph = '<p style="height:40px;margin:0">text</p>';

  it('moves a pushed figure below the blocks that fill the gap it left', async () => {
    expect(await floated(`${figure}${paragraph}${paragraph}${paragraph}`, 150)).toEqual(['p', 'p', 'figure.figure', 'p']);
  });

  it('keeps three lines to spare: a block that would only just fit (and might print taller) stays after the figure', async () => {
    expect(await floated(`${figure}${paragraph}${paragraph}`, 100)).toEqual(['figure.figure', 'p', 'p']);
  });

  it('never leaves a subsection heading just before the figure: the heading takes its first block along', async () => {
    // The gap holds the paragraph and the heading, not the heading's text: the text comes along and flows on.
    const heading = '<h3 style="height:30px;margin:0">Monitoring setup</h3>';
    expect(await floated(`${figure}${paragraph}${heading}${paragraph}${paragraph}`, 141)).toEqual(['p', 'h3', 'p', 'figure.figure', 'p']);
    // A heading with nothing of its own after it (another heading follows) is not moved past at all.
    expect(await floated(`${figure}${paragraph}${heading}<h4 style="margin:0">Sub</h4>${paragraph}`, 141)).toEqual(['p', 'figure.figure', 'h3', 'h4', 'p']);
  });

  it('floats out of the block that holds it when that block ends within the gap', async () => {
    const tags = await floated(`<div class="concept">${figure}${paragraph}</div>${paragraph}${paragraph}<h2 style="margin:0">Next</h2>`, 161);
    expect(tags).toEqual(['div', 'p', 'figure.figure', 'p', 'h2']);
  });

  it('does not float past a section heading', async () => {
    expect(await floated(`${figure}<h2 style="margin:0">Next section</h2>${paragraph}`, 200)).toEqual(['figure.figure', 'h2', 'p']);
  });
});

describe('floatFigures beside split listings', () => {
  const figure = '<figure class="diagram-page" style="height:600px;margin:0">diagram</figure>';
  const paragraph = '<p style="height:40px;margin:0">text</p>';

  it('never moves a figure past a listing split at a page break (code-flow.ts): it would stand between a fragment and its mark', async () => {
    const split =
      '<pre style="height:40px;margin:0">a</pre><p class="press-code-continues">continued on next page</p><p class="press-code-continued">(continued)</p><pre style="height:40px;margin:0">b</pre>';
    expect(await floated(`${figure}${paragraph}${split}${paragraph}`, 400)).toEqual(['p', 'figure.figure', 'pre', 'p', 'p', 'pre', 'p']);
    // Inside a block (pandoc's div.sourceCode in a code example), the block is not moved past either.
    expect(await floated(`${figure}${paragraph}<div class="code-example">${split}</div>${paragraph}`, 400)).toEqual(['p', 'figure.figure', 'div', 'p']);
  });

  it('takes the marker along with a moved figure, so that a later measuring print sees where the figure is now', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(`<!doctype html><html><body style="margin:0;font:16px/20px sans-serif">${figure}${paragraph}${paragraph}${paragraph}</body></html>`);
      await page.evaluate(markLargeFigures);
      await page.evaluate(floatFigures, [{ index: 0, gap: 150 }]);
      const order = await page.evaluate(() => Array.from(document.body.children).map((element) => element.id || element.tagName.toLowerCase()));
      expect(order).toEqual(['p', 'p', 'press-before-0', 'press-figure-0', 'p', 'press-figure-links']);
    } finally {
      await page.close();
    }
  });
});

describe('pushedFigures', () => {
  // Chromium writes a destination's height as if the page had no top margin (22 mm): the column's foot, in those
  // heights, is 24 + 22 mm above the paper's foot.
  const columnFoot = ((24 + 22) * 72) / 25.4;

  it('measures the gap a pushed figure left from the foot of the column, not from the bottom margin', () => {
    // The marker 200 pt above the column's foot: 200 pt of the page left empty, 266.7 px.
    const positions = new Map([
      ['press-before-0', { page: 3, top: columnFoot + 200 }],
      ['press-figure-0', { page: 4, top: 841.9 }],
    ]);
    const [pushed] = pushedFigures(1, positions, columnFoot);
    expect(pushed?.index).toBe(0);
    expect(pushed?.gap).toBeCloseTo(200 / 0.75, 5);
  });

  it('leaves a figure whose gap is under a quarter of the column, or that was not pushed', () => {
    const positions = new Map([
      ['press-before-0', { page: 3, top: columnFoot + 150 }],
      ['press-figure-0', { page: 4, top: 841.9 }],
      ['press-before-1', { page: 5, top: 600 }],
      ['press-figure-1', { page: 5, top: 590 }],
    ]);
    expect(pushedFigures(2, positions, columnFoot)).toEqual([]);
  });
});
