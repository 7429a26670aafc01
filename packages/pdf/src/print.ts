import { fileUrl, openIsolatedPage } from '@pattern-press/render';
import type { Browser, PDFOptions } from 'puppeteer-core';
import { destinationPages } from './pdf-info.js';
import { readyFlag } from './template.js';

export interface PrintOptions {
  /** Folders the page may load files from; every other request is blocked and reported. */
  allowedRoots: string[];
  onBlocked: (url: string) => void;
  /** Milliseconds to wait for the ready signal and each print. */
  timeout?: number;
}

export interface PrintResult {
  pdf: Uint8Array;
  /** Page of each contents entry, by heading id. */
  pages: Map<string, number>;
  /** Time spent in each print pass, in milliseconds. */
  passes: number[];
}

const pdfOptions: PDFOptions = {
  preferCSSPageSize: true,
  printBackground: true,
  outline: true,
  tagged: true,
  displayHeaderFooter: false,
};

/**
 * Prints an HTML file of the build to PDF in two passes: the first tells
 * where each heading landed (Chromium writes a named destination for every
 * link target, and each contents entry links to its heading); the second
 * prints with those page numbers filled in, tagged and with an outline. The
 * placeholders are as wide as the numbers, so filling them in moves nothing.
 */
export async function printPdf(browser: Browser, htmlPath: string, options: PrintOptions): Promise<PrintResult> {
  const timeout = options.timeout ?? 120_000;
  const page = await openIsolatedPage(browser, { allowedRoots: options.allowedRoots, onBlocked: options.onBlocked });
  try {
    await page.goto(fileUrl(htmlPath), { waitUntil: 'load', timeout });
    await page.waitForFunction(`window.${readyFlag} === true`, { timeout });
    const passes: number[] = [];
    const print = async (options: PDFOptions) => {
      const started = performance.now();
      const pdf = await page.pdf({ ...options, timeout });
      passes.push(performance.now() - started);
      return pdf;
    };
    const hasContents = await page.evaluate(() => document.querySelector('.toc-page[data-target]') !== null);
    if (!hasContents) {
      const pdf = await print(pdfOptions);
      return { pdf, pages: await destinationPages(pdf), passes };
    }
    // The first pass only tells where headings land: without the structure tree and outline (which do not
    // change the layout) Chromium prints it in about two thirds of the time, and pdf-lib reads it faster.
    const pages = await destinationPages(await print({ ...pdfOptions, tagged: false, outline: false }));
    await page.evaluate((entries: [string, number][]) => {
      const byId = new Map(entries);
      for (const element of Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))) {
        const number = byId.get(element.dataset.target ?? '');
        element.textContent = number === undefined ? '' : String(number);
      }
    }, [...pages]);
    const pdf = await print(pdfOptions);
    return { pdf, pages, passes };
  } finally {
    await page.close();
  }
}
