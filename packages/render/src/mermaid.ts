import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { fileUrl, openIsolatedPage } from './browser.js';

const require = createRequire(import.meta.url);

/** The browser bundle of mermaid from node_modules: rendering needs no network. */
export function mermaidScriptPath(): string {
  return require.resolve('mermaid/dist/mermaid.min.js');
}

/** Output tasks run in parallel and share the cache: write beside, then rename, so nobody reads half a file. */
export async function writeCacheFile(file: string, content: string | Uint8Array): Promise<void> {
  // Unique per write: two writers of one key in the same process must not share (and rename away) a temporary file.
  const temporary = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

export function diagramHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/**
 * Settings every output shares: SVG text as real <text> (htmlLabels false) so
 * PDFs carry selectable, searchable labels; strict security for untrusted content;
 * ids derived from the render's own id (`deterministicIds`, seeded per diagram).
 */
export const mermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'neutral',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  fontFamily: 'DejaVu Sans, sans-serif',
  gantt: { useWidth: 1200 },
  deterministicIds: true,
} as const;

/**
 * The instant `Date` shows inside the rendering page (2000-01-01T00:00:00Z):
 * Mermaid reads the clock for a gantt's today line, and a diagram must not
 * change with the day it is rendered. A today line lands off any real chart.
 */
export const mermaidClock = Date.UTC(2000, 0, 1);

/**
 * How long one diagram may take to parse and render before it is stopped and
 * reported: a guard against a diagram that never finishes, not a pace to
 * keep. `press check` limits diagram size (the largest allowed takes about
 * 4 s on an idle 2-core machine, 29 s at load 15), so this only ever stops
 * what would hang the build.
 */
export const defaultDiagramTimeoutMs = 300_000;

/** Bumped whenever the renderer's output changes for the same source (the SVG id carries it, so stale cache entries are re-rendered). */
const rendererVersion = 'press-mermaid-3';

let mermaidVersion: string | undefined;
function installedMermaid(): string {
  mermaidVersion ??= (require('mermaid/package.json') as { version: string }).version;
  return mermaidVersion;
}

/**
 * The SVG id of a diagram: from its source and the renderer alone (never its
 * position in a batch), so the same source gives the same bytes in every build
 * and two different diagrams on one page never share ids.
 */
export function mermaidSvgId(source: string): string {
  return `mermaid-${createHash('sha256').update(`${rendererVersion}\n${installedMermaid()}\n${source}`).digest('hex').slice(0, 16)}`;
}

export interface MermaidResult {
  /** The SVG, when the diagram rendered. */
  svg?: string;
  /** Mermaid's own error message, whole (with the offending line, the caret and what was expected), when it did not. */
  error?: string;
  /** The error came from the renderer (over the time budget, a crashed page), not from the source: it may not recur, so it is not cached. */
  transient?: boolean;
}

export interface RenderMermaidOptions {
  /** Folder of cached renders, `<sha256>.svg`: a diagram is rendered once, ever, for the same source. */
  cacheDir?: string | undefined;
  /** Only parse, do not render (for checks). */
  parseOnly?: boolean;
  /** Time budget of one diagram (default {@link defaultDiagramTimeoutMs}); a diagram over it is stopped and gets an error. */
  timeoutMs?: number;
}

export interface MermaidRenderStats {
  rendered: number;
  cached: number;
}

/**
 * Renders in progress in this process, by cache folder and source: formats
 * built at the same time ask for the same diagrams, and on a cold cache each
 * would otherwise render them all again.
 */
const inFlight = new Map<string, Promise<MermaidResult>>();

/**
 * The cached SVG of `source` in `cacheDir`, when this renderer made it (an
 * older renderer's file is not reused): lets an output that finds every
 * diagram cached skip starting a browser.
 */
export async function readCachedSvg(cacheDir: string, source: string): Promise<string | undefined> {
  const cached = await readFile(path.join(cacheDir, `${diagramHash(source)}.svg`), 'utf8').catch(() => undefined);
  return cached !== undefined && isCurrentRender(cached, source) ? cached : undefined;
}

/** A cached render made by this renderer: it carries the id this renderer gives the source. */
function isCurrentRender(svg: string, source: string): boolean {
  return svg.startsWith(`<svg id="${mermaidSvgId(source)}"`);
}

/**
 * Renders each unique Mermaid source once, reusing cached SVGs by source hash
 * and renders another caller has in progress. Returns a result for every
 * source given; a diagram that fails, or takes longer than its time budget,
 * gets an `error`, never an exception.
 *
 * The SVG of a source does not depend on anything else: not on the batch it
 * came in, nor the order, nor the clock. Each diagram gets a fresh Mermaid
 * (its module counters start again), `Math.random` seeded from the source's
 * hash, `Date` fixed at {@link mermaidClock}, and an id from {@link mermaidSvgId}.
 */
export async function renderMermaid(
  browser: Browser,
  sources: readonly string[],
  options: RenderMermaidOptions = {},
  stats: MermaidRenderStats = { rendered: 0, cached: 0 },
): Promise<Map<string, MermaidResult>> {
  const results = new Map<string, MermaidResult>();
  const pending: string[] = [];
  const awaited: [string, Promise<MermaidResult>][] = [];
  const flightKey = (source: string) => `${options.parseOnly ? 'parse' : 'render'}\0${options.cacheDir ?? ''}\0${diagramHash(source)}`;
  for (const source of new Set(sources)) {
    const running = inFlight.get(flightKey(source));
    if (running) {
      awaited.push([source, running]);
      continue;
    }
    const cached = options.cacheDir && !options.parseOnly ? await readCachedSvg(options.cacheDir, source) : undefined;
    if (cached !== undefined) {
      results.set(source, { svg: cached });
      stats.cached++;
    } else {
      pending.push(source);
    }
  }
  const settle = new Map<string, (result: MermaidResult) => void>();
  for (const source of pending) {
    const key = flightKey(source);
    if (inFlight.has(key)) {
      // Another caller started it while this one read the cache.
      awaited.push([source, inFlight.get(key)!]);
      continue;
    }
    inFlight.set(key, new Promise((resolve) => settle.set(source, resolve)));
  }
  const mine = pending.filter((source) => settle.has(source));
  try {
    if (mine.length > 0) await renderBatch(browser, mine, options, stats, results);
  } finally {
    for (const source of mine) {
      settle.get(source)!(results.get(source) ?? { error: 'not rendered: the batch failed' });
      inFlight.delete(flightKey(source));
    }
  }
  for (const [source, running] of awaited) results.set(source, await running);
  return results;
}

let pageHtml: Promise<string> | undefined;

/**
 * The rendering page: mermaid's bundle as inert text, executed afresh for
 * every diagram. (`</script` cannot occur in the bundle's code except in a
 * string, regex or comment, where `<\/script` means the same.)
 */
function renderingPageHtml(): Promise<string> {
  pageHtml ??= readFile(mermaidScriptPath(), 'utf8').then(
    (bundle) =>
      `<!doctype html><html><head><meta charset="utf-8"><script id="mermaid-bundle" type="text/plain">${wholeWordBundle(bundle).replace(/<\/script/gi, '<\\/script')}</script></head><body><div id="host"></div></body></html>`,
  );
  return pageHtml;
}

/**
 * Mermaid's SVG labels wrap at a fixed width (200 px for an edge label, no
 * setting reaches it) and cut a word wider than that between two letters:
 * "slowCallDurationThresho / ld". The bundle is changed so that such a word
 * keeps a line of its own, whole (the label's box is measured after, so the
 * layout makes room for it). The line changed is splitLineToFitWidth's "a
 * word alone does not fit" branch; a Mermaid whose bundle lacks it fails here,
 * before any diagram is drawn with broken words.
 */
function wholeWordBundle(bundle: string): string {
  // Minified: `else if(word.content){let[head,rest]=splitWordToFitWidth(fits,word);lines.push([head]),rest.content&&words.unshift(rest)}`.
  const split = /else if\((\w+)\.content\)\{let\[(\w+),(\w+)\]=\w+\(\w+,\1\);(\w+)\.push\(\[\2\]\),\3\.content&&\w+\.unshift\(\3\)\}/g;
  const found = bundle.match(split)?.length ?? 0;
  if (found !== 1) throw new Error(`mermaid ${installedMermaid()}: its label wrapping changed (found ${found} word-splitting branches, expected 1); update wholeWordBundle`);
  return bundle.replace(split, (_, word: string, _head: string, _rest: string, lines: string) => `else if(${word}.content){${lines}.push([${word}])}`);
}

interface PageResult {
  svg?: string;
  error?: string;
}

/**
 * Runs in the page, once per diagram: seeds `Math.random`, fixes `Date`,
 * executes a fresh copy of Mermaid, then parses (and renders) one source.
 * Self-contained: puppeteer sends its text to the page.
 */
async function renderInPage(source: string, id: string, seed: number, clock: number, config: Record<string, unknown>, parseOnly: boolean): Promise<PageResult> {
  const page = globalThis as unknown as { __pressDate?: DateConstructor; mermaid?: unknown; Date: DateConstructor };
  // mulberry32: small, fast, and the same sequence for the same seed.
  let state = seed >>> 0;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const RealDate = (page.__pressDate ??= Date);
  page.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [clock] : args, newTarget) as object,
    apply: () => new RealDate(clock).toString(),
    get: (target, property, receiver) => (property === 'now' ? () => clock : Reflect.get(target, property, receiver)),
  });
  // A fresh Mermaid: its modules keep counters (sequence actors, edge ids) from one render to the next.
  const bundle = document.getElementById('mermaid-bundle')!.textContent ?? '';
  const script = document.createElement('script');
  script.textContent = bundle;
  document.head.append(script);
  script.remove();
  const mermaid = page.mermaid as { initialize(c: object): void; parse(s: string): Promise<unknown>; render(id: string, s: string, host?: Element): Promise<{ svg: string }> };
  const host = document.getElementById('host')!;
  host.replaceChildren();
  try {
    mermaid.initialize({ ...config, deterministicIDSeed: id });
    await mermaid.parse(source);
    if (parseOnly) return {};
    const { svg } = await mermaid.render(id, source, host);
    return { svg };
  } catch (error) {
    return { error: String((error as Error)?.message ?? error).replace(/\s+$/, '') || 'Mermaid failed without a message' };
  } finally {
    host.replaceChildren();
    document.querySelectorAll(`#d${id}, #i${id}`).forEach((leftover) => leftover.remove());
  }
}

/**
 * Diagrams one page renders before it is replaced: every fresh copy of Mermaid
 * stays reachable from the page (about 1.3 MB each), so a long batch would
 * otherwise grow without bound.
 */
const diagramsPerPage = 40;

/** A 32-bit seed from the diagram's source hash. */
function seedOf(source: string): number {
  return Number.parseInt(diagramHash(source).slice(0, 8), 16);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

async function renderBatch(browser: Browser, pending: string[], options: RenderMermaidOptions, stats: MermaidRenderStats, results: Map<string, MermaidResult>): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'press-mermaid-'));
  const timeoutMs = options.timeoutMs ?? defaultDiagramTimeoutMs;
  const parseOnly = options.parseOnly ?? false;
  let page: Page | undefined;
  const openPage = async (): Promise<Page> => {
    const opened = await openIsolatedPage(browser, { allowedRoots: [work] });
    await opened.goto(fileUrl(path.join(work, 'index.html')), { waitUntil: 'load' });
    return opened;
  };
  /**
   * Closes a page that is stuck in a render (Chromium stops its script); the next
   * diagram gets a new page. Not waited for beyond a few seconds.
   */
  const dropPage = async (stuck: Page): Promise<void> => {
    page = undefined;
    await Promise.race([stuck.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  };
  try {
    await writeFile(path.join(work, 'index.html'), await renderingPageHtml());
    if (options.cacheDir && !parseOnly) await mkdir(options.cacheDir, { recursive: true });
    let onPage = 0;
    for (const source of pending) {
      if (page && onPage >= diagramsPerPage) await dropPage(page);
      if (!page) {
        page = await openPage();
        onPage = 0;
      }
      onPage++;
      const current = page;
      const rendering = current.evaluate(renderInPage, source, mermaidSvgId(source), seedOf(source), mermaidClock, mermaidConfig as unknown as Record<string, unknown>, parseOnly);
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      let result: MermaidResult;
      try {
        const outcome = await Promise.race([rendering, expired]);
        if (outcome === 'timeout') {
          rendering.catch(() => undefined);
          await dropPage(current);
          result = {
            error: `${parseOnly ? 'parsing' : 'rendering'} took longer than ${seconds(timeoutMs)} and was stopped: the diagram is too large or too tangled to draw; split it`,
            transient: true,
          };
        } else {
          result = outcome;
        }
      } catch (error) {
        // The page crashed or the browser lost it: this diagram fails, the next gets a new page.
        await dropPage(current);
        result = { error: `the renderer failed: ${String((error as Error)?.message ?? error).split('\n')[0]}`, transient: true };
      } finally {
        clearTimeout(timer);
      }
      results.set(source, result);
      if (result.svg !== undefined) {
        stats.rendered++;
        if (options.cacheDir && !parseOnly) await writeCacheFile(path.join(options.cacheDir, `${diagramHash(source)}.svg`), result.svg);
      }
    }
  } finally {
    if (page) await page.close().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}
