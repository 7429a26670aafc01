import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { report } from '@pattern-press/diagnostics';
import { assetsDigest, isBuilt, type Publication } from '@pattern-press/format';
import { cacheKey, codeFingerprint, restoreEach, type OutputCache } from '@pattern-press/cache';
import { chromiumVersion, diagramProblem, highlightCss, launchBrowser, renderMermaid, type MermaidResult } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { deckModel, type Deck } from './deck.js';
import { diagramPngs } from './diagrams.js';
import { deckCss, deckHtml, diagramBox, svgSize, type DiagramAsset } from './html.js';
import { printDeck } from './pdf.js';
import { deckPptx } from './pptx.js';

export interface EmitSlidesOptions {
  /** Staging folder: `<slug>/index.html` (+ assets), `<slug>.pdf` and `<slug>.pptx` are written here. */
  outDir: string;
  /** Content-hash caches shared with the other outputs (Mermaid SVGs under mermaid/, our PNGs under slides-png/). */
  cacheDir: string;
  /** The build's shared Chromium; one is launched (and closed) when absent. */
  browser?: Browser;
  /** Finished decks by content hash: unchanged decks are copied from it, new ones stored in it. */
  outputCache?: OutputCache | undefined;
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

function moduleDiagrams(module: PatternModule) {
  return [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])];
}

async function writeDeckFolder(deck: Deck, deckDir: string, rendered: ReadonlyMap<string, MermaidResult>, module: PatternModule): Promise<string[]> {
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
  const sources = new Map(moduleDiagrams(module).map((diagram) => [diagram.id, diagram.source]));
  const assets = new Map<string, DiagramAsset>();
  for (const slide of deck.slides) {
    if (!slide.diagram) continue;
    const result = rendered.get(sources.get(slide.diagram.id) ?? slide.diagram.source);
    if (result?.svg === undefined) {
      assets.set(slide.diagram.id, { error: result?.error ?? 'not rendered' });
      continue;
    }
    const file = `diagrams/${slide.diagram.id}.svg`;
    if (!written.includes(file)) await write(file, result.svg);
    assets.set(slide.diagram.id, { file, ...diagramBox(svgSize(result.svg), slide.title) });
  }
  // Several slides may show one diagram under different titles: the size is per slide, the file is shared.
  await write('index.html', deckHtml(deck, { diagrams: assets }));
  return written;
}

function diagramProblems(module: PatternModule, root: string, rendered: ReadonlyMap<string, MermaidResult>): VFile | undefined {
  const file = new VFile({ path: path.join(root, module.slug, 'module.md') });
  const seen = new Set<string>();
  for (const diagram of moduleDiagrams(module)) {
    const error = rendered.get(diagram.source)?.error;
    if (error === undefined || seen.has(diagram.id)) continue;
    seen.add(diagram.id);
    const problem = diagramProblem(diagram, error);
    report(file, 'diagram-invalid', problem.reason, {
      place: problem.place ?? diagram.position,
      hint: 'the slide shows the diagram source instead; check it at mermaid.live or with `press check`',
    });
  }
  return file.messages.length > 0 ? file : undefined;
}

/**
 * Writes, for every built module, `<slug>/index.html` (a self-contained
 * reveal.js deck), `<slug>.pdf` (one slide per page, printed from that deck)
 * and `<slug>.pptx` (editable, with speaker notes) into `outDir`.
 */
export async function emitSlides(publication: Publication, options: EmitSlidesOptions): Promise<EmitSlidesResult> {
  const built = publication.modules.filter(isBuilt);
  const builtSlugs = new Set(built.map((module) => module.slug));
  const files: string[] = [];
  await mkdir(options.outDir, { recursive: true });
  const cache = options.outputCache;
  const keys = cache ? await deckKeys(publication, built, builtSlugs) : new Map<string, string>();
  const { restored, files: copied } = await restoreEach(cache, keys, options.outDir);
  files.push(...copied);
  const modules = built.filter((module) => !restored.has(module.slug));
  if (modules.length === 0) return { files: files.sort(), problems: [] };

  const decks = modules.map((module) => deckModel(module, { library: publication.library, builtSlugs }));
  const browser = options.browser ?? (await launchBrowser());
  try {
    const rendered = await renderMermaid(browser, modules.flatMap(moduleDiagrams).map((diagram) => diagram.source), { cacheDir: path.join(options.cacheDir, 'mermaid') });
    const svgs = [...rendered.values()].flatMap((result) => (result.svg === undefined ? [] : [result.svg]));
    const pngBySvg = await diagramPngs(browser, svgs, options.cacheDir);
    const problems: VFile[] = [];
    for (const [index, module] of modules.entries()) {
      const deck = decks[index]!;
      const deckDir = path.join(options.outDir, module.slug);
      const written = await writeDeckFolder(deck, deckDir, rendered, module);
      const deckFiles = written.map((file) => `${module.slug}/${file}`);
      const pdf = await printDeck(browser, deckDir);
      await writeFile(path.join(options.outDir, `${module.slug}.pdf`), pdf);
      deckFiles.push(`${module.slug}.pdf`);
      const pngs = new Map<string, Buffer>();
      for (const diagram of moduleDiagrams(module)) {
        const svg = rendered.get(diagram.source)?.svg;
        const png = svg === undefined ? undefined : pngBySvg.get(svg);
        if (png) pngs.set(diagram.id, png);
      }
      await writeFile(path.join(options.outDir, `${module.slug}.pptx`), await deckPptx(deck, pngs));
      deckFiles.push(`${module.slug}.pptx`);
      files.push(...deckFiles);
      const problem = diagramProblems(module, publication.root, rendered);
      if (problem) problems.push(problem);
      // A deck with diagnostics is made again next time, so its messages are reported again rather than lost in a cache hit.
      else if (cache) await cache.store(keys.get(module.slug)!, options.outDir, deckFiles);
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
async function deckKeys(publication: Publication, modules: readonly PatternModule[], builtSlugs: ReadonlySet<string>): Promise<Map<string, string>> {
  const code = cacheKey(await codeFingerprint(import.meta.url), await chromiumVersion());
  return new Map(modules.map((module) => [module.slug, cacheKey('slides', code, module, assetsDigest(publication, module.slug), publication.library.references, [...builtSlugs].sort())]));
}
