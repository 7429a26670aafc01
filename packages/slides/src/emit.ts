import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assetsDigest, isBuilt, type Publication } from '@pattern-press/format';
import { cacheKey, codeFingerprint, restoreEach, type OutputCache } from '@pattern-press/cache';
import { contentDate } from '@pattern-press/output-files';
import {
  chromiumVersion,
  diagramFailures,
  diagramRenders,
  highlightCss,
  launchBrowser,
  rasterSvgs,
  renderMermaid,
  reportDiagramFailure,
  type DiagramFailure,
  type DiagramRenders,
  type MermaidResult,
} from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { deckModel, diagramKey, withDiagramParts, type Deck } from './deck.js';
import { compactDiagram, diagramBands, flippedDiagram, pngScale, svgBand } from './diagrams.js';
import { deckCss, deckHtml, diagramArea, diagramBox, svgSize, type DiagramAsset } from './html.js';
import { printDeck } from './pdf.js';
import { deckPptx } from './pptx.js';

export interface EmitSlidesOptions {
  /** Staging folder: `<slug>/index.html` (+ assets), `<slug>.pdf` and `<slug>.pptx` are written here. */
  outDir: string;
  /** Content-hash caches shared with the other outputs (Mermaid SVGs under mermaid/, their PNGs under diagram-png/). */
  cacheDir: string;
  /** The build's shared Chromium; one is launched (and closed) when absent. */
  browser?: Browser | undefined;
  /** The build's diagram service, shared by its outputs (a diagram that cannot be drawn is reported once); default: this call's own. */
  diagrams?: DiagramRenders | undefined;
  /** Finished decks by content hash: unchanged decks are copied from it, new ones stored in it. */
  outputCache?: OutputCache | undefined;
  /** The built modules whose decks to make (default: every one). Links still go to every built module, as in a full build. */
  modules?: ReadonlySet<string> | undefined;
  /**
   * false: the HTML decks only, no PDF or PPTX and no output cache (`press dev` previews the deck; printing and
   * packing it were a third of an edit's slides time). Default true.
   */
  documents?: boolean | undefined;
}

export interface EmitSlidesResult {
  /** Every file written, relative to outDir, sorted. */
  files: string[];
  /** Content diagnostics, one VFile per module source that has any. */
  problems: VFile[];
}

const require = createRequire(import.meta.url);

/** reveal.js's dist files the deck needs, copied from node_modules: never a CDN. */
export function revealFiles(): Array<{ from: string; to: string }> {
  const dist = path.dirname(require.resolve('reveal.js'));
  return [
    { from: path.join(dist, 'reveal.css'), to: 'reveal/reveal.css' },
    { from: path.join(dist, 'reveal.js'), to: 'reveal/reveal.js' },
    { from: path.join(dist, 'theme', 'white.css'), to: 'reveal/theme/white.css' },
    { from: path.join(dist, 'plugin', 'notes.js'), to: 'reveal/plugin/notes.js' },
    { from: path.join(dist, '..', 'LICENSE'), to: 'reveal/LICENSE' },
  ];
}

/** How much a diagram is scaled on its slide (its labels' size over Mermaid's). */
function slideScale(svg: string, title: string): number {
  const natural = svgSize(svg);
  return diagramBox(natural, title).width / natural.width;
}

/**
 * The drawing each diagram slide shows, by diagram id: Mermaid's render, or
 * when that shows its labels larger, the same diagram with tighter spacing or
 * turned the other way round (a wide flowchart turned tall, or back). Renders
 * the variants it needs (cached like every other render).
 */
async function slideDrawings(browser: Browser, decks: readonly Deck[], rendered: ReadonlyMap<string, MermaidResult>, cacheDir: string): Promise<Map<string, string>> {
  const shown = new Map<string, { source: string; title: string; svg: string | undefined }>();
  for (const deck of decks)
    for (const slide of deck.slides)
      if (slide.diagram && !shown.has(slide.diagram.id)) shown.set(slide.diagram.id, { source: slide.diagram.source, title: slide.title, svg: rendered.get(slide.diagram.source)?.svg });
  const tried = new Map<string, string[]>();
  for (const [id, diagram] of shown) {
    if (diagram.svg === undefined || slideScale(diagram.svg, diagram.title) >= 1) continue;
    const flipped = flippedDiagram(diagram.source);
    tried.set(id, [compactDiagram(diagram.source), ...(flipped ? [flipped, compactDiagram(flipped)] : [])]);
  }
  const variants = tried.size > 0 ? await renderMermaid(browser, [...tried.values()].flat(), { cacheDir }) : new Map<string, MermaidResult>();
  const out = new Map<string, string>();
  for (const [id, diagram] of shown) {
    if (diagram.svg === undefined) continue;
    let best = diagram.svg;
    // A variant must gain a tenth: the author's drawing wins a tie.
    for (const source of tried.get(id) ?? []) {
      const svg = variants.get(source)?.svg;
      if (svg !== undefined && slideScale(svg, diagram.title) > Math.min(1, slideScale(best, diagram.title) * 1.1)) best = svg;
    }
    out.set(id, best);
    if (slideScale(best, diagram.title) >= 1) continue;
    // Still too small: a drawing that fits the slide's width is cut into bands between its rows, one a slide (the shortest that can be).
    const area = diagramArea(`${diagram.title} (continued)`);
    const narrow = [diagram.svg, ...(tried.get(id) ?? []).flatMap((source) => variants.get(source)?.svg ?? [])]
      .filter((svg) => svgSize(svg).width <= area.width)
      .sort((a, b) => svgSize(a).height - svgSize(b).height);
    for (const svg of narrow) {
      const bands = await diagramBands(browser, svg, area.height);
      if (!bands || bands.length < 2) continue;
      bands.forEach((band, index) => out.set(`${id}-${index + 1}`, svgBand(svg, band)));
      break;
    }
  }
  return out;
}

/** How many bands each diagram is shown in (those `slideDrawings` cut). */
function partCounts(drawings: ReadonlyMap<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of drawings.keys()) {
    const band = /^(d-[0-9a-f]+)-(\d+)$/.exec(key);
    if (band) counts.set(band[1]!, Math.max(counts.get(band[1]!) ?? 0, Number(band[2])));
  }
  return counts;
}

async function writeDeckFolder(deck: Deck, deckDir: string, rendered: ReadonlyMap<string, MermaidResult>, drawings: ReadonlyMap<string, string>): Promise<string[]> {
  const written: string[] = [];
  const write = async (relative: string, data: string | Buffer) => {
    await mkdir(path.dirname(path.join(deckDir, relative)), { recursive: true });
    await writeFile(path.join(deckDir, relative), data);
    written.push(relative);
  };
  for (const file of revealFiles()) {
    await mkdir(path.dirname(path.join(deckDir, file.to)), { recursive: true });
    await copyFile(file.from, path.join(deckDir, file.to));
    written.push(file.to);
  }
  await write('reveal/highlight.css', highlightCss('github'));
  await write('deck.css', deckCss());
  const assets = new Map<string, DiagramAsset>();
  for (const slide of deck.slides) {
    if (!slide.diagram) continue;
    const key = diagramKey(slide.diagram);
    const svg = drawings.get(key);
    if (svg === undefined) {
      assets.set(key, { error: rendered.get(slide.diagram.source)?.error ?? 'not rendered' });
      continue;
    }
    const file = `diagrams/${key}.svg`;
    if (!written.includes(file)) await write(file, svg);
    assets.set(key, { file, ...diagramBox(svgSize(svg), slide.title) });
  }
  // Several slides may show one diagram under different titles: the size is per slide, the file is shared.
  await write('index.html', deckHtml(deck, { diagrams: assets }));
  return written;
}

/** The module's file with the diagrams it failed to draw that no other output reported; undefined when there are none. */
function diagramProblems(module: PatternModule, root: string, failures: readonly DiagramFailure[]): VFile | undefined {
  if (failures.length === 0) return undefined;
  const file = new VFile({ path: path.join(root, module.slug, 'module.md') });
  for (const failure of failures) reportDiagramFailure(file, failure);
  return file;
}

/**
 * Writes, for every built module, `<slug>/index.html` (a self-contained
 * reveal.js deck), `<slug>.pdf` (one slide per page, printed from that deck)
 * and `<slug>.pptx` (editable, with speaker notes) into `outDir`.
 */
export async function emitSlides(publication: Publication, options: EmitSlidesOptions): Promise<EmitSlidesResult> {
  const builtSlugs = new Set(publication.modules.filter(isBuilt).map((module) => module.slug));
  const built = publication.modules.filter((module) => builtSlugs.has(module.slug) && (!options.modules || options.modules.has(module.slug)));
  const documents = options.documents ?? true;
  const files: string[] = [];
  await mkdir(options.outDir, { recursive: true });
  // An entry holds the PDF and PPTX too: a decks-only run neither reads nor writes one.
  const cache = documents ? options.outputCache : undefined;
  const date = await contentDate(publication);
  const keys = cache ? await deckKeys(publication, built, builtSlugs, date) : new Map<string, string>();
  const { restored, files: copied } = await restoreEach(cache, keys, options.outDir);
  files.push(...copied);
  const modules = built.filter((module) => !restored.has(module.slug));
  if (modules.length === 0) return { files: files.sort(), problems: [] };

  const models = modules.map((module) => deckModel(module, { library: publication.library, builtSlugs }));
  const browser = options.browser ?? (await launchBrowser());
  try {
    const diagrams = options.diagrams ?? diagramRenders(path.join(options.cacheDir, 'mermaid'));
    const rendered = await diagrams.render(modules, browser);
    const failures = diagramFailures(modules, rendered);
    const unreported = diagrams.unreported(failures);
    const drawings = await slideDrawings(browser, models, rendered, path.join(options.cacheDir, 'mermaid'));
    const parts = partCounts(drawings);
    const decks = models.map((model) => withDiagramParts(model, parts));
    const pngBySvg = documents ? await rasterSvgs(browser, [...drawings.values()], { cacheDir: path.join(options.cacheDir, 'diagram-png'), scale: pngScale }) : new Map<string, Buffer>();
    const problems: VFile[] = [];
    for (const [index, module] of modules.entries()) {
      const deck = decks[index]!;
      const deckDir = path.join(options.outDir, module.slug);
      const written = await writeDeckFolder(deck, deckDir, rendered, drawings);
      const deckFiles = written.map((file) => `${module.slug}/${file}`);
      const problem = diagramProblems(
        module,
        publication.root,
        unreported.filter((failure) => failure.slug === module.slug),
      );
      if (problem) problems.push(problem);
      if (!documents) {
        files.push(...deckFiles);
        continue;
      }
      const pdf = await printDeck(browser, deckDir, deck, date);
      await writeFile(path.join(options.outDir, `${module.slug}.pdf`), pdf);
      deckFiles.push(`${module.slug}.pdf`);
      const pngs = new Map<string, Buffer>();
      for (const slide of deck.slides) {
        const svg = slide.diagram ? drawings.get(diagramKey(slide.diagram)) : undefined;
        const png = svg === undefined ? undefined : pngBySvg.get(svg);
        if (png) pngs.set(diagramKey(slide.diagram!), png);
      }
      await writeFile(path.join(options.outDir, `${module.slug}.pptx`), await deckPptx(deck, pngs, date));
      deckFiles.push(`${module.slug}.pptx`);
      files.push(...deckFiles);
      // A deck with a diagram it could not draw is made again next time, so its message is reported again rather than lost in a cache hit.
      if (!problem && cache && !failures.some((failure) => failure.slug === module.slug)) await cache.store(keys.get(module.slug)!, options.outDir, deckFiles);
    }
    return { files: files.sort(), problems };
  } finally {
    if (!options.browser) await browser.close();
  }
}

/**
 * The cache key of each module's deck: the module, its assets, the library,
 * which modules are built (a link to a built module is a link, to another
 * plain text) and the code and Chromium that make it.
 */
async function deckKeys(publication: Publication, modules: readonly PatternModule[], builtSlugs: ReadonlySet<string>, date: Date): Promise<Map<string, string>> {
  const code = cacheKey(await codeFingerprint(import.meta.url), await chromiumVersion());
  return new Map(
    modules.map((module) => [module.slug, cacheKey('slides', code, date.getTime(), module, assetsDigest(publication, module.slug), publication.library.references, [...builtSlugs].sort())]),
  );
}
