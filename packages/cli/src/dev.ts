import { escapeHtml } from '@pattern-press/render';
import { findCollectionRoot, UsageError } from '@pattern-press/engine';
import { createDevEngine, type DevEngine, type DevStatus } from '@pattern-press/engine/dev';
import { serve } from '@pattern-press/api';
import type http from 'node:http';
import path from 'node:path';
import { exitCodes, type CommandContext } from './commands.js';

export type { DevStatus };

export interface DevOptions {
  /** The collection folder (modules/). */
  root: string;
  /** Where previews are written (default: .press-cache/dev beside modules/, so dist/ keeps the full build). */
  outDir?: string | undefined;
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

interface DevHttp {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the engine's previews on `host:port` with the reload script in every
 * page, its status as JSON and as server-sent events, and the index page.
 */
async function serveDev(engine: DevEngine, options: Pick<DevOptions, 'host' | 'port'>): Promise<DevHttp> {
  const clients = new Set<http.ServerResponse>();
  engine.onStatus((status) => {
    const data = `event: status\ndata: ${JSON.stringify(status)}\n\n`;
    for (const client of clients) client.write(data);
  });
  const noStore = (response: http.ServerResponse, type: string) => response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  // press serve's server (one path guard, one media-type table), with dev's own answers and live reload.
  const server = await serve({
    root: engine.outDir,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    live: {
      folders: engine.previewFolders,
      html: withClientScript,
      routes: {
        '/__press/events': (request, response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          response.write(`event: status\ndata: ${JSON.stringify(engine.status())}\n\n`);
          clients.add(response);
          request.on('close', () => clients.delete(response));
        },
        '/__press/status': (_request, response) => {
          noStore(response, 'application/json; charset=utf-8');
          response.end(JSON.stringify(engine.status()));
        },
        '/__press/client.js': (_request, response) => {
          noStore(response, 'text/javascript; charset=utf-8');
          response.end(clientScript);
        },
        '/': (_request, response) => {
          noStore(response, 'text/html; charset=utf-8');
          response.end(withClientScript(indexPage(engine.modules(), engine.status())));
        },
      },
    },
  });
  return {
    url: server.url,
    close: async () => {
      for (const client of clients) client.end();
      await server.close();
    },
  };
}

/**
 * `press dev` as the library runs it: the engine's watch and rebuild
 * (packages/engine/src/dev.ts) behind this CLI's preview server.
 */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const engine = createDevEngine({ root: options.root, outDir: options.outDir, log: options.log, cwd: options.cwd });
  const served = await serveDev(engine, options);
  await engine.start();
  return {
    url: served.url,
    status: () => engine.status(),
    idle: () => engine.idle(),
    close: async () => {
      await engine.close();
      await served.close();
    },
  };
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
