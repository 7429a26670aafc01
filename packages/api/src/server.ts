import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiHrefs } from './hrefs.js';
import { pathProblem } from './request-path.js';
import { isHtml } from './mime.js';
import { siteIndexHtml } from './site-index.js';
import { answerFor, etagOf, fileEntity, FileCache, resolve, securityPolicies, servedFolders, type Answer, type Entity } from './static-files.js';

export { cacheControlFor } from './static-files.js';

export const defaultHost = '127.0.0.1';
export const defaultPort = 8765;

export interface ServerOptions {
  /** The dist/ folder to serve. */
  root: string;
  host?: string | undefined;
  port?: number | undefined;
  /** Fastify's request log (off by default: press serve prints its own line). Failures are written to stderr either way. */
  logger?: boolean | undefined;
  /** press dev: the same server, with its own answers, its live-reload script in every page and nothing cached. */
  live?: LiveOptions | undefined;
}

/** What press dev adds to the server; the path guard, the file lookup and the media types stay the same. */
export interface LiveOptions {
  /** Top folders served besides servedFolders (press dev's `handbook` previews). */
  folders: readonly string[];
  /** Paths press dev answers itself (its events, status, client script, index page), on the raw Node response, after the path guard. */
  routes: Readonly<Record<string, (request: IncomingMessage, response: ServerResponse) => void>>;
  /** Every HTML page passes through it before it is sent (press dev adds its reload script). */
  html: (page: string) => string;
}

/** A file's entity as press dev sends it: never cached, and an HTML page through `live.html`. */
async function liveEntity(entity: Entity, relative: string, live: LiveOptions): Promise<Entity> {
  if (!isHtml(relative)) return { ...entity, cacheControl: 'no-store' };
  const bytes = Buffer.from(live.html((entity.bytes ?? (await entity.readAll!())).toString('utf8')));
  return { size: bytes.length, etag: etagOf(bytes), contentType: entity.contentType, compressible: entity.compressible, cacheControl: 'no-store', securityPolicy: entity.securityPolicy, bytes };
}

/** dist/ is not there: the user has not built yet. The CLI prints the message; nothing crashed. */
export class DistMissingError extends Error {
  readonly code = 'PRESS_DIST_MISSING';
  constructor(readonly root: string) {
    super(`nothing to serve: ${root} does not exist or is not a folder. Run \`press build\` first.`);
    this.name = 'DistMissingError';
  }
}

export const allowedMethods = ['GET', 'HEAD', 'OPTIONS'] as const;

export type ApiErrorCode = 'not_found' | 'method_not_allowed' | 'bad_path' | 'precondition_failed' | 'range_not_satisfiable' | 'server_error';

/** Response headers a cross-origin script may read. */
export const exposedHeaders = ['ETag', 'Content-Length', 'Content-Encoding', 'Content-Range', 'Accept-Ranges'];

function sendError(reply: FastifyReply, status: number, error: ApiErrorCode, message: string, requestPath: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .type('application/json; charset=utf-8')
    .send({ status, error, message, path: requestPath });
}

/** Every server failure goes to stderr with its stack, whether or not the request log is on. */
function logFailure(request: FastifyRequest, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`press serve: ${request.method} ${request.raw.url ?? '/'} failed: ${detail}\n`);
}

async function isFolder(root: string): Promise<boolean> {
  const info = await stat(root).catch(() => undefined);
  return info?.isDirectory() ?? false;
}

function requestPathOf(request: FastifyRequest): string {
  return (request.raw.url ?? '/').split('?', 1)[0]!;
}

/**
 * The press serve server (not yet listening): the folders of dist/ as static
 * files with content-hash ETags, conditional requests (304, 412), one byte
 * range (206, 416), br/gzip for text, Cache-Control, Content-Security-Policy
 * (module assets and SVG sandboxed), CORS for GET and HEAD, JSON errors, an
 * index page at `/`, and no way out of `root` (not by `..`, not by symbolic
 * links). Throws DistMissingError when `root` is not a folder.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const root = path.resolve(options.root);
  if (!(await isFolder(root))) throw new DistMissingError(root);
  const cache = new FileCache();
  // Loaded here, not on import: only press serve (and dev) runs a server; every other command that imports the API never loads fastify.
  const { default: Fastify } = await import('fastify');
  const app = Fastify({
    logger: options.logger ?? false,
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: 4096 },
    // The router rejects undecodable URLs (overlong UTF-8 such as %c0%ae) before any hook runs.
    frameworkErrors: (error, request, reply) => sendError(reply, 400, 'bad_path', `refused path: ${error.message}`, requestPathOf(request)),
  });

  // CORS first, so every answer (errors included) carries it and browsers can read them: any origin may GET and HEAD.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', exposedHeaders.join(', '));
    const requestPath = requestPathOf(request);
    if (!(allowedMethods as readonly string[]).includes(request.method)) {
      reply.header('allow', allowedMethods.join(', '));
      return sendError(reply, 405, 'method_not_allowed', `${request.method} is not allowed: this server is read-only (GET, HEAD, OPTIONS)`, requestPath);
    }
    const problem = pathProblem(request.raw.url ?? '/');
    if (problem) return sendError(reply, 400, 'bad_path', `refused path: ${problem}`, requestPath);
    return undefined;
  });

  const send = (request: FastifyRequest, reply: FastifyReply, answer: Answer) => {
    const requestPath = requestPathOf(request);
    reply.headers(answer.headers);
    if (answer.error) return sendError(reply, answer.status, answer.error.code, answer.error.message, requestPath);
    reply.code(answer.status);
    const body = answer.body;
    if (body !== undefined && !Buffer.isBuffer(body)) {
      (body as Readable).on('error', (error) => logFailure(request, error));
    }
    return reply.send(body);
  };

  const live = options.live;
  const folders = [...servedFolders, ...(live?.folders ?? [])];
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.raw.url ?? '/';
    const rawPath = url.split('?', 1)[0]!;
    const route = live?.routes[rawPath];
    if (route) {
      reply.hijack();
      route(request.raw, reply.raw);
      return undefined;
    }
    const resolution = await resolve(root, rawPath, url.slice(rawPath.length), folders);
    switch (resolution.kind) {
      case 'not-found':
        return sendError(reply, 404, 'not_found', `nothing at ${rawPath}; the API starts at ${apiHrefs.index}`, rawPath);
      case 'redirect':
        return reply.code(resolution.status).header('location', resolution.location).header('cache-control', 'public, no-cache').send();
      case 'site-index': {
        const bytes = Buffer.from(await siteIndexHtml(root));
        const entity = {
          size: bytes.length,
          etag: etagOf(bytes),
          contentType: 'text/html; charset=utf-8',
          compressible: true,
          cacheControl: 'public, no-cache',
          securityPolicy: securityPolicies.index,
          bytes,
        };
        return send(request, reply, await answerFor(cache, entity, request.method, request.headers));
      }
      case 'file': {
        const { handle } = resolution;
        // The handle stays open while the body streams, and is closed once the response is done, whatever happened.
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          handle.close().catch((error: unknown) => logFailure(request, error));
        };
        reply.raw.once('close', close);
        try {
          const stored = await fileEntity(cache, handle, resolution.info, resolution.relative, resolution.realRelative);
          const entity = live ? await liveEntity(stored, resolution.relative, live) : stored;
          return send(request, reply, await answerFor(cache, entity, request.method, request.headers));
        } catch (error) {
          close();
          throw error;
        }
      }
    }
  };
  app.route({ method: ['GET', 'HEAD'], url: '/', handler });
  app.route({ method: ['GET', 'HEAD'], url: '/*', handler });
  // Preflights (and a plain OPTIONS) answer 204: GET and HEAD from any origin, with the request headers asked for.
  const preflight = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('access-control-allow-methods', 'GET, HEAD');
    const asked = request.headers['access-control-request-headers'];
    if (typeof asked === 'string' && asked !== '') reply.header('access-control-allow-headers', asked).header('vary', 'Access-Control-Request-Headers');
    return reply.code(204).header('access-control-max-age', '600').send();
  };
  app.route({ method: 'OPTIONS', url: '/', handler: preflight });
  app.route({ method: 'OPTIONS', url: '/*', handler: preflight });

  app.setNotFoundHandler((request, reply) => {
    const requestPath = requestPathOf(request);
    return sendError(reply, 404, 'not_found', `nothing at ${requestPath}; the API starts at ${apiHrefs.index}`, requestPath);
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const requestPath = requestPathOf(request);
    const status = error.statusCode ?? 500;
    if (status === 403 || status === 400) return sendError(reply, 400, 'bad_path', 'refused path', requestPath);
    if (status === 404) return sendError(reply, 404, 'not_found', `nothing at ${requestPath}`, requestPath);
    logFailure(request, error);
    request.log.error(error);
    return sendError(reply, 500, 'server_error', 'the server failed to answer; see its log', requestPath);
  });
  return app;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8765/ */
  url: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Starts press serve: binds to 127.0.0.1 unless told otherwise. Rejects with
 * DistMissingError when dist/ is missing, and with the listen error (code
 * EADDRINUSE, EACCES, EADDRNOTAVAIL, ...) when the address cannot be bound.
 */
export async function serve(options: ServerOptions): Promise<RunningServer> {
  const app = await createServer(options);
  const host = options.host ?? defaultHost;
  try {
    await app.listen({ host, port: options.port ?? defaultPort });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? defaultPort);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}/`, port, close: () => app.close() };
}
