import { fileUrl, openIsolatedPage } from '@pattern-press/render';
import type { Browser, Page, PDFOptions } from 'puppeteer-core';
import { clearCodeMarks, codePlan, englishCodeMarks, joinCode, markCodeLines, splitCode, type CodeSplit } from './code-flow.js';
import { clearFigureMarks, floatFigures, markLargeFigures, pushedFigures } from './figure-flow.js';
import { destinationPages, destinationPositions, loadPdf } from './pdf-info.js';
import { readyFlag } from './template.js';

export interface PrintOptions {
  /** Folders the page may load files from; every other request is blocked and reported. */
  allowedRoots: string[];
  onBlocked: (url: string) => void;
  /**
   * For a part with a contents page (the front matter): the page number to
   * print for the heading `id`, given how many pages this part has. The part
   * is then printed twice, the first time only to count its pages; the
   * numbers are as wide as their placeholders, so filling them in moves nothing.
   */
  contentsPage?: ((id: string, partPages: number) => number | undefined) | undefined;
}

export interface PrintedPart {
  pdf: Uint8Array;
  /** Page (1-based, within the part) of every named destination. */
  pages: Map<string, number>;
  pageCount: number;
  /** Time spent in each print pass, in milliseconds. */
  passes: number[];
}

// No outline: the book's outline is made from our headings after the merge. No timeout: a long part on a
// slow machine makes a slow build, never a failed one (parts are bounded by one chapter each).
const pdfOptions: PDFOptions = {
  preferCSSPageSize: true,
  printBackground: true,
  outline: false,
  tagged: true,
  displayHeaderFooter: false,
  timeout: 0,
};

/**
 * Where the column ends, in the heights Chromium writes for a destination:
 * those are measured as if the page had no top margin (the first line of a
 * page is at the paper's top, 842 pt), so the column's foot sits the top
 * margin (22 mm) higher than the bottom margin alone.
 */
const columnFoot = ((24 + 22) * 72) / 25.4;

/**
 * Room (pt) a fragment's last line needs above the page's foot when the mark
 * follows it: the line (8.3 pt at 1.35), the listing's padding and border,
 * the mark (8 pt at 1.3 with its margin), and a line to spare (a split
 * further up the page can move the text down a little).
 */
const markRoom = 8.3 * 1.35 + 6 + 8 * 1.3 + 4 + 8.3 * 1.35;

/** Rounds of measuring before a split that still does not hold is undone (each round is one print; two are the rule, the second only checks). */
const codeRounds = 8;

type Positions = Map<string, { page: number; top: number }>;

/**
 * Makes every box of the page invisible for a measuring print, or visible
 * again: `visibility` changes no layout, so the pages and every destination's
 * place stay as they are, but Chromium paints nothing, and a chapter's
 * measuring print costs about a third of a painted one.
 */
export function setMeasuring(on: boolean): void {
  document.getElementById('press-measuring')?.remove();
  if (!on) return;
  const style = document.createElement('style');
  style.id = 'press-measuring';
  style.textContent = '*, *::before, *::after { visibility: hidden !important; }';
  document.head.append(style);
}

/**
 * Splits the listings that run over a page break and marks both fragments
 * (code-flow.ts), round by round until every split holds, from the splits
 * `made` so far (updated). Returns the positions of the last measuring print,
 * or undefined when the rounds ran out and splits were undone after it.
 */
async function markContinuedCode(page: Page, listings: number[], made: CodeSplit[], first: Positions, measure: () => Promise<Positions>): Promise<Positions | undefined> {
  let positions = first;
  for (let round = 0; ; round++) {
    const plan = codePlan(listings, made, positions, columnFoot, markRoom);
    if (plan.undo.length === 0 && plan.split.length === 0) return positions;
    await page.evaluate(joinCode, plan.undo);
    for (const undone of plan.undo)
      made.splice(
        made.findIndex((split) => split.block === undone.block && split.line === undone.line),
        1,
      );
    // Out of rounds: a split that does not hold goes (a listing left unmarked, never a fragment spilled onto a page of its own).
    if (round === codeRounds) return undefined;
    await page.evaluate(splitCode, plan.split, englishCodeMarks);
    made.push(...plan.split);
    positions = await measure();
  }
}

/** Prints one part of a PDF (see PrintOptions): never more than one chapter, the front matter or the references. */
export async function printPart(browser: Browser, htmlPath: string, options: PrintOptions): Promise<PrintedPart> {
  const page = await openIsolatedPage(browser, { allowedRoots: options.allowedRoots, onBlocked: options.onBlocked });
  try {
    await page.goto(fileUrl(htmlPath), { waitUntil: 'load', timeout: 0 });
    await page.waitForFunction(`window.${readyFlag} === true`, { timeout: 0 });
    const passes: number[] = [];
    const print = async (options: PDFOptions) => {
      const started = performance.now();
      const pdf = await page.pdf(options);
      passes.push(performance.now() - started);
      return pdf;
    };
    // Untagged and unpainted: what a measuring print is read for is where things are.
    const measuringPrint = async () => {
      await page.evaluate(setMeasuring, true);
      try {
        return await print({ ...pdfOptions, tagged: false });
      } finally {
        await page.evaluate(setMeasuring, false);
      }
    };
    const contentsPage = options.contentsPage;
    if (contentsPage && (await page.evaluate(() => document.querySelector('.toc-page[data-target]') !== null))) {
      const count = (await loadPdf(await measuringPrint())).getPageCount();
      const numbers = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'), (element) => element.dataset.target ?? ''));
      const filled = numbers.map((id): [string, string] => [id, String(contentsPage(id, count) ?? '')]);
      await page.evaluate((entries: [string, string][]) => {
        const byId = new Map(entries);
        for (const element of Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))) element.textContent = byId.get(element.dataset.target ?? '') ?? '';
      }, filled);
    }
    const large = await page.evaluate(markLargeFigures);
    const listings = await page.evaluate(markCodeLines);
    const measure = async () => destinationPositions(await measuringPrint());
    let positions = large > 0 || listings.length > 0 ? await measure() : undefined;
    if (large > 0 && positions) {
      // A measuring print says where each large diagram landed; those pushed to the next page move below what fills their gap.
      const moved = await page.evaluate(floatFigures, pushedFigures(large, positions, columnFoot));
      if (moved > 0 && listings.length > 0) positions = await measure();
    }
    if (listings.length > 0 && positions) {
      const made: CodeSplit[] = [];
      positions = await markContinuedCode(page, listings, made, positions, measure);
      // The marks add lines: a large diagram further on may now be pushed, leaving a gap. Floated once more (never
      // past a split listing), what follows it moved, so the splits are checked again (rounds bounded as before).
      if (large > 0) {
        const pushed = pushedFigures(large, positions ?? (await measure()), columnFoot);
        if (pushed.length > 0 && (await page.evaluate(floatFigures, pushed)) > 0) await markContinuedCode(page, listings, made, await measure(), measure);
      }
      await page.evaluate(clearCodeMarks);
    }
    await page.evaluate(clearFigureMarks);
    const pdf = await print(pdfOptions);
    return { pdf, pages: await destinationPages(pdf), pageCount: (await loadPdf(pdf)).getPageCount(), passes };
  } finally {
    await page.close();
  }
}
