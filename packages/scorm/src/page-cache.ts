import { cacheKey, cachedTextWithLookups, codeFingerprint, LookupRecorder, megabytesFromEnv, openFileCache, pruneFileCache, type FileCache } from '@pattern-press/cache';
import type { PatternModule } from '@pattern-press/schema';
import path from 'node:path';
import { toPlayerHtml, type PlayerHtmlOptions } from './player-html.js';

/** The folder of rendered pages inside a cache folder, shared with the API's module HTML. */
export const htmlCacheFolder = 'html';

/**
 * Each module's player page (`<slug>/index.html`) by content hash, so a
 * course package (which holds every module) made after one module was
 * edited renders only that module's page. The key is the module document,
 * the SCORM version, the library (citations), the module's asset paths and
 * the code (`codeFingerprint`); the diagrams a page shows are recorded while
 * it renders, and a stored page is used only while each of them still has
 * the same SVG.
 */
export interface PlayerHtmlCache {
  readonly stats: { rendered: number; reused: number };
  prune(): Promise<void>;
  /** @internal */
  readonly files: FileCache | undefined;
  /** @internal */
  readonly code: string;
  /** @internal One recorder per module: its pages in both versions share rendered Markdown, so they share what it looked up. */
  readonly recorders: Map<string, LookupRecorder>;
}

/** The page cache in `<cacheDir>/html`; without a cache folder every page is rendered. `reuse: false` (press build --fresh) renders and stores. */
export async function openPlayerHtmlCache(cacheDir: string | undefined, options: { reuse?: boolean } = {}): Promise<PlayerHtmlCache> {
  const dir = cacheDir === undefined ? undefined : path.join(cacheDir, htmlCacheFolder);
  const files = dir === undefined ? undefined : openFileCache(dir, { extension: '.json', reuse: options.reuse ?? true });
  return {
    stats: { rendered: 0, reused: 0 },
    files,
    code: files ? await codeFingerprint(import.meta.url) : '',
    recorders: new Map(),
    async prune() {
      if (dir !== undefined && files!.stats.stored > 0) {
        await pruneFileCache(dir, { maxBytes: megabytesFromEnv('PRESS_HTML_CACHE_MB', 256), maxAgeMs: 30 * 24 * 3600 * 1000 }).catch(() => undefined);
      }
    },
  };
}

/** `toPlayerHtml(module, options)`, from the page cache when it holds this page. `assetUrls` is what `options.assetUrl` answers. */
export async function playerHtml(cache: PlayerHtmlCache, module: PatternModule, options: PlayerHtmlOptions, assetUrls: ReadonlyMap<string, string>): Promise<string> {
  const lookup = (source: string) => options.diagrams.get(source);
  let recorder = cache.recorders.get(module.slug);
  if (!recorder) cache.recorders.set(module.slug, (recorder = new LookupRecorder(lookup)));
  const titles = (options.glossary ?? []).map((entry) => options.moduleTitle?.(entry.module) ?? null);
  const key = cacheKey('scorm-player-page', cache.code, module, options.version, options.playerBase, options.library ?? null, assetUrls, options.glossary ?? null, titles);
  const { text, made } = await cachedTextWithLookups(cache.files, key, recorder, lookup, () => toPlayerHtml(module, { ...options, diagrams: recorder.asMap() }));
  if (made) cache.stats.rendered++;
  else cache.stats.reused++;
  return text;
}
