import { formatJsonReport, formatReport, hasErrors, type DiagnosticJson } from '@pattern-press/diagnostics';
import type { Emitter, Preview } from '@pattern-press/emitter';
import { isBuilt, toPublication, type Publication } from '@pattern-press/format';
import { diagramRenders, launchBrowser, type DiagramRenders } from '@pattern-press/render';
import { emitReport } from '@pattern-press/report';
import { watch } from 'chokidar';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { replaceDirectory } from '@pattern-press/output-files';
import { cacheDirFor, checkPaths } from './check.js';
import { emitters } from './registry.js';

export interface DevStatus {
  /** Rebuilds finished since start (a new number means new previews or new diagnostics). */
  generation: number;
  building: boolean;
  errors: number;
  warnings: number;
  /** The diagnostics as `press check --format json` prints them. */
  diagnostics: DiagnosticJson[];
  /** What the last rebuild made, or why it made nothing. */
  message: string;
  /** Per preview folder, the pieces the last rebuild made anew and reused from a store (the PDF's printed parts), where the preview counts them. */
  reuse: Record<string, { made: number; reused: number }>;
}

export interface DevEngineOptions {
  /** The collection folder (modules/). */
  root: string;
  /** Where previews are written (default: .press-cache/dev beside modules/, so dist/ keeps the full build). */
  outDir?: string | undefined;
  /** Terminal output: diagnostics, what each rebuild made and where its time went. */
  log: (text: string) => void;
  /** Diagnostic paths are shown relative to this folder. */
  cwd: string;
  /** The outputs whose previews are kept (default: the registry of `press build`). */
  registry?: readonly Emitter[] | undefined;
}

export interface DevEngine {
  /** The folder the previews are in. */
  outDir: string;
  /** The top folders of `outDir` the previews are written to (served beside the report and module JSON). */
  previewFolders: readonly string[];
  status(): DevStatus;
  /** Every module of the last good build, and whether it is built (has previews beyond its JSON). */
  modules(): { slug: string; built: boolean }[];
  /** Called after every rebuild; returns the function that stops the calls. */
  onStatus(listener: (status: DevStatus) => void): () => void;
  /** Watches the collection and makes the first build; resolves when it is done. */
  start(): Promise<void>;
  /** Resolves when no rebuild is running or queued. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** `.../modules/<slug>/...` → `<slug>`; catalog.yaml, library.yaml and anything else at the top → every module. */
export function changedSlug(root: string, file: string): string | undefined {
  const [first, ...rest] = path.relative(root, file).split(path.sep);
  return rest.length > 0 && first !== undefined && !first.startsWith('..') ? first : undefined;
}

/** The diagnostics of `files` as press check --format json lists them. */
function diagnosticsOf(files: VFile[], cwd: string): DiagnosticJson[] {
  return (JSON.parse(formatJsonReport(files, cwd)) as { diagnostics: DiagnosticJson[] }).diagnostics;
}

/**
 * Watches a collection, re-checks it on every change and rebuilds the
 * previews: canonical JSON and the report, then every preview the registry's
 * emitters declare (the handbook HTML and PDF, the API, and the SCORM player
 * and slides of changed built modules). A content error only shows as
 * diagnostics; the watcher keeps running.
 */
export function createDevEngine(options: DevEngineOptions): DevEngine {
  const root = path.resolve(options.root);
  const cacheDir = cacheDirFor(root);
  const outDir = path.resolve(options.outDir ?? path.join(cacheDir, 'dev'));
  const previews: Preview[] = (options.registry ?? emitters).flatMap((emitter) => emitter.previews ?? []);
  const listeners = new Set<(status: DevStatus) => void>();
  let browser: Browser | undefined;
  let current: DevStatus = { generation: 0, building: true, errors: 0, warnings: 0, diagnostics: [], message: 'first build', reuse: {} };
  let built = new Map<string, boolean>();
  const pendingSlugs = new Set<string>();
  let pendingAll = true;
  let running: Promise<void> | undefined;
  let closed = false;
  let watcher: ReturnType<typeof watch> | undefined;
  let timer: NodeJS.Timeout | undefined;

  /**
   * Moves what a preview wrote into `staging` to `<outDir>/<folder>`: the
   * whole folder on a full rebuild (so modules gone or no longer built
   * disappear), else each top-level entry on its own, other modules' previews
   * untouched; `stale` names entries of changed modules that are no longer built.
   */
  async function swapIn(folder: string, staging: string, whole: boolean, stale: readonly string[]): Promise<void> {
    const target = path.join(outDir, folder);
    const move = (from: string) => async (next: string) => {
      await rm(next, { recursive: true, force: true });
      await rename(from, next);
    };
    if (whole) {
      await replaceDirectory(target, move(staging));
      return;
    }
    await mkdir(target, { recursive: true });
    for (const entry of await readdir(staging, { withFileTypes: true })) {
      const from = path.join(staging, entry.name);
      if (entry.isDirectory()) await replaceDirectory(path.join(target, entry.name), move(from));
      else await rename(from, path.join(target, entry.name)); // a file: rename replaces it atomically
    }
    for (const name of stale) await rm(path.join(target, name), { recursive: true, force: true });
  }

  /** Where the last rebuild's time went, one entry per step: printed after it, for authors who wonder. */
  let times: string[] = [];

  async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      times.push(`${step} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }

  /** Makes a preview into a staging folder and swaps it in, unless it found content errors (timed). */
  async function makePreview(
    preview: Preview,
    publication: Publication,
    changed: ReadonlySet<string> | undefined,
    diagrams: DiagramRenders,
  ): Promise<{ slugs: string[]; problems: VFile[]; wrote: boolean; made?: number | undefined; reused?: number | undefined; steps?: string[] | undefined }> {
    return timed(preview.folder, async () => {
      const slugs = preview.whole ? undefined : changed;
      const builtSlugs = new Set(publication.modules.filter(isBuilt).map((module) => module.slug));
      const stale = [...(slugs ?? [])].filter((slug) => !builtSlugs.has(slug)).map((slug) => preview.entryOf(slug));
      if (builtSlugs.size > 0) browser ??= await launchBrowser();
      const staging = await mkdtemp(path.join(outDir, `.${preview.folder}-`));
      try {
        const { files, problems, made, reused, steps } =
          builtSlugs.size > 0
            ? await preview.emit(publication, { outDir: staging, cacheDir, browser: browser!, diagrams }, slugs)
            : { files: 0, problems: [] as VFile[], made: undefined, reused: undefined, steps: undefined };
        // A diagram another preview reported is missing from this one too: it keeps the last good build like that one.
        const drawn = [...builtSlugs].filter((slug) => !slugs || slugs.has(slug)).every((slug) => !diagrams.failed(slug));
        if (hasErrors(problems) || !drawn) return { slugs: [], problems, wrote: false };
        // With no built module left, the handbook page and the shared player files go too.
        await swapIn(preview.folder, staging, slugs === undefined || builtSlugs.size === 0, stale);
        return { slugs: [...builtSlugs].filter((slug) => !slugs || slugs.has(slug)), problems, wrote: files > 0, made, reused, steps };
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    });
  }

  async function rebuild(slugs: ReadonlySet<string> | undefined): Promise<void> {
    const started = performance.now();
    current = { ...current, building: true };
    times = [];
    try {
      const { files, collections, quality } = await checkPaths([root], options.cwd, {});
      times.push(`check ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const diagnostics = diagnosticsOf(files, options.cwd);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (files.some((file) => file.messages.length > 0)) options.log(formatReport(files, options.cwd));
      const collection = collections[0];
      if (hasErrors(files) || !collection) {
        const message = `${errors} error(s): previews keep the last good build`;
        current = { generation: current.generation + 1, building: false, errors, warnings, diagnostics, message, reuse: {} };
        options.log(`dev: ${message}\n`);
        return;
      }
      const publication = toPublication(collection);
      await replaceDirectory(path.join(outDir, 'modules'), async (staging) => {
        for (const module of publication.modules) await writeFile(path.join(staging, `${module.slug}.json`), `${JSON.stringify(module, null, 2)}\n`);
      });
      await replaceDirectory(path.join(outDir, 'report'), async (staging) => {
        await emitReport(publication.modules, quality[0] ?? [], { outDir: staging });
      });
      // The handbook PDF holds every module, so it is assembled on every rebuild (from stored parts).
      // Two lanes on the shared browser: what Chromium prints beside everything else (pandoc, the
      // API's and the player's HTML, the deck), so both cores work. Diagrams rendered by one lane are
      // found (in flight or cached) by the other.
      if (publication.modules.some(isBuilt)) browser ??= await launchBrowser();
      // One diagram service per rebuild: a diagram that cannot be drawn is shown once, not once per preview.
      const diagrams = diagramRenders(path.join(cacheDir, 'mermaid'));
      const lane = async (list: Preview[]) => {
        const made = new Map<Preview, Awaited<ReturnType<typeof makePreview>>>();
        for (const preview of list) made.set(preview, await makePreview(preview, publication, slugs, diagrams));
        return made;
      };
      const lanes = await Promise.all([lane(previews.filter((preview) => preview.prints)), lane(previews.filter((preview) => !preview.prints))]);
      const made = previews.map((preview) => ({ name: preview.folder, ...(lanes[0].get(preview) ?? lanes[1].get(preview))! }));
      const kept: string[] = [];
      for (const { name, problems } of made) {
        if (problems.length === 0) continue;
        // The emitters' own findings (a diagram that does not render, an asset missing): shown like the checks'.
        options.log(formatReport(problems, options.cwd));
        const found = diagnosticsOf(problems, options.cwd);
        diagnostics.push(...found);
        const failed = found.filter((d) => d.severity === 'error').length;
        if (failed > 0) kept.push(`${name} kept the last good build (${failed} error(s))`);
      }
      built = new Map(publication.modules.map((module) => [module.slug, isBuilt(module)]));
      // `handbook` alone: only the whole handbook was remade (the change was to a module that is not built).
      const names = [
        'modules',
        'report',
        ...made.filter((p) => p.wrote && (p.slugs.length > 0 || p.name === 'handbook')).map((p) => (p.slugs.length > 0 ? `${p.name} (${p.slugs.join(', ')})` : p.name)),
      ].join(', ');
      const previewErrors = diagnostics.filter((d) => d.severity === 'error').length - errors;
      const message = `rebuilt ${names} in ${((performance.now() - started) / 1000).toFixed(1)} s${kept.map((text) => `; ${text}`).join('')}`;
      const reuse = Object.fromEntries(made.filter((p) => p.made !== undefined).map((p) => [p.name, { made: p.made ?? 0, reused: p.reused ?? 0 }]));
      current = { generation: current.generation + 1, building: false, errors: errors + previewErrors, warnings: diagnostics.length - errors - previewErrors, diagnostics, message, reuse };
      options.log(`dev: ${message}\n`);
      // Before the time line, which tools (bench:edit) read as the rebuild's last.
      const counted = Object.entries(reuse).map(([name, { made: printed, reused }]) => `${name} ${printed} made, ${reused} reused`);
      if (counted.length > 0) options.log(`dev: parts: ${counted.join('; ')}\n`);
      const steps = made.filter((p) => (p.steps?.length ?? 0) > 0).map((p) => `${p.name}: ${p.steps!.join(', ')}`);
      if (steps.length > 0) options.log(`dev: inside: ${steps.join('; ')}\n`);
      options.log(`dev: time spent: ${times.join(', ')}\n`);
    } catch (error) {
      // Not content (content problems are diagnostics): report it and keep watching, the next edit retries.
      const message = `rebuild failed: ${(error as Error).message}`;
      current = { ...current, generation: current.generation + 1, building: false, message };
      options.log(`dev: ${message}\n`);
    } finally {
      for (const listener of listeners) listener(current);
    }
  }

  function schedule(): Promise<void> {
    if (running || closed) return running ?? Promise.resolve();
    running = (async () => {
      while (!closed && (pendingAll || pendingSlugs.size > 0)) {
        const slugs = pendingAll ? undefined : new Set(pendingSlugs);
        pendingAll = false;
        pendingSlugs.clear();
        await rebuild(slugs);
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    outDir,
    previewFolders: [...new Set(previews.map((preview) => preview.folder))],
    status: () => current,
    modules: () => [...built].map(([slug, isBuiltModule]) => ({ slug, built: isBuiltModule })),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      await mkdir(outDir, { recursive: true });
      const started = watch(root, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 } });
      watcher = started;
      started.on('all', (_event, file) => {
        const slug = changedSlug(root, file);
        if (slug === undefined) pendingAll = true;
        else pendingSlugs.add(slug);
        clearTimeout(timer);
        timer = setTimeout(() => void schedule(), 100);
      });
      started.on('error', (error) => options.log(`dev: watcher: ${(error as Error).message}\n`));
      await new Promise<void>((resolve) => started.once('ready', () => resolve()));
      await schedule();
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher?.close();
      await running;
      await browser?.close();
    },
  };
}

/** Lists the previews a dev folder holds (for tests and the index page). */
export async function previewFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)))
    .sort();
}
