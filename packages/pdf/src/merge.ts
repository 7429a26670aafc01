import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { readFile } from 'node:fs/promises';
import { loadPdf, namedDestinations, nameTreeEntries, setDocumentInfo, textOf, type DocumentInfo } from './pdf-info.js';
import { pageSkeleton, spillObjects, type SpilledPdf } from './spill.js';

/**
 * Links between parts are printed as URIs under this prefix (Chromium writes
 * no link for an `#id` its document does not hold); the merge turns each into
 * a link to the named destination, or removes it when no part holds the id.
 */
export const partLinkPrefix = 'https://press.invalid/dest/';

/** The URL a part prints for a link to `id` in another part. */
export function partLink(id: string): string {
  return `${partLinkPrefix}${encodeURIComponent(id)}`;
}

const name = (text: string) => PDFName.of(text);


/** [key, value] of a number tree (flat `/Nums` or `/Kids`). */
function numberTreeEntries(context: PDFContext, node: PDFObject | undefined, out: [number, PDFObject][] = []): [number, PDFObject][] {
  const dict = node instanceof PDFRef ? context.lookup(node) : node;
  if (!(dict instanceof PDFDict)) return out;
  const nums = dict.lookup(name('Nums'));
  if (nums instanceof PDFArray) for (let i = 0; i + 1 < nums.size(); i += 2) out.push([nums.lookup(i, PDFNumber).asNumber(), nums.get(i + 1)]);
  const kids = dict.lookup(name('Kids'));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) numberTreeEntries(context, kids.get(i), out);
  return out;
}

/** Replaces, below `value`, every string `map` has a key for (in place). */
function rewriteStrings(value: PDFObject | undefined, map: ReadonlyMap<string, string>): void {
  const replace = (child: PDFObject, set: (next: PDFObject) => void) => {
    const text = textOf(child);
    if (text !== undefined && map.has(text)) set(PDFString.of(map.get(text)!));
    else rewriteStrings(child, map);
  };
  if (value instanceof PDFDict) for (const [key, child] of value.entries()) replace(child, (next) => value.set(key, next));
  else if (value instanceof PDFArray) for (let i = 0; i < value.size(); i++) replace(value.get(i), (next) => value.set(i, next));
}

export interface OutlineEntry {
  /** 1 for a chapter, 2 for its sections, ... */
  level: number;
  title: string;
  /** The named destination it opens. */
  id: string;
}

/** Where links to ids no part holds may go instead: another PDF beside this one (the handbook, for a module's PDF). */
export interface ElsewhereLinks {
  /** The file name, relative to this PDF. */
  file: string;
  /** Whether that file holds the id. */
  holds: (id: string) => boolean;
}

export type MergeInfo = Pick<DocumentInfo, 'title' | 'author' | 'subject' | 'keywords' | 'language' | 'date'>;

/** A part's PDF: its bytes, or the file that holds them (read when the merge reaches it, and let go after). */
export type PartSource = Uint8Array | string;

export interface MergedPdf {
  document: PDFDocument;
  /** Page index (0-based) where each part starts. */
  starts: number[];
  /** Links to ids neither a part nor the `elsewhere` file holds: removed (their text stays). */
  unresolved: string[];
}

/**
 * One PDF from parts Chromium printed on their own (front matter, chapters,
 * answers, references), keeping what a plain page copy drops:
 * - pages copied by reference (one object copier per part), so destinations
 *   and structure elements that point at a page land on the copy;
 * - the tagged structure: each part's `/Document` element becomes a `/Part`
 *   of one `/Document`, with the page and annotation keys into the parent
 *   tree shifted past the parts before, and the parent tree and ID tree
 *   rebuilt (ids from Chromium's node numbers are prefixed per part);
 * - named destinations, merged; links printed as {@link partLink} become
 *   links to them (or are removed when no part holds the id);
 * - the outline, built from `outline` (our headings, in book order), each item
 *   opening its heading's destination.
 * Deterministic: equal parts give equal bytes.
 * With `spill`, each part's objects that nothing later changes are written
 * to the file as soon as its pages are copied (see spill.ts), so memory holds
 * about the pages and their links, not the book; finish the file with
 * `finishSpilledPdf` instead of saving the document.
 */
export async function mergeParts(parts: readonly PartSource[], outline: readonly OutlineEntry[], info: MergeInfo, elsewhere?: ElsewhereLinks, spill?: SpilledPdf): Promise<MergedPdf> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const context = out.context;
  const starts: number[] = [];
  const destinations = new Map<string, PDFObject>();
  const structureParts: PDFRef[] = [];
  const parentTree: [number, PDFObject][] = [];
  const idEntries: [string, PDFObject][] = [];
  let structBase = 0;
  const fontPrograms = new Map<string, PDFRef>();

  for (const [index, part] of parts.entries()) {
    const source = await loadPdf(typeof part === 'string' ? await readFile(part) : part);
    const copier = PDFObjectCopier.for(source.context, context);
    const firstNew = context.largestObjectNumber + 1;
    const kept: PDFRef[] = [];
    starts.push(out.getPageCount());
    const root = source.catalog.lookup(name('StructTreeRoot'));
    const nextKey = root instanceof PDFDict ? ((root.lookup(name('ParentTreeNextKey')) as PDFNumber | undefined)?.asNumber() ?? 0) : 0;

    for (const page of source.getPages()) {
      const ref = copier.copy(page.ref);
      const node = context.lookup(ref, PDFDict);
      if (structBase > 0) shiftStructParents(node, structBase);
      out.addPage(PDFPage.of(node as never, ref, out));
      if (spill) kept.push(ref, ...pageSkeleton(context, node));
    }

    if (root instanceof PDFDict) {
      // Chromium names some structure elements after DOM nodes (`node00000250`): unique in a part, not across parts.
      const ids = new Map<string, string>();
      const tree: [string, PDFObject][] = [];
      for (const [id, element] of nameTreeEntries(source.context, root.get(name('IDTree')))) {
        ids.set(id, `p${String(index).padStart(3, '0')}-${id}`);
        tree.push([ids.get(id)!, element]);
      }
      if (ids.size > 0) {
        for (const [, object] of source.context.enumerateIndirectObjects()) {
          if (!(object instanceof PDFDict) || object.get(name('S')) === undefined) continue;
          const id = textOf(object.get(name('ID')));
          if (id !== undefined && ids.has(id)) object.set(name('ID'), PDFString.of(ids.get(id)!));
          rewriteStrings(object.get(name('A')), ids);
        }
      }
      const kids = root.get(name('K'));
      const kidsArray = kids instanceof PDFRef ? source.context.lookup(kids) : kids;
      const tops = kidsArray instanceof PDFArray ? kidsArray.asArray() : kids ? [kids] : [];
      for (const top of tops) {
        const element = top instanceof PDFRef ? source.context.lookup(top) : top;
        if (!(element instanceof PDFDict)) continue;
        // Detached first: the copier follows /P, and would copy the part's whole root along.
        element.delete(name('P'));
        if ((element.lookup(name('S')) as PDFName | undefined)?.decodeText() === 'Document') element.set(name('S'), name('Part'));
        const copied = top instanceof PDFRef ? (copier.copy(top) as PDFRef) : context.register(copier.copy(element));
        structureParts.push(copied);
        kept.push(copied);
      }
      for (const [id, element] of tree) idEntries.push([id, copier.copy(element)]);
      for (const [key, value] of numberTreeEntries(source.context, root.get(name('ParentTree')))) parentTree.push([key + structBase, copier.copy(value)]);
      structBase += nextKey;
    }

    for (const [id, value] of namedDestinations(source)) {
      if (!destinations.has(id)) destinations.set(id, copier.copy(value));
    }
    const added = refsFrom(context, firstNew);
    dedupeFontPrograms(context, added, fontPrograms);
    if (spill) {
      const held = new Set(kept.map((ref) => ref.objectNumber));
      await spillObjects(spill, context, added.filter((ref) => !held.has(ref.objectNumber)));
    }
  }

  if (structureParts.length > 0) writeStructureTree(out, structureParts, parentTree, idEntries, structBase, info.language);
  if (destinations.size > 0) {
    const dests = context.obj({});
    for (const [id, value] of [...destinations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) dests.set(name(id), value);
    out.catalog.set(name('Dests'), context.register(dests));
  }
  const unresolved = resolvePartLinks(out, destinations, elsewhere);
  writeOutline(out, outline.filter((entry) => destinations.has(entry.id)));

  setDocumentInfo(out, { ...info, author: info.author === '' ? undefined : info.author });
  return { document: out, starts, unresolved };
}

function shiftStructParents(page: PDFDict, base: number): void {
  const own = page.get(name('StructParents'));
  if (own instanceof PDFNumber) page.set(name('StructParents'), PDFNumber.of(own.asNumber() + base));
  const annotations = page.lookup(name('Annots'));
  if (!(annotations instanceof PDFArray)) return;
  for (let i = 0; i < annotations.size(); i++) {
    const annotation = annotations.lookup(i);
    const key = annotation instanceof PDFDict ? annotation.get(name('StructParent')) : undefined;
    if (key instanceof PDFNumber) (annotation as PDFDict).set(name('StructParent'), PDFNumber.of(key.asNumber() + base));
  }
}

function writeStructureTree(out: PDFDocument, parts: PDFRef[], parentTree: [number, PDFObject][], ids: [string, PDFObject][], nextKey: number, language: string): void {
  const context = out.context;
  const rootRef = context.nextRef();
  const documentRef = context.register(context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: parts, Lang: PDFString.of(language) }));
  for (const ref of parts) context.lookup(ref, PDFDict).set(name('P'), documentRef);
  const nums: PDFObject[] = [];
  for (const [key, value] of [...parentTree].sort((a, b) => a[0] - b[0])) nums.push(PDFNumber.of(key), value);
  const root = context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: context.register(context.obj({ Nums: nums })), ParentTreeNextKey: nextKey });
  if (ids.length > 0) {
    const sorted = [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    root.set(name('IDTree'), context.register(context.obj({ Names: sorted.flatMap(([id, element]) => [PDFString.of(id), element]) })));
  }
  context.assign(rootRef, root);
  out.catalog.set(name('StructTreeRoot'), rootRef);
  out.catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
}

/**
 * Turns every {@link partLink} URI into a link to the named destination, or
 * to the same destination in the `elsewhere` file beside this one (a GoToR
 * action: a module's PDF opens the handbook at the other module); removes
 * the links nothing holds.
 */
function resolvePartLinks(out: PDFDocument, destinations: ReadonlyMap<string, PDFObject>, elsewhere: ElsewhereLinks | undefined): string[] {
  const unresolved: string[] = [];
  for (const page of out.getPages()) {
    const annotations = page.node.lookup(name('Annots'));
    if (!(annotations instanceof PDFArray)) continue;
    const kept: PDFObject[] = [];
    for (let i = 0; i < annotations.size(); i++) {
      const annotation = annotations.lookup(i);
      const action = annotation instanceof PDFDict ? annotation.lookup(name('A')) : undefined;
      const uri = action instanceof PDFDict ? textOf(action.lookup(name('URI'))) : undefined;
      if (uri === undefined || !uri.startsWith(partLinkPrefix)) {
        kept.push(annotations.get(i));
        continue;
      }
      const id = decodeURIComponent(uri.slice(partLinkPrefix.length));
      const dict = annotation as PDFDict;
      if (!destinations.has(id) && elsewhere?.holds(id)) {
        dict.set(name('A'), out.context.obj({ Type: 'Action', S: 'GoToR', F: PDFString.of(elsewhere.file), D: name(id), NewWindow: true }));
        kept.push(annotations.get(i));
        continue;
      }
      if (!destinations.has(id)) {
        unresolved.push(id);
        continue;
      }
      dict.delete(name('A'));
      dict.set(name('Dest'), name(id));
      kept.push(annotations.get(i));
    }
    if (kept.length !== annotations.size()) page.node.set(name('Annots'), out.context.obj(kept));
  }
  return unresolved;
}

/** The outline from our headings: nested by level, each item opening its destination; all open. */
function writeOutline(out: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const context = out.context;
  const rootRef = context.nextRef();
  type Item = { ref: PDFRef; dict: PDFDict; children: Item[]; level: number };
  const top: Item[] = [];
  const stack: Item[] = [];
  for (const entry of entries) {
    const dict = context.obj({ Title: PDFHexString.fromText(entry.title), Dest: name(entry.id) });
    const item: Item = { ref: context.register(dict), dict, children: [], level: entry.level };
    while (stack.length > 0 && stack.at(-1)!.level >= entry.level) stack.pop();
    const parent = stack.at(-1);
    (parent ? parent.children : top).push(item);
    item.dict.set(name('Parent'), parent ? parent.ref : rootRef);
    stack.push(item);
  }
  const link = (items: Item[], holder: PDFDict): number => {
    let count = 0;
    items.forEach((item, index) => {
      if (index > 0) item.dict.set(name('Prev'), items[index - 1]!.ref);
      if (index + 1 < items.length) item.dict.set(name('Next'), items[index + 1]!.ref);
      count += 1;
      if (item.children.length > 0) count += link(item.children, item.dict);
    });
    holder.set(name('First'), items[0]!.ref);
    holder.set(name('Last'), items.at(-1)!.ref);
    holder.set(name('Count'), PDFNumber.of(count));
    return count;
  };
  const root = context.obj({ Type: 'Outlines' });
  link(top, root);
  context.assign(rootRef, root);
  out.catalog.set(name('Outlines'), rootRef);
  out.catalog.set(name('PageMode'), name('UseOutlines'));
}

/** The objects of `context` numbered from `first` on (those a part's copy just added), in number order. */
function refsFrom(context: PDFContext, first: number): PDFRef[] {
  const refs: PDFRef[] = [];
  for (let number = first; number <= context.largestObjectNumber; number++) {
    const ref = PDFRef.of(number);
    if (context.lookup(ref) !== undefined) refs.push(ref);
  }
  return refs;
}

/**
 * Points every font among `refs` at one copy of each byte-identical font
 * program (and its glyph maps), the first one seen (`canonical`, kept across
 * parts): Chromium subsets fonts deterministically, so parts that use the
 * same glyphs of a face carry the same program, and the book needs it once.
 * Only fonts and their descriptors refer to these streams, so nothing else
 * is walked.
 */
const fontDescriptorStreams = ['FontFile', 'FontFile2', 'FontFile3', 'CIDSet'];
const fontStreams = ['ToUnicode', 'CIDToGIDMap'];

function dedupeFontPrograms(context: PDFContext, refs: readonly PDFRef[], canonical: Map<string, PDFRef>): void {
  const duplicates: PDFRef[] = [];
  for (const objectRef of refs) {
    const object = context.lookup(objectRef);
    if (!(object instanceof PDFDict)) continue;
    const type = object.get(name('Type'));
    const keys = type === name('FontDescriptor') ? fontDescriptorStreams : type === name('Font') ? fontStreams : undefined;
    for (const key of keys ?? []) {
      const ref = object.get(name(key));
      const stream = ref instanceof PDFRef ? context.lookup(ref) : undefined;
      if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
      const hash = createHash('sha256').update(stream.dict.toString()).update(stream.contents).digest('base64');
      const first = canonical.get(hash);
      if (!first) canonical.set(hash, ref);
      else if (first !== ref) {
        object.set(name(key), first);
        duplicates.push(ref);
      }
    }
  }
  for (const ref of duplicates) context.delete(ref);
}
