import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assetOf, assetsDigest, isBuilt, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import { cacheKey, codeFingerprint, openOutputCache, pruneOutputCache, restoreEach, type OutputCache } from '@pattern-press/cache';
import { contentEpoch } from '@pattern-press/output-files';
import {
  chromiumVersion,
  defaultConcurrency,
  diagramFailures,
  diagramRenders,
  launchBrowser,
  mapWithConcurrency,
  moduleDiagrams,
  rasterSvgs,
  reportDiagramFailure,
  type DiagramRenders,
} from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { bookTerms, documentGlossary, documentParts, type DocumentSpec, type PartSpec } from './assemble.js';
import { transformAst, type AstContext } from './ast.js';
import { assembleDocument } from './book.js';
import { defaultHandbookTitle, documentName, handbookSpec, mermaidSources, moduleSpec } from './documents.js';
import { bookDocument, emitEbooks, writeEbookSources, type EbookSources } from './ebook.js';
import { pandocVersion } from './pandoc.js';
import { astCacheKey, partAst, partModules, planParts, printedPart, type PrintEnvironment } from './parts.js';
import { cslReferences } from './csl.js';
import { renderPrintDiagrams } from './diagram-layout.js';
import { remoteImageLinks, reportRemoteResource } from './remote.js';

export interface EmitPdfOptions {
  /** Staging folder: `<slug>.pdf` per built module, `handbook.pdf`, `handbook.epub`, `handbook.docx`. */
  outDir: string;
  /** Content-hash caches (rendered diagrams go to `<cacheDir>/mermaid/`). */
  cacheDir: string;
  /** The build's shared browser; without one, a browser is launched and closed. */
  browser?: Browser | undefined;
  /** The build's diagram service, shared by its outputs (a diagram that cannot be drawn is reported once); default: this call's own. */
  diagrams?: DiagramRenders | undefined;
  /** Pages printed at once; defaults to the core count. */
  concurrency?: number | undefined;
  /** Seconds since 1970 stamped as the documents' dates; defaults to SOURCE_DATE_EPOCH, else the last commit of the modules (see contentEpoch). */
  sourceDateEpoch?: number | undefined;
  /** Handbook cover title. */
  handbookTitle?: string | undefined;
  /** Finished documents by content hash: unchanged documents are copied from it, new ones stored in it. */
  outputCache?: OutputCache | undefined;
  /** The modules whose own PDF to make (default: every built module); the handbook is always made. For `press dev` after an edit. */
  moduleDocuments?: ReadonlySet<string> | undefined;
  /** Write the handbook's EPUB and DOCX too (default true; `press dev` previews the PDFs only). */
  ebooks?: boolean | undefined;
  /**
   * Make the handbook (default true). false: only the modules' own PDFs, whose
   * chapter and answer parts (the handbook's too) land in the part store: a
   * per-module task's share of the handbook.
   */
  handbook?: boolean | undefined;
}

export interface EmitPdfResult {
  /** Written files, absolute, sorted. */
  files: string[];
  /** One VFile per module with content diagnostics. */
  problems: VFile[];
  /** Milliseconds per document (`<slug>`, `handbook`, `handbook.epub`, `handbook.docx`), for benchmarks. */
  timings: Record<string, number>;
  /** Parts (`<document>/<part>`) printed by Chromium in this call, and taken from the part store. */
  parts: { printed: string[]; reused: string[] };
  /** Where the time went: each part printed (with its number of prints) and each document's merge, in the order they finished. */
  steps: string[];
}

/** Pixels per SVG unit of a DOCX picture: sharp in print at the size the labels are meant to be read. */
const docxPixelsPerUnit = 2;

/** Bytes the part store (`.press-cache/pdf-parts/`) may keep: every part of a large catalogue, twice over. */
const partStoreBudget = 512 * 1024 * 1024;

/** An image a module publishes as a data: URL; undefined for other files and for anything the loader refused. */
export function assetDataUrl(publication: Pick<Publication, 'assets'>, slug: string, href: string): string | undefined {
  const asset = assetOf(publication, slug, href);
  if (!asset?.mediaType.startsWith('image/')) return undefined;
  return `data:${asset.mediaType};base64,${asset.bytes.toString('base64')}`;
}

/** The bytes of a file beside a module that its link names, from what the module publishes (nothing else is read). */
export function moduleFile(publication: Pick<Publication, 'assets'>, slug: string, href: string): Buffer | undefined {
  return assetOf(publication, slug, href)?.bytes;
}

/** The files each document's entry in the output cache holds. */
function outputsOf(spec: DocumentSpec, ebooks: boolean): string[] {
  return spec.kind === 'module' || !ebooks ? [`${documentName(spec)}.pdf`] : ['handbook.pdf', 'handbook.epub', 'handbook.docx'];
}

/**
 * The cache key of one document: everything its bytes depend on. A module's
 * PDF shows only that module (links to others become plain text), so it
 * depends on that module and the library, not on the other modules; the
 * handbook depends on all of them.
 */
async function documentKeys(specs: readonly DocumentSpec[], publication: Publication, date: Date, ebooks: boolean): Promise<Map<string, string>> {
  const code = cacheKey(await codeFingerprint(import.meta.url), await pandocVersion(), await chromiumVersion());
  // The assets are what the document reads besides its text: images become data: URLs.
  return new Map(
    specs.map((spec) => [
      documentName(spec),
      // The rest of the book decides a module's PDF only by its slugs (which links resolve, the chapter's number):
      // an edit to one module must not remake every other module's PDF.
      cacheKey(
        'pdf',
        code,
        date.getTime(),
        { ...spec, book: spec.book.map((module) => module.slug) },
        documentGlossary(spec),
        ebooks,
        spec.modules.map((module) => assetsDigest(publication, module.slug)),
        publication.library.references,
      ),
    ]),
  );
}

/**
 * PDFs of every built module and the handbook, plus the handbook as EPUB and
 * DOCX. Each PDF is a book of parts (front matter, one chapter and one
 * answer section per module, references), each printed on its own by
 * Chromium and kept in the part store by content hash, then merged with
 * pdf-lib (outline, named destinations, links between parts, tagged
 * structure) and stamped with page numbers: no print job is larger than a
 * chapter, and an edit prints the edited module's chapter and the front
 * matter again. With an output cache, a finished document whose inputs and
 * code are unchanged is copied instead of assembled.
 */
export async function emitPdf(publication: Publication, options: EmitPdfOptions): Promise<EmitPdfResult> {
  const built = publication.modules.filter(isBuilt);
  const files: string[] = [];
  const timings: Record<string, number> = {};
  const stats = { printed: [] as string[], reused: [] as string[] };
  const steps: string[] = [];
  const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
  const withEbooks = options.ebooks ?? true;
  const vfiles = new Map<string, VFile>();
  const fileOf = (slug: string) => {
    let file = vfiles.get(slug);
    if (!file) vfiles.set(slug, (file = new VFile({ path: path.join(publication.root, slug, 'module.md') })));
    return file;
  };
  if (built.length === 0) return { files, problems: [], timings, parts: stats, steps };

  for (const module of built) {
    for (const link of remoteImageLinks(module)) {
      reportRemoteResource(fileOf(module.slug), `remote image \`${link.href}\` is not included: outputs load nothing from the network`, link.position);
    }
  }

  const date = new Date((options.sourceDateEpoch ?? (await contentEpoch(publication))) * 1000);
  const specs: DocumentSpec[] = [
    ...built.filter((module) => options.moduleDocuments?.has(module.slug) ?? true).map((module) => moduleSpec(module, built)),
    ...(options.handbook === false ? [] : [handbookSpec(built, options.handbookTitle ?? defaultHandbookTitle)]),
  ];
  await mkdir(options.outDir, { recursive: true });
  const cache = options.outputCache;
  const keys = cache ? await documentKeys(specs, publication, date, withEbooks) : new Map<string, string>();
  const { restored, files: copied } = await restoreEach(cache, keys, options.outDir);
  files.push(...copied.map((name) => path.join(options.outDir, name)));
  // The handbook holds every module: made first, so the short documents fill the other cores instead of it finishing alone.
  const pending = specs.filter((spec) => !restored.has(documentName(spec))).sort((a, b) => Number(b.kind === 'handbook') - Number(a.kind === 'handbook'));
  if (pending.length === 0) return { files: files.sort(), problems: [...vfiles.values()].filter((file) => file.messages.length > 0), timings, parts: stats, steps };

  const ownBrowser = options.browser ? undefined : await launchBrowser();
  const browser = options.browser ?? ownBrowser!;
  const concurrency = options.concurrency ?? defaultConcurrency();
  const work = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-'));
  // The e-books are written beside the prints; whatever happens to the prints, they finish before this returns.
  let ebooks: Promise<void> = Promise.resolve();
  // Resolved once every PDF is merged, or the build failed: a large book's e-book writers wait for it.
  let pdfsDone: () => void = () => undefined;
  const pdfsMerged = new Promise<void>((resolve) => {
    pdfsDone = resolve;
  });
  try {
    const bibliography = path.join(work, 'library.json');
    await writeFile(bibliography, JSON.stringify(cslReferences(publication.library.references)));
    const knownReferences = new Set(publication.library.references.map((reference) => reference.id));
    const codeKey = cacheKey(await codeFingerprint(import.meta.url), await pandocVersion(), await chromiumVersion());
    const reported = new Set<string>();
    // Diagrams being rendered, by source: the e-books and the parts ask for the same ones at the same time.
    const rendering = new Map<string, Promise<void>>();
    const environment: PrintEnvironment = {
      publication,
      codeKey,
      knownReferences,
      browser,
      work,
      bibliography,
      astKey: await astCacheKey(publication),
      cacheDir: options.cacheDir,
      // Beside the output cache: a per-module build records the parts it used with the documents.
      store: cache?.beside(path.join(options.cacheDir, 'pdf-parts')) ?? openOutputCache(path.join(options.cacheDir, 'pdf-parts')),
      diagrams: new Map(),
      renderDiagrams: async (sources) => {
        const wanted = [...new Set(sources)].filter((source) => !environment.diagrams.has(source));
        const fresh = wanted.filter((source) => !rendering.has(source));
        if (fresh.length > 0) {
          const batch = renderPrintDiagrams(browser, fresh, path.join(options.cacheDir, 'mermaid')).then((results) => {
            for (const [source, result] of results) environment.diagrams.set(source, result);
          });
          for (const source of fresh) rendering.set(source, batch);
        }
        await Promise.all(wanted.map((source) => rendering.get(source)));
      },
      context: (_spec, document) => ({
        present: new Set(document.book.map((module) => module.slug)),
        terms: bookTerms(document.book),
        asset: (slug, href) => assetDataUrl(publication, slug, href),
        file: (slug, href) => moduleFile(publication, slug, href),
        // Only a PDF can carry a module's files: each one it links goes in as an attachment.
        files: 'attach',
      }),
      onBlocked: (spec, url) => {
        for (const module of partModules(spec)) {
          if (reported.has(`${module.slug} ${url}`)) continue;
          reported.add(`${module.slug} ${url}`);
          reportRemoteResource(fileOf(module.slug), `rendering blocked a request for \`${url}\`: outputs load nothing outside the build`);
        }
      },
      onRendered: (spec) => reportDiagrams(spec),
      hasProblems: (spec) => partModules(spec).some(hasProblems),
    };
    const diagramService = options.diagrams ?? diagramRenders(path.join(options.cacheDir, 'mermaid'));
    /** A module whose documents must not be stored: it has messages, or a diagram that another output reported did not render. */
    const hasProblems = (module: PatternModule) =>
      (vfiles.get(module.slug)?.messages.length ?? 0) > 0 || moduleDiagrams(module).some((diagram) => environment.diagrams.get(diagram.source)?.error !== undefined);
    /** The diagrams of the part's modules that did not render (the part prints a placeholder); reported unless another output or part did. */
    const reportDiagrams = (spec: PartSpec) => {
      for (const failure of diagramService.unreported(diagramFailures(partModules(spec), environment.diagrams))) reportDiagramFailure(fileOf(failure.slug), failure);
    };
    const plans = pending.map((document) => ({ document, parts: planParts(document, documentParts(document, knownReferences), environment) }));
    const handbook = plans.find((plan) => plan.document.kind === 'handbook');
    if (handbook && withEbooks) {
      const { document, parts } = handbook;
      // pandoc writes the e-books from the parts' ASTs while Chromium prints: started first, separate processes,
      // so they overlap with every print instead of waiting for the chapters.
      // The book's ASTs live only inside ebookSources: for a large book, gone before pandoc starts writing.
      const ebookSources = async (onEpubSource: (epub: EbookSources['epub'], small: boolean) => void) => {
        // A cold build parses every part here: partAst runs a pandoc per core at a time, not one per part.
        const asts = await Promise.all(parts.map((part) => partAst(part.markdown, bibliography, environment.astKey, options.cacheDir)));
        // Parts from the part store rendered nothing this time: the e-books need every diagram (cached renders, mostly).
        await environment.renderDiagrams(mermaidSources(asts.map((ast) => ast.blocks)));
        const context: AstContext = { ...environment.context(parts[0]!.spec, document), mode: 'ebook', diagram: (source) => environment.diagrams.get(source)?.svg, files: 'name' };
        const book = bookDocument(asts);
        const svgOf = (source: string) => environment.diagrams.get(source)?.svg;
        const svgs = [...mermaidSources(book.blocks)].flatMap((source) => svgOf(source) ?? []);
        const rasters = await rasterSvgs(browser, svgs, { cacheDir: path.join(options.cacheDir, 'diagram-png'), scale: docxPixelsPerUnit });
        return writeEbookSources(
          {
            epub: () => transformAst(book, context).document,
            docx: () => {
              const docx = transformAst(book, { ...context, raster: (source) => rasters.get(svgOf(source) ?? '') });
              return { document: docx.document, contents: docx.toc };
            },
          },
          work,
          onEpubSource,
        );
      };
      // A large book's writers wait until the PDFs are merged: beside a merge, the DOCX's writer took a 90-module build over 2 GiB.
      ebooks = emitEbooks(ebookSources, { work, outDir: options.outDir, date, files, timings }, pdfsMerged);
      ebooks.catch(() => undefined);
    }
    // Every part but the front matter first (the contents need their page counts), all documents at once:
    // no print job is larger than one chapter, an unchanged part comes from the part store, and a module's
    // chapter and answers, the same in its PDF and in the handbook, are printed once for both.
    const once = new Map<string, Promise<Awaited<ReturnType<typeof printedPart>>>>();
    const bodies = await mapWithConcurrency(
      plans.flatMap((plan) => plan.parts.slice(1).map((part) => ({ plan, part }))),
      concurrency,
      async ({ plan, part }) => {
        const id = part.shared ? part.key : `${part.key} ${documentName(plan.document)}`;
        let printing = once.get(id);
        if (!printing) {
          once.set(id, (printing = printedPart(part, plan.document, environment)));
          const printed = await printing;
          const name = part.shared ? part.name : `${documentName(plan.document)}/${part.name}`;
          (printed.printed ? stats.printed : stats.reused).push(name);
          if (printed.time) steps.push(`${name} ${seconds(printed.time.milliseconds)} (${printed.time.prints} prints)`);
        }
        return printing;
      },
    );
    let next = 0;
    await mapWithConcurrency(plans, concurrency, async ({ document, parts }) => {
      const started = performance.now();
      const name = documentName(document);
      const body = bodies.slice(next, (next += parts.length - 1));
      const output = path.join(options.outDir, `${name}.pdf`);
      const assembled = await assembleDocument(
        document,
        parts[0]!,
        body,
        environment,
        {
          // The catalog names authors by role ids (author-a), which are no names to print.
          author: '',
          keywords: [...new Set(document.modules.map((module) => module.category))],
          language: 'en-GB',
          date,
        },
        output,
      );
      (assembled.front ? stats.printed : stats.reused).push(`${name}/front`);
      if (assembled.front) steps.push(`${name}/front ${seconds(assembled.front.milliseconds)} (${assembled.front.prints} prints)`);
      steps.push(`${name}.pdf merged ${seconds(assembled.mergeMilliseconds)}`);
      files.push(output);
      timings[name] = performance.now() - started;
    });
    pdfsDone();
    await ebooks;

    if (cache) {
      // A document with diagnostics is made again next time, so its messages are reported again rather than lost in a cache hit.
      for (const spec of pending) {
        if (spec.modules.some(hasProblems)) continue;
        await cache.store(keys.get(documentName(spec))!, options.outDir, outputsOf(spec, withEbooks));
      }
    }
    await pruneOutputCache(environment.store.dir, { maxBytes: partStoreBudget });
  } finally {
    pdfsDone();
    await ebooks.catch(() => undefined);
    await rm(work, { recursive: true, force: true });
    await ownBrowser?.close();
  }
  return { files: files.sort(), problems: [...vfiles.values()].filter((file) => file.messages.length > 0), timings, parts: stats, steps };
}
