import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assetOf, assetsDigest, isBuilt, type Publication } from '@pattern-press/format';
import { report } from '@pattern-press/diagnostics';
import { cacheKey, codeFingerprint, restoreEach, type OutputCache } from '@pattern-press/cache';
import { chromiumVersion, defaultConcurrency, diagramHash, diagramProblem, launchBrowser, mapWithConcurrency, renderMermaid, type MermaidResult } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { documentMarkdown, type DocumentSpec } from './assemble.js';
import { defaultHandbookTitle, documentName, handbookSpec, mermaidSources, moduleSpec } from './documents.js';
import { transformAst, uniqueSvgIds, type AstContext } from './ast.js';
import { astToFile, astToHtml, markdownToAst, pandocVersion, type PandocDocument, type PandocNode } from './pandoc.js';
import { withDocumentInfo } from './pdf-info.js';
import { printPdf } from './print.js';
import { remoteImageLinks, reportRemoteResource } from './remote.js';
import { documentCss } from './style.js';
import { htmlTemplate } from './template.js';
import { withFixedZipTimes } from './zip-times.js';

export interface EmitPdfOptions {
  /** Staging folder: `<slug>.pdf` per built module, `handbook.pdf`, `handbook.epub`, `handbook.docx`. */
  outDir: string;
  /** Content-hash caches (rendered diagrams go to `<cacheDir>/mermaid/`). */
  cacheDir: string;
  /** The build's shared browser; without one, a browser is launched and closed. */
  browser?: Browser | undefined;
  /** Pages printed at once; defaults to the core count. */
  concurrency?: number | undefined;
  /** Seconds since 1970 stamped as the documents' dates; defaults to SOURCE_DATE_EPOCH, else 0. */
  sourceDateEpoch?: number | undefined;
  /** Handbook cover title. */
  handbookTitle?: string | undefined;
  /** Finished documents by content hash: unchanged documents are copied from it, new ones stored in it. */
  outputCache?: OutputCache | undefined;
}

export interface EmitPdfResult {
  /** Written files, absolute, sorted. */
  files: string[];
  /** One VFile per module with content diagnostics. */
  problems: VFile[];
  /** Milliseconds per document (`<slug>`, `handbook`, `handbook.epub`, `handbook.docx`), for benchmarks. */
  timings: Record<string, number>;
}

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
function outputsOf(spec: DocumentSpec): string[] {
  return spec.kind === 'module' ? [`${documentName(spec)}.pdf`] : ['handbook.pdf', 'handbook.epub', 'handbook.docx'];
}

/**
 * The cache key of one document: everything its bytes depend on. A module's
 * PDF shows only that module (links to others become plain text), so it
 * depends on that module and the library, not on the other modules; the
 * handbook depends on all of them.
 */
async function documentKeys(specs: readonly DocumentSpec[], publication: Publication, date: Date): Promise<Map<string, string>> {
  const code = cacheKey(await codeFingerprint(import.meta.url), await pandocVersion(), await chromiumVersion());
  // The assets are what the document reads besides its text: images become data: URLs.
  return new Map(
    specs.map((spec) => [documentName(spec), cacheKey('pdf', code, date.getTime(), spec, spec.modules.map((module) => assetsDigest(publication, module.slug)), publication.library.references)]),
  );
}

/**
 * PDFs of every built module and the handbook, plus the handbook as EPUB and
 * DOCX: canonical documents → our pandoc Markdown → pandoc (sandboxed,
 * citeproc) → our AST stage (links, diagrams, contents) → HTML → Chromium
 * (two passes for page numbers) → pdf-lib (metadata, fixed dates). With an
 * output cache, a document whose inputs and code are unchanged is copied
 * from it instead of made.
 */
export async function emitPdf(publication: Publication, options: EmitPdfOptions): Promise<EmitPdfResult> {
  const built = publication.modules.filter(isBuilt);
  const files: string[] = [];
  const timings: Record<string, number> = {};
  const vfiles = new Map<string, VFile>();
  const fileOf = (slug: string) => {
    let file = vfiles.get(slug);
    if (!file) vfiles.set(slug, (file = new VFile({ path: path.join(publication.root, slug, 'module.md') })));
    return file;
  };
  if (built.length === 0) return { files, problems: [], timings };

  for (const module of built) {
    for (const link of remoteImageLinks(module)) {
      reportRemoteResource(fileOf(module.slug), `remote image \`${link.href}\` is not included: outputs load nothing from the network`, link.position);
    }
  }

  const date = new Date((options.sourceDateEpoch ?? (Number(process.env.SOURCE_DATE_EPOCH) || 0)) * 1000);
  const specs: DocumentSpec[] = [
    ...built.map(moduleSpec),
    handbookSpec(built, options.handbookTitle ?? defaultHandbookTitle),
  ];
  await mkdir(options.outDir, { recursive: true });
  const cache = options.outputCache;
  const keys = cache ? await documentKeys(specs, publication, date) : new Map<string, string>();
  const { restored, files: copied } = await restoreEach(cache, keys, options.outDir);
  files.push(...copied.map((name) => path.join(options.outDir, name)));
  // The handbook holds every module: made first, so the short documents fill the other cores instead of it finishing alone.
  const pending = specs.filter((spec) => !restored.has(documentName(spec))).sort((a, b) => Number(b.kind === 'handbook') - Number(a.kind === 'handbook'));
  if (pending.length === 0) return { files: files.sort(), problems: [...vfiles.values()].filter((file) => file.messages.length > 0), timings };

  const ownBrowser = options.browser ? undefined : await launchBrowser();
  const browser = options.browser ?? ownBrowser!;
  const concurrency = options.concurrency ?? defaultConcurrency();
  const work = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-'));
  // The e-books are written beside the prints; whatever happens to the prints, they finish before this returns.
  let ebooks: Promise<void> = Promise.resolve();
  try {
    const bibliography = path.join(work, 'library.json');
    await writeFile(bibliography, JSON.stringify(publication.library.references));
    const knownReferences = new Set(publication.library.references.map((reference) => reference.id));
    const diagrams = new Map<string, MermaidResult>();
    const diagram = (source: string) => {
      const svg = diagrams.get(source)?.svg;
      return svg === undefined ? undefined : uniqueSvgIds(svg, diagramHash(source).slice(0, 12));
    };
    const context = (spec: DocumentSpec, mode: AstContext['mode']): AstContext => ({
      mode,
      present: new Set(spec.modules.map((module) => module.slug)),
      diagram,
      asset: (slug, href) => assetDataUrl(publication, slug, href),
      file: (slug, href) => moduleFile(publication, slug, href),
      // Only a PDF can carry a module's files: each one it links goes in as an attachment.
      files: mode === 'html' ? 'attach' : 'name',
    });

    const reported = new Set<string>();
    // Each document goes from pandoc to Chromium on its own, so the handbook (first, the longest) starts
    // printing while pandoc still reads the modules' documents.
    await mapWithConcurrency(pending, concurrency, async (spec) => {
      const started = performance.now();
      const name = documentName(spec);
      const { ast } = await markdownToAst(documentMarkdown(spec, knownReferences), bibliography);
      for (const [source, result] of await renderMermaid(browser, [...mermaidSources(ast.blocks)], { cacheDir: path.join(options.cacheDir, 'mermaid') })) {
        diagrams.set(source, result);
      }
      for (const module of spec.modules) {
        for (const figure of [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])]) {
          const error = diagrams.get(figure.source)?.error;
          if (error === undefined || reported.has(`${module.slug} ${figure.id}`)) continue;
          reported.add(`${module.slug} ${figure.id}`);
          const problem = diagramProblem(figure, error);
          report(fileOf(module.slug), 'diagram-invalid', problem.reason, { place: problem.place, hint: 'until it is fixed the PDF prints "Diagram not rendered."' });
        }
      }
      if (spec.kind === 'handbook') {
        // pandoc writes the e-books while Chromium prints: separate processes, so they overlap instead of queueing.
        ebooks = emitEbooks(transformAst(ast, context(spec, 'ebook')).document, work, options.outDir, date, files, timings);
        ebooks.catch(() => undefined);
      }
      const { document, toc, attachments } = transformAst(ast, context(spec, 'html'));
      const template = path.join(work, `${name}.template.html`);
      await writeFile(template, htmlTemplate(documentCss(spec.kind, spec.title, spec.modules)));
      const htmlPath = path.join(work, `${name}.html`);
      await writeFile(htmlPath, await astToHtml(document, template));
      const { pdf } = await printPdf(browser, htmlPath, {
        allowedRoots: [work],
        onBlocked: (url) => {
          for (const module of spec.modules) {
            if (reported.has(`${module.slug} ${url}`)) continue;
            reported.add(`${module.slug} ${url}`);
            reportRemoteResource(fileOf(module.slug), `rendering blocked a request for \`${url}\`: outputs load nothing outside the build`);
          }
        },
      });
      const output = path.join(options.outDir, `${name}.pdf`);
      await writeFile(
        output,
        await withDocumentInfo(pdf, {
          title: spec.title,
          author: [...new Set(spec.modules.flatMap((module) => module.authors))].join(', '),
          subject: spec.subtitle,
          keywords: [...new Set(spec.modules.map((module) => module.category))],
          language: 'en-GB',
          date,
          headings: toc.map((entry) => (entry.number ? `${entry.number} ${entry.text}` : entry.text)),
          attachments,
        }),
      );
      files.push(output);
      timings[name] = performance.now() - started;
    });
    await ebooks;

    if (cache) {
      // A document with diagnostics is made again next time, so its messages are reported again rather than lost in a cache hit.
      for (const spec of pending) {
        if (spec.modules.some((module) => vfiles.get(module.slug)?.messages.length)) continue;
        await cache.store(keys.get(documentName(spec))!, options.outDir, outputsOf(spec));
      }
    }
  } finally {
    await ebooks.catch(() => undefined);
    await rm(work, { recursive: true, force: true });
    await ownBrowser?.close();
  }
  return { files: files.sort(), problems: [...vfiles.values()].filter((file) => file.messages.length > 0), timings };
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
tr { page-break-inside: avoid; }
`;

const dataUrl = /^data:(image\/[\w+.-]+);base64,(.*)$/s;
const mediaExtensions: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * The AST with every data: URL image written to a file in `dir`/media (named by
 * its hash, so equal input gives equal names) and referenced by path:
 * pandoc 2.x decodes data: URLs so slowly that the handbook's diagrams
 * took a DOCX from 2 s to 10 s.
 */
async function withMediaFiles(value: unknown, dir: string): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => withMediaFiles(item, dir)));
  if (typeof value !== 'object' || value === null) return value;
  const node = value as PandocNode;
  if (node.t === 'Image') {
    const [attr, inlines, [url, title]] = node.c as [unknown, unknown, [string, string]];
    const match = dataUrl.exec(url);
    const extension = match ? mediaExtensions[match[1]!] : undefined;
    if (match && extension) {
      const bytes = Buffer.from(match[2]!, 'base64');
      const name = `media/${diagramHash(bytes.toString('latin1')).slice(0, 32)}.${extension}`;
      await mkdir(path.join(dir, 'media'), { recursive: true });
      await writeFile(path.join(dir, name), bytes);
      // Relative to --resource-path: pandoc copies the path into the DOCX, so a temporary folder's name would make the bytes differ per build.
      return { t: 'Image', c: [attr, inlines, [name, title]] };
    }
    return node;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = await withMediaFiles(child, dir);
  return copy;
}

async function emitEbooks(document: PandocDocument, work: string, outDir: string, date: Date, files: string[], timings: Record<string, number>): Promise<void> {
  const epoch = Math.floor(date.getTime() / 1000);
  const ast = (await withMediaFiles(document, work)) as PandocDocument;
  // pandoc makes up a random identifier unless one is given: derive it from the content (not from the temporary paths).
  const identifier = `urn:sha256:${diagramHash(JSON.stringify(document)).slice(0, 32)}`;
  const css = path.join(work, 'epub.css');
  await writeFile(css, epubCss);
  const metadata = ['-M', `identifier=${identifier}`, '-M', `date=${date.toISOString().slice(0, 10)}`, `--resource-path=${work}`];
  await Promise.all(
    (
      [
        ['epub3', 'handbook.epub', ['--css', css, '--epub-chapter-level=1']],
        ['docx', 'handbook.docx', []],
      ] as const
    ).map(async ([format, name, extra]) => {
      const started = performance.now();
      const output = path.join(outDir, name);
      await astToFile(ast, format, output, [...metadata, ...extra], epoch);
      await writeFile(output, withFixedZipTimes(await readFile(output), date));
      files.push(output);
      timings[name] = performance.now() - started;
    }),
  );
}
