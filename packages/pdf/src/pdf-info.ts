import { assetMediaType } from '@pattern-press/format';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

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
  /** Every heading's text, as the outline should show it. */
  headings?: readonly string[];
  /** Files embedded in the PDF (a module's files its text links to), each under the name the text gives it. */
  attachments?: readonly { name: string; bytes: Uint8Array }[];
}

function textOf(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** Rewrites every string value below `value` through `map`, in place. */
function rewriteStrings(value: PDFObject | undefined, map: (text: string) => string | undefined): void {
  if (value instanceof PDFDict) {
    for (const [key, child] of value.entries()) {
      const text = textOf(child);
      const next = text === undefined ? undefined : map(text);
      if (next !== undefined) value.set(key, PDFString.of(next));
      else rewriteStrings(child, map);
    }
  } else if (value instanceof PDFArray) {
    for (let i = 0; i < value.size(); i++) {
      const child = value.get(i);
      const text = textOf(child);
      const next = text === undefined ? undefined : map(text);
      if (next !== undefined) value.set(i, PDFString.of(next));
      else rewriteStrings(child, map);
    }
  }
}

/**
 * Chromium names structure elements after DOM node ids (\`node00000836\`),
 * which depend on how many nodes the renderer made before: renumbered in
 * object order so equal documents give equal bytes.
 */
function normalizeStructureIds(document: PDFDocument): void {
  const objects = document.context.enumerateIndirectObjects().sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const ids = new Map<string, string>();
  for (const [, object] of objects) {
    if (!(object instanceof PDFDict)) continue;
    const id = textOf(object.get(PDFName.of('ID')));
    if (id !== undefined && /^node\d+$/.test(id) && !ids.has(id)) ids.set(id, `node${String(ids.size + 1).padStart(8, '0')}`);
  }
  if (ids.size === 0) return;
  for (const [, object] of objects) rewriteStrings(object, (text) => ids.get(text));
}

function squashed(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Chromium sometimes writes a bookmark's title twice over or drops the space
 * at a line break: each title is replaced by the heading it was made from.
 */
function repairOutline(document: PDFDocument, headings: readonly string[]): void {
  const canonical = new Map(headings.map((heading) => [squashed(heading), heading]));
  const walk = (item: PDFObject | undefined) => {
    let node = item;
    while (node instanceof PDFDict) {
      const title = textOf(node.lookup(PDFName.of('Title')));
      if (title !== undefined) {
        const key = squashed(title);
        const half = key.slice(0, key.length / 2);
        const fixed = canonical.get(key) ?? (key.length % 2 === 0 && half + half === key ? canonical.get(half) : undefined);
        if (fixed !== undefined && fixed !== title) node.set(PDFName.of('Title'), PDFHexString.fromText(fixed));
      }
      walk(node.lookup(PDFName.of('First')));
      node = node.lookup(PDFName.of('Next'));
    }
  };
  const outlines = document.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) walk(outlines.lookup(PDFName.of('First')));
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
  normalizeStructureIds(document);
  if (info.headings) repairOutline(document, info.headings);
  for (const attachment of info.attachments ?? []) {
    // Dated like the document, so equal input gives equal bytes.
    await document.attach(attachment.bytes, attachment.name, {
      mimeType: assetMediaType(attachment.name),
      description: attachment.name,
      creationDate: info.date,
      modificationDate: info.date,
    });
  }
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
