import { formatJsonReport, formatReport, hasErrors, type DiagnosticJson } from '@pattern-press/diagnostics';
import { isBuilt, toPublication, type Publication } from '@pattern-press/format';
import { emitApi, serve } from '@pattern-press/api';
import { emitHandbookHtml, emitPdf } from '@pattern-press/pdf';
import { escapeHtml, launchBrowser } from '@pattern-press/render';
import { emitReport } from '@pattern-press/report';
import { emitScormPreview } from '@pattern-press/scorm';
import { emitSlides } from '@pattern-press/slides';
import { watch } from 'chokidar';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { replaceDirectory } from '@pattern-press/output-files';
import { exitCodes, type CommandContext } from './commands.js';
import { cacheDirFor, checkPaths, findCollectionRoot, UsageError } from './targets.js';

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
}

export interface DevOptions {
  /** The collection folder (modules/). */
  root: string;
  /** Where previews are written (default: .press-cache/dev beside modules/, so dist/ keeps the full build). */
  outDir?: string;
  host?: string | undefined;
  port?: number | undefined;
  /** Terminal output. */
  log: (text: string) => void;
  /** Diagnostic paths are shown relative to this folder. */
  cwd: string;
}

export interface DevServer {
  url: string;
  status(): DevStatus;
  /** Resolves when no rebuild is running or queued. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** `.../modules/<slug>/...` → `<slug>`; catalog.yaml, library.yaml and anything else at the top → every module. */
export function changedSlug(root: string, file: string): string | undefined {
  const [first, ...rest] = path.relative(root, file).split(path.sep);
  return rest.length > 0 && first !== undefined && !first.startsWith('..') ? first : undefined;
}

/** The page script: reload on a new build, an overlay listing diagnostics while there are errors. */
export const clientScript = `(() => {
  const show = (status) => {
    let box = document.getElementById('press-dev-overlay');
    const errors = status.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) { box?.remove(); return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'press-dev-overlay';
      box.setAttribute('style', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 monospace;padding:2em;white-space:pre-wrap');
      document.body.append(box);
    }
    box.textContent = 'press dev: ' + errors.length + ' error(s); the preview shows the last good build\\n\\n' +
      errors.map((d) => d.file + ':' + d.line + ':' + d.column + ' ' + d.ruleId + ': ' + d.message).join('\\n');
  };
  let seen;
  const events = new EventSource('/__press/events');
  events.addEventListener('status', (event) => {
    const status = JSON.parse(event.data);
    if (seen !== undefined && status.generation !== seen && status.errors === 0) { location.reload(); return; }
    seen = status.generation;
    show(status);
  });
})();
`;

/** The HTML with the dev client script added (before </body>, or at the end). */
export function withClientScript(html: string): string {
  const tag = '<script src="/__press/client.js"></script>';
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}

function indexPage(slugs: { slug: string; built: boolean }[], status: DevStatus): string {
  const rows = slugs
    .map(
      ({ slug, built }) =>
        `<li>${slug}: <a href="/modules/${slug}.json">canonical JSON</a>${
          built
            ? `, <a href="/handbook/${slug}.html">chapter as HTML</a>, <a href="/pdf/${slug}.pdf">PDF</a>, <a href="/slides/${slug}/index.html">slides</a>, <a href="/scorm/${slug}/index.html">SCORM player</a>, <a href="/api/v1/modules/${slug}.json">API</a>`
            : ''
        }</li>`,
    )
    .join('');
  const handbook = slugs.some(({ built }) => built) ? ' · <a href="/pdf/handbook.pdf">Handbook PDF (every built module)</a> · <a href="/api/v1/index.json">API</a>' : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>press dev</title></head><body><h1>press dev</h1><p>${escapeHtml(status.message)}</p><p><a href="/report/index.html">Report</a>${handbook}</p><ul>${rows}</ul></body></html>`;
}

/**
 * Watches a collection, re-checks it on every change and rebuilds the
 * previews (canonical JSON, the report, the handbook HTML and PDF, the API,
 * and the PDF, handbook chapter, SCORM player and slides of changed built
 * modules), serving them
 * with live reload. A content error only shows as
 * diagnostics; the watcher and the server keep running.
 */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const root = path.resolve(options.root);
  const cacheDir = cacheDirFor(root);
  const outDir = path.resolve(options.outDir ?? path.join(cacheDir, 'dev'));
  await mkdir(outDir, { recursive: true });
  const clients = new Set<http.ServerResponse>();
  let browser: Browser | undefined;
  let current: DevStatus = { generation: 0, building: true, errors: 0, warnings: 0, diagnostics: [], message: 'first build' };
  let built = new Map<string, boolean>();
  const pendingSlugs = new Set<string>();
  let pendingAll = true;
  let running: Promise<void> | undefined;
  let closed = false;

  const broadcast = () => {
    const data = `event: status\ndata: ${JSON.stringify(current)}\n\n`;
    for (const client of clients) client.write(data);
  };

  async function slidesFor(publication: Publication, slugs: ReadonlySet<string> | undefined): Promise<{ slugs: string[]; problems: VFile[] }> {
    const modules = publication.modules.filter((module) => isBuilt(module) && (!slugs || slugs.has(module.slug)));
    if (modules.length === 0) return { slugs: [], problems: [] };
    browser ??= await launchBrowser();
    const staging = await mkdtemp(path.join(outDir, '.slides-'));
    try {
      const { problems } = await emitSlides({ ...publication, modules }, { outDir: staging, cacheDir, browser });
      if (hasErrors(problems)) return { slugs: [], problems };
      await mkdir(path.join(outDir, 'slides'), { recursive: true });
      for (const module of modules) {
        await replaceDirectory(path.join(outDir, 'slides', module.slug), async (target) => {
          await rm(target, { recursive: true, force: true });
          await rename(path.join(staging, module.slug), target);
        });
      }
      return { slugs: modules.map((module) => module.slug), problems };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /**
   * Moves what an emitter wrote into `staging` to `<outDir>/<folder>`: the
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

  /** Runs a preview emitter into a staging folder and swaps its output in, unless it found content errors. */
  /** Runs a preview emitter into a staging folder and swaps its output in, unless it found content errors (timed). */
  const preview = (...args: Parameters<typeof previewInto>) => timed(args[0], () => previewInto(...args));

  async function previewInto(
    folder: string,
    publication: Publication,
    slugs: ReadonlySet<string> | undefined,
    emit: (outDir: string, browser: Browser) => Promise<{ files: string[]; problems: VFile[] }>,
    staleName: (slug: string) => string,
  ): Promise<{ slugs: string[]; problems: VFile[]; wrote: boolean }> {
    const builtSlugs = new Set(publication.modules.filter(isBuilt).map((module) => module.slug));
    const stale = [...(slugs ?? [])].filter((slug) => !builtSlugs.has(slug)).map(staleName);
    if (builtSlugs.size > 0) browser ??= await launchBrowser();
    const staging = await mkdtemp(path.join(outDir, `.${folder}-`));
    try {
      const { files, problems } = builtSlugs.size > 0 ? await emit(staging, browser!) : { files: [], problems: [] };
      if (hasErrors(problems)) return { slugs: [], problems, wrote: false };
      // With no built module left, the handbook page and the shared player files go too.
      await swapIn(folder, staging, slugs === undefined || builtSlugs.size === 0, stale);
      return { slugs: [...builtSlugs].filter((slug) => !slugs || slugs.has(slug)), problems, wrote: files.length > 0 };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
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

  async function rebuild(slugs: ReadonlySet<string> | undefined): Promise<void> {
    const started = performance.now();
    current = { ...current, building: true };
    times = [];
    try {
      const { files, collections, quality } = await checkPaths([root], options.cwd, {});
      times.push(`check ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const diagnostics = (JSON.parse(formatJsonReport(files, options.cwd)) as { diagnostics: DiagnosticJson[] }).diagnostics;
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (files.some((file) => file.messages.length > 0)) options.log(formatReport(files, options.cwd));
      const collection = collections[0];
      if (hasErrors(files) || !collection) {
        const message = `${errors} error(s): previews keep the last good build`;
        current = { generation: current.generation + 1, building: false, errors, warnings, diagnostics, message };
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
      // Two lanes on the shared browser: the PDFs (Chromium prints) beside everything else (pandoc, the
      // API's and the player's HTML, the deck), so both cores work. Diagrams rendered by one lane are
      // found (in flight or cached) by the other.
      if (publication.modules.some(isBuilt)) browser ??= await launchBrowser();
      const [pdf, [handbook, api, scorm, slides]] = await Promise.all([
        // The module's own PDF and the handbook, from the part store: the edited module's chapter and the
        // front matter are printed, every other part is reused. No e-books: nobody previews them.
        preview('pdf', publication, slugs, (staging, shared) => emitPdf(publication, { outDir: staging, cacheDir, browser: shared, moduleDocuments: slugs, ebooks: false }), (slug) => `${slug}.pdf`),
        (async () =>
          [
            await preview('handbook', publication, slugs, (staging, shared) => emitHandbookHtml(publication, { outDir: staging, cacheDir, browser: shared, modules: slugs, handbook: false }), (slug) => `${slug}.html`),
            await preview('api', publication, undefined, (staging, shared) => emitApi(publication, { outDir: staging, cacheDir, browser: shared }), (slug) => slug),
            await preview('scorm', publication, slugs, (staging, shared) => emitScormPreview(publication, { outDir: staging, cacheDir, browser: shared, modules: slugs }), (slug) => slug),
            { wrote: true, ...(await timed('slides', () => slidesFor(publication, slugs))) },
          ] as const)(),
      ]);
      const previews = [
        { name: 'handbook', ...handbook },
        { name: 'pdf', ...pdf },
        { name: 'api', ...api },
        { name: 'scorm', ...scorm },
        { name: 'slides', ...slides },
      ];
      const kept: string[] = [];
      for (const { name, problems } of previews) {
        if (problems.length === 0) continue;
        // The emitters' own findings (a diagram that does not render, an asset missing): shown like the checks'.
        options.log(formatReport(problems, options.cwd));
        const found = (JSON.parse(formatJsonReport(problems, options.cwd)) as { diagnostics: DiagnosticJson[] }).diagnostics;
        diagnostics.push(...found);
        const failed = found.filter((d) => d.severity === 'error').length;
        if (failed > 0) kept.push(`${name} kept the last good build (${failed} error(s))`);
      }
      built = new Map(publication.modules.map((module) => [module.slug, isBuilt(module)]));
      // `handbook` alone: only the whole handbook was remade (the change was to a module that is not built).
      const made = ['modules', 'report', ...previews.filter((p) => p.wrote && (p.slugs.length > 0 || p.name === 'handbook')).map((p) => (p.slugs.length > 0 ? `${p.name} (${p.slugs.join(', ')})` : p.name))].join(', ');
      const previewErrors = diagnostics.filter((d) => d.severity === 'error').length - errors;
      const message = `rebuilt ${made} in ${((performance.now() - started) / 1000).toFixed(1)} s${kept.map((text) => `; ${text}`).join('')}`;
      current = { generation: current.generation + 1, building: false, errors: errors + previewErrors, warnings: diagnostics.length - errors - previewErrors, diagnostics, message };
      options.log(`dev: ${message}\n`);
      options.log(`dev: time spent: ${times.join(', ')}\n`);
    } catch (error) {
      // Not content (content problems are diagnostics): report it and keep watching, the next edit retries.
      const message = `rebuild failed: ${(error as Error).message}`;
      current = { ...current, generation: current.generation + 1, building: false, message };
      options.log(`dev: ${message}\n`);
    } finally {
      broadcast();
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

  // press serve's server (one path guard, one media-type table), with dev's own answers and live reload.
  const noStore = (response: http.ServerResponse, type: string) => response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  const server = await serve({
    root: outDir,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    live: {
      folders: ['handbook', 'api'],
      html: withClientScript,
      routes: {
        '/__press/events': (request, response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          response.write(`event: status\ndata: ${JSON.stringify(current)}\n\n`);
          clients.add(response);
          request.on('close', () => clients.delete(response));
        },
        '/__press/status': (_request, response) => {
          noStore(response, 'application/json; charset=utf-8');
          response.end(JSON.stringify(current));
        },
        '/__press/client.js': (_request, response) => {
          noStore(response, 'text/javascript; charset=utf-8');
          response.end(clientScript);
        },
        '/': (_request, response) => {
          noStore(response, 'text/html; charset=utf-8');
          response.end(withClientScript(indexPage([...built].map(([slug, isBuiltModule]) => ({ slug, built: isBuiltModule })), current)));
        },
      },
    },
  });
  const url = server.url;

  const watcher = watch(root, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 } });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    const slug = changedSlug(root, file);
    if (slug === undefined) pendingAll = true;
    else pendingSlugs.add(slug);
    clearTimeout(timer);
    timer = setTimeout(() => void schedule(), 100);
  });
  watcher.on('error', (error) => options.log(`dev: watcher: ${(error as Error).message}\n`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  await schedule();

  return {
    url,
    status: () => current,
    idle: async () => {
      while (running) await running;
    },
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
      await running;
      for (const client of clients) client.end();
      await server.close();
      await browser?.close();
    },
  };
}

/** Lists the previews a dev folder holds (for tests and the index page). */
export async function previewFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name))).sort();
}

/** `press dev`: previews with live reload until interrupted. */
export async function runDev(options: { port?: string | undefined; host?: string | undefined }, ctx: CommandContext): Promise<number> {
  const root = await findCollectionRoot(ctx.cwd);
  if (!root) throw new UsageError(`no modules/catalog.yaml found from ${ctx.cwd}`);
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be a port number, not ${options.port}`);
  const dev = await startDev({ root, port, host: options.host, cwd: ctx.cwd, log: ctx.stderr });
  ctx.stdout(`press dev: watching ${path.relative(ctx.cwd, root) || '.'}, previews at ${dev.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await dev.close();
  return exitCodes.ok;
}
