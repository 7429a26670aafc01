import path from 'node:path';
import { fileUrl, openIsolatedPage } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { slideSize } from './layout.js';

/** A fixed date for the PDF's info dictionary: the same deck gives the same bytes. */
const fixedPdfDate = "D:20000101000000+00'00'";

/**
 * Chromium stamps the print time into /CreationDate and /ModDate; overwrite
 * them in place with a fixed date of the same length so the xref offsets hold.
 */
export function fixPdfDates(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const fixed = text.replace(/\/(CreationDate|ModDate) ?\((D:[^)]*)\)/g, (match, key: string, value: string) => {
    const replacement = fixedPdfDate.length <= value.length ? fixedPdfDate.padEnd(value.length, ' ') : value;
    return match.replace(value, replacement.slice(0, value.length));
  });
  return Buffer.from(fixed, 'latin1');
}

/**
 * Prints a deck folder to PDF with reveal.js's print view: one slide per page,
 * 1280x720 px. Throws when the deck asks for anything outside its folder.
 */
export async function printDeck(browser: Browser, deckDir: string): Promise<Buffer> {
  const blocked: string[] = [];
  const page = await openIsolatedPage(browser, { allowedRoots: [deckDir], onBlocked: (url) => blocked.push(url) });
  try {
    await page.goto(`${fileUrl(path.join(deckDir, 'index.html'))}?print-pdf`, { waitUntil: 'load' });
    await page.waitForFunction(() => (globalThis as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true && document.querySelector('.pdf-page') !== null, { timeout: 60_000 });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    const pdf = await page.pdf({ width: `${slideSize.width}px`, height: `${slideSize.height}px`, printBackground: true, preferCSSPageSize: true, timeout: 120_000 });
    if (blocked.length > 0) throw new Error(`the deck in ${deckDir} requested files outside its folder: ${blocked.join(', ')}`);
    return fixPdfDates(Buffer.from(pdf));
  } finally {
    await page.close();
  }
}
