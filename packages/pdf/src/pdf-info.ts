import { assetMediaType } from '@pattern-press/format';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';

/**
 * pdf-lib yields to the event loop every 100 objects it parses and every 50
 * it writes, each time through a `setTimeout(0)` (a millisecond or more): a
 * book has hundreds of thousands of objects, so that was most of the time of
 * a merge. The build has nothing to interleave with it.
 */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

export function savePdf(document: PDFDocument): Promise<Uint8Array> {
  return document.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY, updateFieldAppearances: false });
}

/** [text, value] of a name tree (flat `/Names` or `/Kids`). */
export function nameTreeEntries(context: PDFContext, node: PDFObject | undefined, out: [string, PDFObject][] = []): [string, PDFObject][] {
  const dict = node instanceof PDFRef ? context.lookup(node) : node;
  if (!(dict instanceof PDFDict)) return out;
  const names = dict.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = textOf(names.lookup(i));
      if (key !== undefined) out.push([key, names.get(i + 1)]);
    }
  }
  const kids = dict.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) nameTreeEntries(context, kids.get(i), out);
  return out;
}

/** A document's named destinations: Chromium writes a PDF 1.1 `/Dests` dictionary; a PDF 1.2 name tree is read too. */
export function namedDestinations(document: PDFDocument): [string, PDFObject][] {
  const out: [string, PDFObject][] = [];
  const dests = document.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) for (const [key, value] of dests.entries()) out.push([decodeURIComponent(key.decodeText()), value]);
  const names = document.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) out.push(...nameTreeEntries(document.context, names.get(PDFName.of('Dests'))));
  return out;
}

/** The page index (0-based) a destination (an explicit array, or a dictionary holding one) opens. */
function destinationPage(document: PDFDocument, pageIndex: ReadonlyMap<string, number>, destination: PDFObject | undefined): number | undefined {
  const value = destination instanceof PDFRef ? document.context.lookup(destination) : destination;
  const array = value instanceof PDFDict ? value.lookup(PDFName.of('D')) : value;
  const target = array instanceof PDFArray ? array.get(0) : undefined;
  return target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
}

function pageIndexOf(document: PDFDocument): Map<string, number> {
  return new Map(document.getPages().map((page, index) => [page.ref.toString(), index]));
}

/** The page (1-based) and the height on it (points from the page's foot) of every named destination. */
export async function destinationPositions(pdf: Uint8Array): Promise<Map<string, { page: number; top: number }>> {
  const document = await loadPdf(pdf);
  const pageIndex = pageIndexOf(document);
  const positions = new Map<string, { page: number; top: number }>();
  for (const [name, value] of namedDestinations(document)) {
    const page = destinationPage(document, pageIndex, value);
    const resolved = value instanceof PDFRef ? document.context.lookup(value) : value;
    const array = resolved instanceof PDFDict ? resolved.lookup(PDFName.of('D')) : resolved;
    const top = array instanceof PDFArray ? array.lookup(3) : undefined;
    if (page !== undefined && top instanceof PDFNumber && !positions.has(name)) positions.set(name, { page: page + 1, top: top.asNumber() });
  }
  return positions;
}

/** The page (1-based) of every named destination Chromium wrote: one per element id that a link targets. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const document = await loadPdf(pdf);
  const pageIndex = pageIndexOf(document);
  const pages = new Map<string, number>();
  for (const [name, value] of namedDestinations(document)) {
    const page = destinationPage(document, pageIndex, value);
    if (page !== undefined && !pages.has(name)) pages.set(name, page + 1);
  }
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

export function textOf(value: unknown): string | undefined {
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

/** A part as Chromium printed it, with its structure ids renumbered (so a cached part has the same bytes as a fresh one). */
export async function normalizedPart(pdf: Uint8Array): Promise<Uint8Array> {
  const document = await loadPdf(pdf);
  normalizeStructureIds(document);
  return savePdf(document);
}

/** Embeds `attachments` (dated `date`, so equal input gives equal bytes). */
export async function attachFiles(document: PDFDocument, attachments: readonly { name: string; bytes: Uint8Array }[], date: Date): Promise<void> {
  for (const attachment of attachments) {
    await document.attach(attachment.bytes, attachment.name, {
      mimeType: assetMediaType(attachment.name),
      description: attachment.name,
      creationDate: date,
      modificationDate: date,
    });
  }
}

/** Our Info dictionary and language, with fixed dates (an undefined author is left out). */
export function setDocumentInfo(document: PDFDocument, info: Omit<DocumentInfo, 'author' | 'headings' | 'attachments'> & { author: string | undefined }): void {
  document.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author !== undefined) document.setAuthor(info.author);
  document.setSubject(info.subject);
  document.setKeywords(info.keywords);
  document.setLanguage(info.language);
  document.setCreator('Pattern Press');
  document.setProducer('Pattern Press (pandoc, Chromium, pdf-lib)');
  document.setCreationDate(info.date);
  document.setModificationDate(info.date);
}

/** The PDF with our Info dictionary and language instead of Chromium's (which carries the build time). */
export async function withDocumentInfo(pdf: Uint8Array, info: DocumentInfo): Promise<Uint8Array> {
  const document = await loadPdf(pdf);
  setDocumentInfo(document, info);
  normalizeStructureIds(document);
  if (info.headings) repairOutline(document, info.headings);
  await attachFiles(document, info.attachments ?? [], info.date);
  return savePdf(document);
}

/** Titles of the PDF's outline (bookmarks), depth first, indented by level. */
export async function outlineTitles(pdf: Uint8Array): Promise<string[]> {
  const document = await loadPdf(pdf);
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

/** A finished PDF as a reader's tools see its navigation: what `readNavigation` returns. */
export interface PdfNavigation {
  pageCount: number;
  /** Page (0-based) of every named destination. */
  destinations: Map<string, number>;
  /** Outline items depth first: level (1 = top), title, page (0-based) it opens. */
  outline: { level: number; title: string; page: number | undefined }[];
  /** Link annotations: the page they sit on, and where they go (a named destination's page, or a URI). */
  links: { page: number; destination?: string; target?: number | undefined; uri?: string }[];
  /** The kinds of the structure elements right below the document element (one `Part` per merged part). */
  structureParts: string[];
}

/** Reads the outline, destinations, links and top of the structure tree of a PDF, resolving every target to a page. */
export async function readNavigation(pdf: Uint8Array): Promise<PdfNavigation> {
  const document = await loadPdf(pdf);
  const context = document.context;
  const pageIndex = pageIndexOf(document);
  const pageOf = (destination: PDFObject | undefined) => destinationPage(document, pageIndex, destination);
  const destinations = new Map<string, number>();
  for (const [name, value] of namedDestinations(document)) {
    const page = pageOf(value);
    if (page !== undefined && !destinations.has(name)) destinations.set(name, page);
  }
  const targetOf = (value: PDFObject | undefined): { destination?: string; target?: number | undefined } => {
    if (value instanceof PDFName) return { destination: decodeURIComponent(value.decodeText()), target: destinations.get(decodeURIComponent(value.decodeText())) };
    const text = textOf(value);
    if (text !== undefined) return { destination: text, target: destinations.get(text) };
    return { target: pageOf(value) };
  };
  const outline: PdfNavigation['outline'] = [];
  const walk = (item: PDFObject | undefined, level: number) => {
    let node = item;
    while (node instanceof PDFDict) {
      outline.push({ level, title: textOf(node.lookup(PDFName.of('Title'))) ?? '', page: targetOf(node.get(PDFName.of('Dest'))).target });
      walk(node.lookup(PDFName.of('First')), level + 1);
      node = node.lookup(PDFName.of('Next'));
    }
  };
  const outlines = document.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) walk(outlines.lookup(PDFName.of('First')), 1);
  const links: PdfNavigation['links'] = [];
  document.getPages().forEach((page, index) => {
    const annotations = page.node.lookup(PDFName.of('Annots'));
    if (!(annotations instanceof PDFArray)) return;
    for (let i = 0; i < annotations.size(); i++) {
      const annotation = annotations.lookup(i);
      if (!(annotation instanceof PDFDict) || (annotation.lookup(PDFName.of('Subtype')) as PDFName | undefined)?.decodeText() !== 'Link') continue;
      const action = annotation.lookup(PDFName.of('A'));
      const uri = action instanceof PDFDict ? textOf(action.lookup(PDFName.of('URI'))) : undefined;
      if (uri !== undefined) links.push({ page: index, uri });
      else links.push({ page: index, ...targetOf(annotation.get(PDFName.of('Dest')) ?? (action instanceof PDFDict ? action.get(PDFName.of('D')) : undefined)) });
    }
  });
  const root = document.catalog.lookup(PDFName.of('StructTreeRoot'));
  const top = root instanceof PDFDict ? root.lookup(PDFName.of('K')) : undefined;
  const kids = top instanceof PDFDict ? top.lookup(PDFName.of('K')) : undefined;
  const structureParts =
    kids instanceof PDFArray ? kids.asArray().map((kid) => ((context.lookup(kid) as PDFDict | undefined)?.lookup(PDFName.of('S')) as PDFName | undefined)?.decodeText() ?? '?') : [];
  return { pageCount: document.getPageCount(), destinations, outline, links, structureParts };
}
