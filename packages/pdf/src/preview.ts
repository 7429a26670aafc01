import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isBuilt, type Publication } from '@pattern-press/format';
import {
  defaultConcurrency,
  diagramFailures,
  diagramHash,
  diagramRenders,
  launchBrowser,
  mapWithConcurrency,
  renderMermaid,
  reportDiagramFailure,
  type DiagramRenders,
  type MermaidResult,
} from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import type { DocumentSpec } from './assemble.js';
import { documentName, handbookSpec, mermaidSources, moduleSpec } from './documents.js';
import { transformAst, uniqueSvgIds } from './ast.js';
import { assetDataUrl, moduleFile } from './emit.js';
import { bookDocument } from './ebook.js';
import { astToHtml } from './pandoc.js';
import { astCacheKey, documentAsts } from './parts.js';
import { cslReferences } from './csl.js';
import { remoteImageLinks, reportRemoteResource } from './remote.js';
import { documentCss } from './style.js';
import { htmlTemplate } from './template.js';

export interface EmitHandbookHtmlOptions {
  /** Folder for `handbook.html` and `<slug>.html`. */
  outDir: string;
  /** Content-hash caches (rendered diagrams go to `<cacheDir>/mermaid/`, shared with the PDF build). */
  cacheDir: string;
  /** A browser for diagrams not yet in the cache; without one, a browser is launched and closed when there are diagrams. */
  browser?: Browser | undefined;
  /** The build's diagram service, shared by its outputs (a diagram that cannot be drawn is reported once); default: this call's own. */
  diagrams?: DiagramRenders | undefined;
  /** Write `<slug>.html` only for these built modules (`handbook.html` always holds every built module). */
  modules?: ReadonlySet<string> | undefined;
  /** Write `handbook.html` too (default true); `press dev` previews the whole handbook as its PDF instead. */
  handbook?: boolean | undefined;
}

export interface EmitHandbookHtmlResult {
  /** Written files, absolute, sorted. */
  files: string[];
  /** One VFile per module with content diagnostics (a remote image, a diagram that does not render). */
  problems: VFile[];
}

// The print stylesheet assumes A4 pages; on a screen the page numbers of the
// contents are placeholders that only the PDF's second print pass fills in,
// and full-width lines are hard to read. Screen-only, so printing is unchanged.
const screenCss = `
@media screen {
  body { max-width: 46em; margin: 0 auto; padding: 0 1.5em 3em; }
  .cover { height: auto; padding: 20mm 16mm; margin: 0 -1.5em 2em; }
  .toc .toc-page, .toc a::after { display: none; }
}
`;

/**
 * The HTML the PDF path prints, as files a browser can open: `handbook.html`
 * with every built module and `<slug>.html` per built module (or per slug in
 * `modules`). Each page stands alone (CSS inline, diagrams as inline SVG,
 * images as data: URLs), so it can be served or opened from anywhere and
 * loads nothing else. For previews (`press dev`): no Chromium print, so a
 * change shows in seconds.
 */
export async function emitHandbookHtml(publication: Publication, options: EmitHandbookHtmlOptions): Promise<EmitHandbookHtmlResult> {
  const built = publication.modules.filter(isBuilt);
  const files: string[] = [];
  const vfiles = new Map<string, VFile>();
  if (built.length === 0) return { files, problems: [] };

  const fileOf = (slug: string) => {
    let file = vfiles.get(slug);
    if (!file) vfiles.set(slug, (file = new VFile({ path: path.join(publication.root, slug, 'module.md') })));
    return file;
  };
  // The handbook holds every built module, so each one's remote images are dropped from it: say so.
  for (const module of built) {
    for (const link of remoteImageLinks(module)) reportRemoteResource(fileOf(module.slug), `remote image \`${link.href}\` is not included: outputs load nothing from the network`, link.position);
  }

  const chapters = built.filter((module) => !options.modules || options.modules.has(module.slug));
  const specs: DocumentSpec[] = [...chapters.map((module) => moduleSpec(module, built)), ...(options.handbook === false ? [] : [handbookSpec(built)])];
  const concurrency = defaultConcurrency();
  let ownBrowser: Browser | undefined;
  const work = await mkdtemp(path.join(os.tmpdir(), 'press-html-'));
  try {
    await mkdir(options.outDir, { recursive: true });
    const bibliography = path.join(work, 'library.json');
    await writeFile(bibliography, JSON.stringify(cslReferences(publication.library.references)));
    const knownReferences = new Set(publication.library.references.map((reference) => reference.id));
    // The parts' ASTs, cached and shared with the PDF build: an edit parses one module again.
    const astKey = await astCacheKey(publication);
    const parsed = await mapWithConcurrency(specs, concurrency, async (spec) => bookDocument(await documentAsts(spec, knownReferences, bibliography, astKey, options.cacheDir)));

    const sources = new Set<string>();
    for (const ast of parsed) mermaidSources(ast.blocks, sources);
    let browser = options.browser;
    if (sources.size > 0 && !browser) browser = ownBrowser = await launchBrowser();
    const rendered: ReadonlyMap<string, MermaidResult> = browser ? await renderMermaid(browser, [...sources], { cacheDir: path.join(options.cacheDir, 'mermaid') }) : new Map();
    const diagrams = options.diagrams ?? diagramRenders(path.join(options.cacheDir, 'mermaid'));
    for (const failure of diagrams.unreported(diagramFailures(built, rendered))) reportDiagramFailure(fileOf(failure.slug), failure);
    const diagram = (source: string) => {
      const svg = rendered.get(source)?.svg;
      return svg === undefined ? undefined : uniqueSvgIds(svg, diagramHash(source).slice(0, 12));
    };

    await mapWithConcurrency(specs, concurrency, async (spec, index) => {
      const name = documentName(spec);
      const { document } = transformAst(parsed[index]!, {
        mode: 'html',
        present: new Set(spec.modules.map((module) => module.slug)),
        diagram,
        asset: (slug, href) => assetDataUrl(publication, slug, href),
        file: (slug, href) => moduleFile(publication, slug, href),
        files: 'name',
      });
      const template = path.join(work, `${name}.template.html`);
      await writeFile(template, htmlTemplate(documentCss(spec.kind, spec.title, spec.modules) + screenCss));
      const output = path.join(options.outDir, `${name}.html`);
      await writeFile(output, await astToHtml(document, template));
      files.push(output);
    });
  } finally {
    await rm(work, { recursive: true, force: true });
    await ownBrowser?.close();
  }
  return { files: files.sort(), problems: [...vfiles.values()] };
}
