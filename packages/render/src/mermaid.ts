import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { fileUrl, openIsolatedPage } from './browser.js';

const require = createRequire(import.meta.url);

/** The browser bundle of mermaid from node_modules: rendering needs no network. */
export function mermaidScriptPath(): string {
  return require.resolve('mermaid/dist/mermaid.min.js');
}

/** Output tasks run in parallel and share the cache: write beside, then rename, so nobody reads half a file. */
export async function writeCacheFile(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

export function diagramHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/**
 * Settings every output shares: SVG text as real <text> (htmlLabels false) so
 * PDFs carry selectable, searchable labels; strict security for untrusted content.
 */
export const mermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'neutral',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  fontFamily: 'DejaVu Sans, sans-serif',
  gantt: { useWidth: 1200 },
} as const;

export interface MermaidResult {
  /** The SVG, when the diagram rendered. */
  svg?: string;
  /** Mermaid's own error message, when it did not. */
  error?: string;
}

export interface RenderMermaidOptions {
  /** Folder of cached renders, `<sha256>.svg`: a diagram is rendered once, ever, for the same source. */
  cacheDir?: string | undefined;
  /** Only parse, do not render (for checks). */
  parseOnly?: boolean;
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
 * Renders each unique Mermaid source once in one page of `browser`, reusing
 * cached SVGs by source hash and renders another caller has in progress.
 * Returns a result for every source given.
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
    const cached = options.cacheDir && !options.parseOnly ? await readFile(path.join(options.cacheDir, `${diagramHash(source)}.svg`), 'utf8').catch(() => undefined) : undefined;
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

async function renderBatch(browser: Browser, pending: string[], options: RenderMermaidOptions, stats: MermaidRenderStats, results: Map<string, MermaidResult>): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'press-mermaid-'));
  try {
    const script = mermaidScriptPath();
    await writeFile(path.join(work, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><script src="${fileUrl(script)}"></script></head><body><div id="host"></div></body></html>`);
    const page = await openIsolatedPage(browser, { allowedRoots: [work, path.dirname(script)] });
    try {
      await page.goto(fileUrl(path.join(work, 'index.html')), { waitUntil: 'load' });
      const rendered = await page.evaluate(
        async (list: string[], config: Record<string, unknown>, parseOnly: boolean) => {
          const mermaid = (globalThis as unknown as { mermaid: { initialize(c: object): void; parse(s: string): Promise<unknown>; render(id: string, s: string, host?: Element): Promise<{ svg: string }> } }).mermaid;
          mermaid.initialize(config);
          const out: { svg?: string; error?: string }[] = [];
          let index = 0;
          for (const source of list) {
            try {
              await mermaid.parse(source);
              if (parseOnly) {
                out.push({});
              } else {
                const { svg } = await mermaid.render(`press-diagram-${index++}`, source, document.getElementById('host')!);
                out.push({ svg });
              }
            } catch (error) {
              out.push({ error: String((error as Error)?.message ?? error).split('\n').slice(0, 4).join('\n') });
            }
          }
          return out;
        },
        pending,
        mermaidConfig as unknown as Record<string, unknown>,
        options.parseOnly ?? false,
      );
      if (options.cacheDir && !options.parseOnly) await mkdir(options.cacheDir, { recursive: true });
      for (const [index, source] of pending.entries()) {
        const result = rendered[index]!;
        results.set(source, result);
        if (result.svg !== undefined) {
          stats.rendered++;
          if (options.cacheDir && !options.parseOnly) await writeCacheFile(path.join(options.cacheDir, `${diagramHash(source)}.svg`), result.svg);
        }
      }
    } finally {
      await page.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
