import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';

/** The page (1-based) of every named destination Chromium wrote: one per element id that a link targets. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const pages = new Map<string, number>();
  const record = (name: string, destination: unknown) => {
    const array = destination instanceof PDFDict ? destination.lookup(PDFName.of('D')) : destination;
    if (!(array instanceof PDFArray)) return;
    const target = array.get(0);
    const page = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    if (page !== undefined) pages.set(name, page);
  };
  // PDF 1.1 style /Dests dictionary (what Chromium writes) ...
  const dests = document.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) record(decodeURIComponent(key.decodeText()), document.context.lookup(value));
  }
  // ... and the name tree of PDF 1.2+, in case a later Chromium switches.
  const names = document.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('Dests')) : undefined;
  const visit = (node: unknown) => {
    if (!(node instanceof PDFDict)) return;
    const leaves = node.lookup(PDFName.of('Names'));
    if (leaves instanceof PDFArray) {
      for (let i = 0; i + 1 < leaves.size(); i += 2) {
        const key = leaves.lookup(i);
        if (key instanceof PDFString || key instanceof PDFHexString) record(key.decodeText(), leaves.lookup(i + 1));
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) visit(kids.lookup(i));
  };
  visit(tree);
  return pages;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** Creation and modification date: fixed, so equal input gives equal bytes. */
  date: Date;
}

/** The PDF with our Info dictionary and language instead of Chromium's (which carries the build time). */
export async function withDocumentInfo(pdf: Uint8Array, info: DocumentInfo): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(info.title, { showInWindowTitleBar: true });
  document.setAuthor(info.author);
  document.setSubject(info.subject);
  document.setKeywords(info.keywords);
  document.setLanguage(info.language);
  document.setCreator('Pattern Press');
  document.setProducer('Pattern Press (pandoc, Chromium, pdf-lib)');
  document.setCreationDate(info.date);
  document.setModificationDate(info.date);
  return document.save({ useObjectStreams: false });
}

/** Titles of the PDF's outline (bookmarks), depth first, indented by level. */
export async function outlineTitles(pdf: Uint8Array): Promise<string[]> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const titles: string[] = [];
  const walk = (item: unknown, depth: number) => {
    let node = item;
    while (node instanceof PDFDict) {
      const title = node.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) titles.push(`${'  '.repeat(depth)}${title.decodeText()}`);
      walk(node.lookup(PDFName.of('First')), depth + 1);
      node = node.lookup(PDFName.of('Next'));
    }
  };
  const outlines = document.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) walk(outlines.lookup(PDFName.of('First')), 0);
  return titles;
}
