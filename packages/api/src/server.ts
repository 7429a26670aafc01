import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { apiHrefs } from './hrefs.js';
import { pathProblem } from './request-path.js';

export const defaultHost = '127.0.0.1';
export const defaultPort = 8765;

export interface ServerOptions {
  /** The dist/ folder to serve. */
  root: string;
  host?: string | undefined;
  port?: number | undefined;
  /** Fastify's request log (off by default: press serve prints its own line). */
  logger?: boolean | undefined;
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

export type ApiErrorCode = 'not_found' | 'method_not_allowed' | 'bad_path' | 'server_error';

function sendError(reply: FastifyReply, status: number, error: ApiErrorCode, message: string, requestPath: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ status, error, message, path: requestPath });
}

/** Revalidate what changes with every build; let downloads be reused for a while. */
export function cacheControlFor(relative: string): string {
  const extension = path.extname(relative).toLowerCase();
  if (relative.startsWith('api/') || ['.json', '.html', '.htm', ''].includes(extension)) return 'public, no-cache';
  return 'public, max-age=300';
}

async function isFolder(root: string): Promise<boolean> {
  const info = await stat(root).catch(() => undefined);
  return info?.isDirectory() ?? false;
}

/**
 * The press serve server (not yet listening): dist/ as static files with
 * ETags, Cache-Control, CORS for GET/HEAD, compression, JSON errors, and no
 * way out of `root`. Throws DistMissingError when `root` is not a folder.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const root = path.resolve(options.root);
  if (!(await isFolder(root))) throw new DistMissingError(root);
  const app = Fastify({
    logger: options.logger ?? false,
    exposeHeadRoutes: true,
    // The router rejects undecodable URLs (overlong UTF-8 such as %c0%ae) before any hook runs.
    frameworkErrors: (error, request, reply) => {
      const requestPath = (request.raw.url ?? '/').split('?', 1)[0]!;
      return sendError(reply, 400, 'bad_path', `refused path: ${error.message}`, requestPath);
    },
  });

  await app.register(fastifyCors, {
    origin: '*',
    methods: ['GET', 'HEAD'],
    exposedHeaders: ['ETag', 'Content-Length', 'Content-Encoding'],
    maxAge: 600,
    // A plain OPTIONS (no preflight headers) answers 204 instead of an error.
    strictPreflight: false,
  });
  // After CORS, so error answers carry CORS headers too and browsers can read them.
  app.addHook('onRequest', async (request, reply) => {
    const requestPath = (request.raw.url ?? '/').split('?', 1)[0]!;
    if (!(allowedMethods as readonly string[]).includes(request.method)) {
      reply.header('allow', allowedMethods.join(', '));
      return sendError(reply, 405, 'method_not_allowed', `${request.method} is not allowed: this server is read-only (GET, HEAD, OPTIONS)`, requestPath);
    }
    const problem = pathProblem(request.raw.url ?? '/');
    if (problem) return sendError(reply, 400, 'bad_path', `refused path: ${problem}`, requestPath);
    return undefined;
  });

  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip', 'deflate'], threshold: 1024 });
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    etag: true,
    lastModified: true,
    cacheControl: false,
    dotfiles: 'ignore',
    index: ['index.html'],
    redirect: true,
    wildcard: true,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', cacheControlFor(path.relative(root, filePath).split(path.sep).join('/')));
      reply.header('x-content-type-options', 'nosniff');
    },
  });

  app.setNotFoundHandler((request, reply) => {
    const requestPath = (request.raw.url ?? '/').split('?', 1)[0]!;
    return sendError(reply, 404, 'not_found', `nothing at ${requestPath}; the API starts at ${apiHrefs.index}`, requestPath);
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const requestPath = (request.raw.url ?? '/').split('?', 1)[0]!;
    const status = error.statusCode ?? 500;
    if (status === 403 || status === 400) return sendError(reply, 400, 'bad_path', 'refused path', requestPath);
    if (status === 404) return sendError(reply, 404, 'not_found', `nothing at ${requestPath}`, requestPath);
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

/** Starts press serve: binds to 127.0.0.1 unless told otherwise. Rejects with DistMissingError when dist/ is missing. */
export async function serve(options: ServerOptions): Promise<RunningServer> {
  const app = await createServer(options);
  const host = options.host ?? defaultHost;
  await app.listen({ host, port: options.port ?? defaultPort });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? defaultPort);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}/`, port, close: () => app.close() };
}
