import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeZip, zipEntries } from '@pattern-press/output-files';
import { diagramHash } from '@pattern-press/render';
import { astFileToFile, type PandocDocument, type PandocNode } from './pandoc.js';
import type { TocEntry } from './ast.js';
import { finishedDocx } from './docx.js';

/**
 * The handbook as one pandoc document for the e-book writers: the parts'
 * ASTs (each parsed once and cached) in book order, under the front matter's
 * metadata. EPUB and DOCX take the whole book in one go; pandoc's writers
 * cannot merge books, and unlike Chromium they grow linearly with it.
 */
export function bookDocument(parts: readonly PandocDocument[]): PandocDocument {
  const [front, ...rest] = parts;
  return { ...front!, blocks: [...front!.blocks, ...rest.flatMap((part) => part.blocks)] };
}

const epubCss = `body { font-family: serif; line-height: 1.45; }
h1, h2, h3 { font-family: sans-serif; }
pre { white-space: pre-wrap; font-size: 0.85em; background: #f6f8fa; padding: 0.5em; }
.callout { border-left: 3px solid #888; padding: 0.3em 0.8em; margin: 1em 0; background: #f7f7f7; }
.callout-label, .minutes, .question-meta { display: block; font-family: sans-serif; font-size: 0.8em; text-transform: uppercase; }
.review-copy { color: #b3261e; font-weight: bold; }
.cover span { display: block; }
.cover-title { font-size: 2em; font-weight: bold; }
img.diagram { max-width: 100%; }
a.glossary-term { color: inherit; text-decoration: underline dotted; }
.glossary-name { font-family: sans-serif; font-weight: bold; }
.glossary-entry { margin-top: 0.8em; }
.glossary-chapters { font-style: italic; }
tr { page-break-inside: avoid; }
`;

const dataUrl = /^data:(image\/[\w+.-]+);base64,(.*)$/s;
const mediaExtensions: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * The AST with every data: URL image replaced by a path under `media/`
 * (named by its hash, so equal input gives equal names), and the files to
 * write there: pandoc 2.x decodes data: URLs so slowly that the handbook's
 * diagrams took a DOCX from 2 s to 10 s. A plain walk: a promise per node
 * (as this was written first) held gigabytes for a book of 90 modules.
 */
function withMediaPaths(value: unknown, media: Map<string, Buffer>): unknown {
  if (Array.isArray(value)) return value.map((item) => withMediaPaths(item, media));
  if (typeof value !== 'object' || value === null) return value;
  const node = value as PandocNode;
  if (node.t === 'Image') {
    const [attr, inlines, [url, title]] = node.c as [unknown, unknown, [string, string]];
    const match = dataUrl.exec(url);
    const extension = match ? mediaExtensions[match[1]!] : undefined;
    if (match && extension) {
      const bytes = Buffer.from(match[2]!, 'base64');
      const name = `media/${diagramHash(bytes.toString('latin1')).slice(0, 32)}.${extension}`;
      media.set(name, bytes);
      // Relative to --resource-path: pandoc copies the path into the DOCX, so a temporary folder's name would make the bytes differ per build.
      return { t: 'Image', c: [attr, inlines, [name, title]] };
    }
    return node;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = withMediaPaths(child, media);
  return copy;
}

/**
 * `JSON.stringify(document)` in pieces, the blocks one at a time, each first
 * passed through `block`: the book's JSON is never one string (at 90 modules
 * 30 million characters, held beside two copies of the AST it came from).
 */
export function* documentJson(document: PandocDocument, block: (node: PandocNode) => unknown = (node) => node): Generator<string> {
  let separator = '{';
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined) continue;
    yield `${separator}${JSON.stringify(key)}:`;
    separator = ',';
    if (key !== 'blocks') {
      yield JSON.stringify(value);
      continue;
    }
    let comma = '[';
    for (const node of value as PandocNode[]) {
      yield `${comma}${JSON.stringify(block(node))}`;
      comma = ',';
    }
    yield comma === '[' ? '[]' : ']';
  }
  yield separator === '{' ? '{}' : '}';
}

/** Writes `document`'s JSON to `file` piece by piece (see documentJson), its data: URL images moved to files in `dir`/media (see withMediaPaths). */
async function writeDocumentJson(document: PandocDocument, file: string, dir: string): Promise<void> {
  const media = new Map<string, Buffer>();
  await pipeline(Readable.from(documentJson(document, (node) => withMediaPaths(node, media))), createWriteStream(file));
  if (media.size > 0) await mkdir(path.join(dir, 'media'), { recursive: true });
  for (const [name, bytes] of media) await writeFile(path.join(dir, name), bytes);
}

/** The hex SHA-256 of `document`'s JSON, hashed piece by piece. */
function documentHash(document: PandocDocument): string {
  const hash = createHash('sha256');
  for (const piece of documentJson(document)) hash.update(piece);
  return hash.digest('hex');
}

/**
 * The handbook's two e-books as pandoc documents, each made only when its
 * turn comes (so only one is in memory at a time): the EPUB's diagrams as
 * SVG, the DOCX's as PNG; the DOCX's contents field filled from `contents`.
 */
export interface EbookDocuments {
  epub: () => PandocDocument;
  docx: () => { document: PandocDocument; contents: readonly TocEntry[] };
}

/** The e-books' pandoc input, written to files: what the writers need once the book's ASTs are gone. */
export interface EbookSources {
  epub: { file: string; identifier: string };
  docx: { file: string; contents: readonly TocEntry[] };
}

/**
 * Largest EPUB source (its JSON, bytes) whose writer starts while the DOCX's
 * source is still being made, so the two pandoc runs overlap: each pandoc
 * holds about thirty times its input, so below this the two together stay
 * under 0.7 GiB (about 35 modules). A larger book is written one writer at a
 * time, after node has let go of the book.
 */
const overlappingWritersUpTo = 12 * 1024 * 1024;

/**
 * Writes each e-book's document to a JSON file in `work`, one after the
 * other, and returns the files: the caller lets go of the book's ASTs before
 * pandoc starts, so node and pandoc never hold a large book at the same time.
 * `onEpubSource` hears of the EPUB's file as soon as it is written, with
 * whether the book is small enough to start its writer at once.
 */
export async function writeEbookSources(documents: EbookDocuments, work: string, onEpubSource?: (epub: EbookSources['epub'], small: boolean) => void): Promise<EbookSources> {
  const epubFile = path.join(work, 'handbook.epub.json');
  const docxFile = path.join(work, 'handbook.docx.json');
  let epub: PandocDocument | undefined = documents.epub();
  // pandoc makes up a random identifier unless one is given: derive it from the content (not from the temporary paths).
  const identifier = `urn:sha256:${documentHash(epub).slice(0, 32)}`;
  await writeDocumentJson(epub, epubFile, work);
  epub = undefined;
  onEpubSource?.({ file: epubFile, identifier }, (await stat(epubFile)).size <= overlappingWritersUpTo);
  const docx = documents.docx();
  await writeDocumentJson(docx.document, docxFile, work);
  return { epub: { file: epubFile, identifier }, docx: { file: docxFile, contents: docx.contents } };
}

/** What the e-book writers need besides their sources. */
export interface EbookTarget {
  work: string;
  outDir: string;
  date: Date;
  /** Written files are added here. */
  files: string[];
  /** Milliseconds per e-book, by file name. */
  timings: Record<string, number>;
}

function pandocMetadata(identifier: string, target: EbookTarget): string[] {
  return ['-M', `identifier=${identifier}`, '-M', `date=${target.date.toISOString().slice(0, 10)}`, `--resource-path=${target.work}`];
}

async function writeEbook(
  format: 'epub3' | 'docx',
  name: string,
  input: string,
  extra: readonly string[],
  finish: (entries: Map<string, Buffer>) => Map<string, Buffer>,
  target: EbookTarget,
): Promise<void> {
  const started = performance.now();
  const output = path.join(target.outDir, name);
  await astFileToFile(input, format, output, extra, Math.floor(target.date.getTime() / 1000));
  // Rewritten by the one zip writer: pandoc stamps the build time on every entry, whatever SOURCE_DATE_EPOCH says.
  await writeZip(output, finish(await zipEntries(await readFile(output))), target.date);
  target.files.push(output);
  target.timings[name] = performance.now() - started;
}

/**
 * Both e-books in `target.outDir`: `writeSources` makes their sources (see
 * writeEbookSources, passing on the callback it is given). A small book's
 * EPUB writer starts as soon as its source is written, beside the DOCX's
 * making; a large book's writers run one after the other once `largeBookMayStart`
 * resolves (each holds about a gigabyte at 90 modules: the caller lets the
 * PDFs' merges finish first).
 */
export async function emitEbooks(
  writeSources: (onEpubSource: (epub: EbookSources['epub'], small: boolean) => void) => Promise<EbookSources>,
  target: EbookTarget,
  largeBookMayStart: Promise<void>,
): Promise<void> {
  let epubWriting: Promise<void> | undefined;
  try {
    const sources = await writeSources((epub, small) => {
      if (!small) return;
      epubWriting = emitEpub(epub, target);
      // Awaited below; until then a failure must not count as unhandled.
      epubWriting.catch(() => undefined);
    });
    if (epubWriting) await Promise.all([epubWriting, emitDocx(sources.docx, sources.epub.identifier, target)]);
    else {
      await largeBookMayStart;
      await emitEpub(sources.epub, target);
      await emitDocx(sources.docx, sources.epub.identifier, target);
    }
  } finally {
    await epubWriting?.catch(() => undefined);
  }
}

/** The handbook's EPUB in `target.outDir` from its source. */
async function emitEpub(source: EbookSources['epub'], target: EbookTarget): Promise<void> {
  const css = path.join(target.work, 'epub.css');
  await writeFile(css, epubCss);
  await writeEbook('epub3', 'handbook.epub', source.file, [...pandocMetadata(source.identifier, target), '--css', css, '--epub-chapter-level=1'], (entries) => entries, target);
}

/** The handbook's DOCX in `target.outDir` from its source; it carries the EPUB's identifier in its properties. */
async function emitDocx(source: EbookSources['docx'], identifier: string, target: EbookTarget): Promise<void> {
  await writeEbook('docx', 'handbook.docx', source.file, pandocMetadata(identifier, target), (entries) => finishedDocx(entries, source.contents), target);
}
