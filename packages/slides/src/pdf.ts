import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { fileUrl, openIsolatedPage } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import type { Deck } from './deck.js';
import { slideSize } from './layout.js';

/** `date` as a PDF date string in UTC (`D:20240305070810+00'00'`). */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/\.\d{3}Z$/, '').replace(/[-T:]/g, '')}+00'00'`;
}

/**
 * Chromium stamps the print time into /CreationDate and /ModDate; overwrite
 * them in place with `date` (the date policy's) at the same length so the xref offsets hold.
 */
export function fixPdfDates(pdf: Buffer, date: Date): Buffer {
  const fixedPdfDate = pdfDate(date);
  const text = pdf.toString('latin1');
  const fixed = text.replace(/\/(CreationDate|ModDate) ?\((D:[^)]*)\)/g, (match, _key: string, value: string) => {
    const replacement = fixedPdfDate.length <= value.length ? fixedPdfDate.padEnd(value.length, ' ') : value;
    return match.replace(value, replacement.slice(0, value.length));
  });
  return Buffer.from(fixed, 'latin1');
}

/**
 * Chromium writes every link as an absolute URL, so a link from one deck to
 * another (`../bulkhead/index.html` in the HTML) would name the build's
 * temporary folder: broken once the build ends, and different bytes every
 * build. In the PDF such a link becomes a link to the other deck's PDF beside
 * it (a GoToR action to `bulkhead.pdf`), and any other link into the decks
 * folder a path relative to it. Links elsewhere are left as they are.
 */
export async function relativeDeckLinks(pdf: Buffer, decksDir: string): Promise<Buffer> {
  const root = pathToFileURL(decksDir).href.replace(/\/?$/, '/');
  // Most decks link to no other deck: no need to re-save those.
  if (!pdf.includes(root, 0, 'latin1')) return pdf;
  // pdf-lib yields to the event loop through setTimeout every 100 objects by default: parse and write in one go.
  const document = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  for (const page of document.getPages()) {
    const annotations = page.node.lookup(PDFName.of('Annots'));
    if (!(annotations instanceof PDFArray)) continue;
    for (let index = 0; index < annotations.size(); index++) {
      const annotation = annotations.lookup(index);
      const action = annotation instanceof PDFDict ? annotation.lookup(PDFName.of('A')) : undefined;
      if (!(action instanceof PDFDict) || action.get(PDFName.of('S')) !== PDFName.of('URI')) continue;
      const uri = action.lookup(PDFName.of('URI'));
      const url = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
      if (!url.startsWith(root)) continue;
      const relative = url.slice(root.length);
      const deck = /^([a-z0-9-]+)\/index\.html(?:[?#].*)?$/.exec(relative)?.[1];
      (annotation as PDFDict).set(
        PDFName.of('A'),
        deck
          ? document.context.obj({ Type: 'Action', S: 'GoToR', F: PDFString.of(`${deck}.pdf`), D: [0, 'Fit'], NewWindow: true })
          : document.context.obj({ Type: 'Action', S: 'URI', URI: PDFString.of(relative) }),
      );
    }
  }
  return Buffer.from(await document.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY }));
}

/**
 * The deck's PDF with our metadata instead of Chromium's (which names itself
 * as the creator and carries the print time): the deck's title, its authors,
 * Pattern Press as the creator, and one bookmark per section of the session,
 * opened beside the pages; dated `date` (the date policy's, so the same deck gives the same bytes).
 */
export async function withDeckInfo(pdf: Buffer, deck: Pick<Deck, 'title' | 'tagline' | 'authors' | 'sections' | 'badge'>, date: Date): Promise<Buffer> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  document.setTitle(`${deck.title}: slides${deck.badge ? ` (${deck.badge})` : ''}`, { showInWindowTitleBar: true });
  document.setAuthor(deck.authors.join(', '));
  document.setSubject(deck.tagline);
  document.setKeywords(['slides', deck.title]);
  document.setCreator('Pattern Press');
  document.setProducer('Pattern Press (Chromium, pdf-lib)');
  document.setLanguage('en');
  document.setCreationDate(date);
  document.setModificationDate(date);
  const pages = document.getPages();
  const sections = deck.sections.filter((section) => section.slide < pages.length);
  if (sections.length > 0) {
    const context = document.context;
    const root = context.nextRef();
    const items = sections.map(() => context.nextRef());
    sections.forEach((section, index) => {
      const item = context.obj({ Title: PDFHexString.fromText(section.title), Parent: root, Dest: [pages[section.slide]!.ref, 'Fit'] });
      if (index > 0) item.set(PDFName.of('Prev'), items[index - 1]!);
      if (index < items.length - 1) item.set(PDFName.of('Next'), items[index + 1]!);
      context.assign(items[index]!, item);
    });
    context.assign(root, context.obj({ Type: 'Outlines', First: items[0]!, Last: items.at(-1)!, Count: items.length }));
    document.catalog.set(PDFName.of('Outlines'), root);
    document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  return Buffer.from(await document.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY }));
}

/**
 * Prints a deck folder to PDF with reveal.js's print view: one slide per page,
 * 1280x720 px, with the deck's metadata and bookmarks (`withDeckInfo`). Throws when the deck asks for anything outside its folder.
 */
export async function printDeck(browser: Browser, deckDir: string, deck: Deck, date: Date): Promise<Buffer> {
  const blocked: string[] = [];
  const page = await openIsolatedPage(browser, { allowedRoots: [deckDir], onBlocked: (url) => blocked.push(url) });
  try {
    // No timeouts: a long deck on a busy machine takes longer, it does not fail (a stopped build closes the page).
    await page.goto(`${fileUrl(path.join(deckDir, 'index.html'))}?print-pdf`, { waitUntil: 'load', timeout: 0 });
    await page.waitForFunction(() => (globalThis as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true && document.querySelector('.pdf-page') !== null, { timeout: 0 });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    const pdf = await page.pdf({ width: `${slideSize.width}px`, height: `${slideSize.height}px`, printBackground: true, preferCSSPageSize: true, timeout: 0 });
    if (blocked.length > 0) throw new Error(`the deck in ${deckDir} requested files outside its folder: ${blocked.join(', ')}`);
    return await withDeckInfo(await relativeDeckLinks(fixPdfDates(Buffer.from(pdf), date), path.dirname(deckDir)), deck, date);
  } finally {
    await page.close();
  }
}
