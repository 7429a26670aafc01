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
 * prints with those page numbers filled in. The placeholders are as wide as
 * the numbers, so filling them in moves nothing.
 */
export async function printPdf(browser: Browser, htmlPath: string, options: PrintOptions): Promise<PrintResult> {
  const timeout = options.timeout ?? 120_000;
  const page = await openIsolatedPage(browser, { allowedRoots: options.allowedRoots, onBlocked: options.onBlocked });
  try {
    await page.goto(fileUrl(htmlPath), { waitUntil: 'load', timeout });
    await page.waitForFunction(`window.${readyFlag} === true`, { timeout });
    const passes: number[] = [];
    const print = async () => {
      const started = performance.now();
      const pdf = await page.pdf({ ...pdfOptions, timeout });
      passes.push(performance.now() - started);
      return pdf;
    };
    const first = await print();
    const pages = await destinationPages(first);
    const filled = await page.evaluate((entries: [string, number][]) => {
      const byId = new Map(entries);
      let count = 0;
      for (const element of Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))) {
        const number = byId.get(element.dataset.target ?? '');
        element.textContent = number === undefined ? '' : String(number);
        count++;
      }
      return count;
    }, [...pages]);
    const pdf = filled > 0 ? await print() : first;
    return { pdf, pages, passes };
  } finally {
    await page.close();
  }
}
