import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isBuilt, type Publication } from '@pattern-press/format';
import { defaultConcurrency, diagramHash, launchBrowser, mapWithConcurrency, renderMermaid } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { documentMarkdown, type DocumentSpec } from './assemble.js';
import { transformAst, uniqueSvgIds, type AstContext } from './ast.js';
import { astToFile, astToHtml, markdownToAst, type PandocDocument, type PandocNode } from './pandoc.js';
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
}

export interface EmitPdfResult {
  /** Written files, absolute, sorted. */
  files: string[];
  /** One VFile per module with content diagnostics. */
  problems: VFile[];
  /** Milliseconds per document (`<slug>`, `handbook`, `handbook.epub`, `handbook.docx`), for benchmarks. */
  timings: Record<string, number>;
}

const imageTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** An image beside a module as a data: URL, when it exists, is an image, and stays inside the module folder. */
export function assetDataUrl(root: string, slug: string, href: string): string | undefined {
  const type = imageTypes[path.extname(href.split(/[?#]/)[0]!).toLowerCase()];
  if (!type) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(href.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  const folder = path.resolve(root, slug);
  const file = path.resolve(folder, relative);
  if (!file.startsWith(folder + path.sep) || !existsSync(file)) return undefined;
  if (!realpathSync(file).startsWith(realpathSync(folder) + path.sep)) return undefined;
  return `data:${type};base64,${readFileSync(file).toString('base64')}`;
}

function mermaidSources(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) mermaidSources(item, out);
  else if (typeof value === 'object' && value !== null) {
    const node = value as PandocNode;
    if (node.t === 'CodeBlock') {
      const [attr, source] = node.c as [[string, string[]], string];
      if (attr[1].includes('mermaid')) out.add(source);
    } else if (node.c !== undefined) mermaidSources(node.c, out);
  }
  return out;
}

function documentName(spec: DocumentSpec): string {
  return spec.kind === 'module' ? spec.modules[0]!.slug : 'handbook';
}

function handbookSpec(modules: PatternModule[], title: string): DocumentSpec {
  const subtitle = modules.length === 1 ? `A handbook of one module: ${modules[0]!.title}` : `A handbook of ${modules.length} modules on distributed-system patterns`;
  return { kind: 'handbook', modules, title, subtitle };
}

/**
 * PDFs of every built module and the handbook, plus the handbook as EPUB and
 * DOCX: canonical documents → our pandoc Markdown → pandoc (sandboxed,
 * citeproc) → our AST stage (links, diagrams, contents) → HTML → Chromium
 * (two passes for page numbers) → pdf-lib (metadata, fixed dates).
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

  const ownBrowser = options.browser ? undefined : await launchBrowser();
  const browser = options.browser ?? ownBrowser!;
  const concurrency = options.concurrency ?? defaultConcurrency();
  const date = new Date((options.sourceDateEpoch ?? (Number(process.env.SOURCE_DATE_EPOCH) || 0)) * 1000);
  const work = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-'));
  try {
    await mkdir(options.outDir, { recursive: true });
    const bibliography = path.join(work, 'library.json');
    await writeFile(bibliography, JSON.stringify(publication.library.references));
    const knownReferences = new Set(publication.library.references.map((reference) => reference.id));

    const specs: DocumentSpec[] = [
      ...built.map((module): DocumentSpec => ({ kind: 'module', modules: [module], title: module.title, subtitle: module.tagline })),
      handbookSpec(built, options.handbookTitle ?? 'Distributed-System Patterns'),
    ];
    const parsed = await mapWithConcurrency(specs, concurrency, async (spec) => (await markdownToAst(documentMarkdown(spec, knownReferences), bibliography)).ast);

    const sources = new Set<string>();
    for (const ast of parsed) mermaidSources(ast.blocks, sources);
    const rendered = await renderMermaid(browser, [...sources], { cacheDir: path.join(options.cacheDir, 'mermaid') });
    const diagram = (source: string) => {
      const svg = rendered.get(source)?.svg;
      return svg === undefined ? undefined : uniqueSvgIds(svg, diagramHash(source).slice(0, 12));
    };
    const context = (spec: DocumentSpec, mode: AstContext['mode']): AstContext => ({
      mode,
      present: new Set(spec.modules.map((module) => module.slug)),
      diagram,
      asset: (slug, href) => assetDataUrl(publication.root, slug, href),
    });

    const reported = new Set<string>();
    await mapWithConcurrency(specs, concurrency, async (spec, index) => {
      const started = performance.now();
      const name = documentName(spec);
      const { document, toc } = transformAst(parsed[index]!, context(spec, 'html'));
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
        }),
      );
      files.push(output);
      timings[name] = performance.now() - started;
    });

    const handbook = specs.length - 1;
    const ebook = transformAst(parsed[handbook]!, context(specs[handbook]!, 'ebook')).document;
    await emitEbooks(ebook, work, options.outDir, date, files, timings);
  } finally {
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

async function emitEbooks(ast: PandocDocument, work: string, outDir: string, date: Date, files: string[], timings: Record<string, number>): Promise<void> {
  const epoch = Math.floor(date.getTime() / 1000);
  // pandoc makes up a random identifier unless one is given: derive it from the content.
  const identifier = `urn:sha256:${diagramHash(JSON.stringify(ast)).slice(0, 32)}`;
  const css = path.join(work, 'epub.css');
  await writeFile(css, epubCss);
  const metadata = ['-M', `identifier=${identifier}`, '-M', `date=${date.toISOString().slice(0, 10)}`];
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
