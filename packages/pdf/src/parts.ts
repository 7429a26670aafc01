import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheKey, type OutputCache } from '@pattern-press/cache';
import { assetsDigest, type Publication } from '@pattern-press/format';
import { defaultConcurrency, diagramHash, writeCacheFile, type MermaidResult } from '@pattern-press/render';
import pLimit from 'p-limit';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { bookTerms, documentParts, partMarkdown, type DocumentSpec, type PartSpec } from './assemble.js';
import { cslReferences } from './csl.js';
import { documentName, mermaidSources } from './documents.js';
import { transformAst, uniqueSvgIds, type AstContext, type TocEntry } from './ast.js';
import { astToHtml, markdownReader, markdownToAst, pandocVersion, type PandocDocument } from './pandoc.js';
import { normalizedPart } from './pdf-info.js';
import { printPart } from './print.js';
import { documentCss } from './style.js';
import { htmlTemplate } from './template.js';

/** What the merge and the contents need to know of a printed part, kept beside its PDF in the cache. */
interface PartMeta {
  name: string;
  pageCount: number;
  /** Page (1-based, within the part) of every id. */
  pages: [string, number][];
  /** The part's headings, in order. */
  toc: TocEntry[];
  /** Files its text links to, attached to the finished PDF. */
  attachments: { name: string; base64: string }[];
}

export interface BookPart {
  spec: PartSpec;
  /** Unique within the document (a module's chapter and answers: within the book). */
  name: string;
  /** Whether the part is the same in every document that holds it (a module's chapter and answers). */
  shared: boolean;
  /** Everything the part's bytes depend on. */
  key: string;
  markdown: string;
}

/** How long making a part took (pandoc, diagrams, Chromium) and how many times Chromium printed it (measuring prints and the final one). */
export interface PrintTime {
  milliseconds: number;
  prints: number;
}

export interface PrintedPart {
  part: BookPart;
  meta: PartMeta;
  /** The part's PDF (in the build's temporary folder): read by the merge when it gets there, so a book's parts are never all in memory. */
  file: string;
}

/** The modules whose text a part holds (for diagnostics and assets). */
export function partModules(spec: PartSpec): readonly PatternModule[] {
  return spec.kind === 'chapter' || spec.kind === 'answers' ? [spec.module] : spec.document.modules;
}

function partName(spec: PartSpec): string {
  switch (spec.kind) {
    case 'chapter':
      return `chapter-${spec.number}-${spec.module.slug}`;
    case 'answers':
      return `answers-${spec.module.slug}`;
    default:
      return spec.kind;
  }
}

/** The stylesheet of a part: the book's, with the running header of the module it holds (or the document's title). */
function partCss(spec: PartSpec, document: DocumentSpec): string {
  const module = spec.kind === 'chapter' || spec.kind === 'answers' ? spec.module : undefined;
  return documentCss('module', module?.title ?? document.title, []);
}

export interface PartEnvironment {
  publication: Publication;
  /** Code, pandoc and Chromium versions: part of every key. */
  codeKey: string;
  knownReferences: ReadonlySet<string>;
}

/** The parts of a document with their Markdown and keys. */
export function planParts(document: DocumentSpec, specs: readonly PartSpec[], environment: PartEnvironment): BookPart[] {
  // Which modules a link may reach decides the part's bytes: the book's, for every document alike.
  const present = document.book.map((module) => module.slug);
  const terms = bookTerms(document.book);
  return specs.map((spec) => {
    const markdown = partMarkdown(spec, environment.knownReferences);
    const assets = partModules(spec).map((module) => assetsDigest(environment.publication, module.slug));
    // The terms a chapter links to are defined in other modules too: their words decide which text becomes a link.
    const linked = partModules(spec).map((module) => terms(module.slug));
    const key = cacheKey('pdf-part', environment.codeKey, partName(spec), markdown, present, linked, partCss(spec, document), assets, environment.publication.library.references);
    return { spec, name: partName(spec), shared: spec.kind === 'chapter' || spec.kind === 'answers', key, markdown };
  });
}

/** The key of every cached AST besides its Markdown: pandoc's version, our reader settings, the library. */
export async function astCacheKey(publication: Publication): Promise<string> {
  return cacheKey(await pandocVersion(), markdownReader, cslReferences(publication.library.references));
}

/** The ASTs of a document's parts, in book order (each parsed once, ever, for the same Markdown). */
export function documentAsts(document: DocumentSpec, knownReferences: ReadonlySet<string>, bibliography: string, astKey: string, cacheDir: string): Promise<PandocDocument[]> {
  return Promise.all(documentParts(document, knownReferences).map((part) => partAst(partMarkdown(part, knownReferences), bibliography, astKey, cacheDir)));
}

/**
 * pandoc's AST of a part's Markdown, cached by the Markdown, the library and
 * pandoc's version (`<cacheDir>/pandoc-ast/`): an unchanged module is not
 * parsed again, for the PDF parts or the e-books.
 */
export function partAst(markdown: string, bibliography: string, astKey: string, cacheDir: string): Promise<PandocDocument> {
  const file = path.join(cacheDir, 'pandoc-ast', `${cacheKey('pandoc-ast', astKey, markdown)}.json`);
  // The PDF part and the e-book ask for the same AST at the same time: one parse.
  let parsing = astsInFlight.get(file);
  if (!parsing) {
    parsing = (async () => {
      const cached = await readFile(file, 'utf8').then(
        (text) => JSON.parse(text) as PandocDocument,
        () => undefined,
      );
      if (cached) return cached;
      const { ast } = await pandocParses(() => markdownToAst(markdown, bibliography));
      await mkdir(path.dirname(file), { recursive: true });
      await writeCacheFile(file, JSON.stringify(ast));
      return ast;
    })().finally(() => astsInFlight.delete(file));
    astsInFlight.set(file, parsing);
  }
  return parsing;
}

const astsInFlight = new Map<string, Promise<PandocDocument>>();

/**
 * At most as many pandoc parses at a time as there are cores, whoever asks:
 * a cold build's e-books ask for every part at once, and a pandoc each was
 * 3.4 GiB at 90 modules.
 */
const pandocParses = pLimit(defaultConcurrency());

export interface PrintEnvironment extends PartEnvironment {
  browser: Browser;
  /** A temporary folder of this build. */
  work: string;
  bibliography: string;
  /** pandoc's version and reader: the AST cache's key. */
  astKey: string;
  cacheDir: string;
  /** Finished parts by key (a second output cache under `.press-cache/pdf-parts/`). */
  store: OutputCache;
  /** Rendered diagrams by source, shared by every part and document of the build. */
  diagrams: Map<string, MermaidResult>;
  /** Renders into `diagrams` those of `sources` it lacks, each once however many callers ask for it at the same time. */
  renderDiagrams: (sources: Iterable<string>) => Promise<void>;
  context: (spec: PartSpec, document: DocumentSpec) => Omit<AstContext, 'mode' | 'diagram'>;
  onBlocked: (spec: PartSpec, url: string) => void;
  /** Called once the part's diagrams are rendered (to report those that did not), before it is printed. */
  onRendered: (spec: PartSpec) => void;
  /** Whether the part's modules got a diagnostic while it was made: such a part is not stored, so the diagnostic comes back. */
  hasProblems: (spec: PartSpec) => boolean;
}

async function readPart(folder: string, part: BookPart): Promise<PrintedPart> {
  const meta = JSON.parse(await readFile(path.join(folder, 'part.json'), 'utf8')) as PartMeta;
  return { part, meta, file: path.join(folder, 'part.pdf') };
}

/**
 * One part as a PDF: from the part store when its key is there, else made
 * (pandoc → our AST stage → HTML → one print in Chromium) and stored.
 * `contentsPage` numbers the front matter's `contents` (see printPart): the
 * part's key must then cover those entries and their pages.
 */
export async function printedPart(
  part: BookPart,
  document: DocumentSpec,
  environment: PrintEnvironment,
  contentsPage?: (id: string, partPages: number) => number | undefined,
  contents?: readonly TocEntry[],
): Promise<PrintedPart & { printed: boolean; time?: PrintTime }> {
  const started = performance.now();
  const folder = path.join(environment.work, 'parts', part.shared ? part.key : `${part.key}-${documentName(document)}`);
  await mkdir(folder, { recursive: true });
  if (await environment.store.restore(part.key, folder)) return { ...(await readPart(folder, part)), printed: false };

  const ast = await partAst(part.markdown, environment.bibliography, environment.astKey, environment.cacheDir);
  await environment.renderDiagrams(mermaidSources(ast.blocks));
  environment.onRendered(part.spec);
  const diagram = (source: string) => {
    const svg = environment.diagrams.get(source)?.svg;
    return svg === undefined ? undefined : uniqueSvgIds(svg, diagramHash(source).slice(0, 12));
  };
  const { document: html, toc, attachments } = transformAst(ast, { ...environment.context(part.spec, document), mode: 'html', diagram, part: true, contents });
  const template = path.join(folder, 'template.html');
  await writeFile(template, htmlTemplate(partCss(part.spec, document)));
  const htmlPath = path.join(folder, 'part.html');
  await writeFile(htmlPath, await astToHtml(html, template));
  const printed = await printPart(environment.browser, htmlPath, {
    allowedRoots: [environment.work],
    onBlocked: (url) => environment.onBlocked(part.spec, url),
    contentsPage,
  });
  const pdf = await normalizedPart(printed.pdf);
  const meta: PartMeta = {
    name: part.name,
    pageCount: printed.pageCount,
    pages: [...printed.pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    toc,
    attachments: attachments.map((attachment) => ({ name: attachment.name, base64: attachment.bytes.toString('base64') })),
  };
  await writeFile(path.join(folder, 'part.pdf'), pdf);
  await writeFile(path.join(folder, 'part.json'), `${JSON.stringify(meta)}\n`);
  if (!environment.hasProblems(part.spec)) await environment.store.store(part.key, folder, ['part.pdf', 'part.json']);
  return { part, meta, file: path.join(folder, 'part.pdf'), printed: true, time: { milliseconds: performance.now() - started, prints: printed.passes.length } };
}
