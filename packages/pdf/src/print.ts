import { fileUrl, openIsolatedPage } from '@pattern-press/render';
import type { Browser, PDFOptions } from 'puppeteer-core';
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
    const contentsPage = options.contentsPage;
    if (contentsPage && (await page.evaluate(() => document.querySelector('.toc-page[data-target]') !== null))) {
      // Untagged, the count pass costs about two thirds of a tagged one.
      const count = (await loadPdf(await print({ ...pdfOptions, tagged: false }))).getPageCount();
      const numbers = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'), (element) => element.dataset.target ?? ''));
      const filled = numbers.map((id): [string, string] => [id, String(contentsPage(id, count) ?? '')]);
      await page.evaluate((entries: [string, string][]) => {
        const byId = new Map(entries);
        for (const element of Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))) element.textContent = byId.get(element.dataset.target ?? '') ?? '';
      }, filled);
    }
    const large = await page.evaluate(markLargeFigures);
    if (large > 0) {
      // A measuring print (untagged: cheaper) says where each large diagram landed; those pushed to the next page move below what fills their gap.
      const positions = await destinationPositions(await print({ ...pdfOptions, tagged: false }));
      await page.evaluate(floatFigures, pushedFigures(large, positions, (24 * 72) / 25.4));
      await page.evaluate(clearFigureMarks);
    }
    const pdf = await print(pdfOptions);
    return { pdf, pages: await destinationPages(pdf), pageCount: (await loadPdf(pdf)).getPageCount(), passes };
  } finally {
    await page.close();
  }
}
