import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitApi } from './emit.js';
import { apiValidator, realPublication } from './fixtures.test-helpers.js';
import { apiSchemaIds } from './schemas.js';
import { createServer, DistMissingError, serve, type RunningServer } from './server.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let work: string;
let dist: string;
let server: RunningServer;
let apiFiles: string[];
const validate = apiValidator();
const secret = 'TOP-SECRET-OUTSIDE-DIST';

/** A request exactly as written: node:http sends the path untouched, unlike fetch, which normalises ../ away. */
function raw(method: string, requestPath: string, headers: Record<string, string> = {}, port = server.port): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: requestPath, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function schemaOfHref(href: string): string {
  const relative = href.replace('/api/v1/', '');
  if (/^modules\/[^/]+\/exam\.json$/.test(relative)) return apiSchemaIds.exam;
  if (/^modules\/[^/]+\/answers\.json$/.test(relative)) return apiSchemaIds.answers;
  if (/^modules\/[^/]+\.json$/.test(relative)) return apiSchemaIds.module;
  const byName: Record<string, string> = {
    'index.json': apiSchemaIds.index,
    'categories.json': apiSchemaIds.categories,
    'graph.json': apiSchemaIds.graph,
    'schedule.json': apiSchemaIds.schedule,
    'search-index.json': apiSchemaIds.searchIndex,
    'downloads.json': apiSchemaIds.downloads,
    'openapi.json': apiSchemaIds.openapi,
  };
  return byName[relative]!;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-api-serve-'));
  dist = path.join(work, 'dist');
  const artifacts: Record<string, string | Buffer> = {
    'pdf/circuit-breaker.pdf': '%PDF-1.7 '.repeat(300),
    'scorm/circuit-breaker-scorm12.zip': Buffer.from([0x50, 0x4b, 3, 4, 0, 0]),
    'slides/circuit-breaker.pptx': 'PK pptx',
    'slides/circuit-breaker/index.html': '<!doctype html><title>Circuit Breaker deck</title>',
    'report/index.html': '<!doctype html><title>Build report</title>',
    '.api.staging-1/v1/index.json': '{}',
  };
  for (const [relative, content] of Object.entries(artifacts)) {
    await mkdir(path.dirname(path.join(dist, relative)), { recursive: true });
    await writeFile(path.join(dist, relative), content);
  }
  await writeFile(path.join(work, 'secret.txt'), secret);
  const publication = await realPublication();
  const result = await emitApi(publication, { outDir: path.join(dist, 'api'), cacheDir: path.join(work, 'cache'), artifactsRoot: dist, schedule: { sprints: [] } });
  apiFiles = result.files.map((file) => `/${path.relative(dist, file).split(path.sep).join('/')}`);
  server = await serve({ root: dist, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

describe('press serve', () => {
  it('binds to 127.0.0.1 by default', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves every API endpoint as JSON that validates, with ETag, Cache-Control and CORS', async () => {
    expect(apiFiles).toContain('/api/v1/schedule.json');
    for (const href of apiFiles) {
      const response = await raw('GET', href, { origin: 'https://portal.example' });
      expect({ href, status: response.status }).toEqual({ href, status: 200 });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers.etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(response.headers['cache-control']).toBe('public, no-cache');
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.body).toEqual(await readFile(path.join(dist, href)));
      expect({ href, errors: validate(schemaOfHref(href), JSON.parse(response.body.toString('utf8'))) }).toEqual({ href, errors: [] });
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await raw('HEAD', '/api/v1/index.json');
    const get = await raw('GET', '/api/v1/index.json');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('serves the downloads, previews and report with their content types and the hashes downloads.json promises', async () => {
    const downloads = JSON.parse((await raw('GET', '/api/v1/downloads.json')).body.toString('utf8'));
    const breaker = downloads.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker');
    expect(breaker.artifacts.length).toBe(4);
    for (const artifact of breaker.artifacts) {
      const response = await raw('GET', artifact.path);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']?.split(';')[0]).toBe(artifact.media_type);
      expect(createHash('sha256').update(response.body).digest('hex')).toBe(artifact.sha256);
    }
    expect((await raw('GET', '/pdf/circuit-breaker.pdf')).headers['cache-control']).toBe('public, max-age=300');
    expect((await raw('GET', '/scorm/circuit-breaker-scorm12.zip')).headers['content-type']).toBe('application/zip');
    const deck = await raw('GET', '/slides/circuit-breaker/');
    expect(deck.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(deck.body.toString()).toContain('Circuit Breaker deck');
    expect((await raw('GET', '/slides/circuit-breaker')).status).toBe(301);
    const report = await raw('GET', '/report/');
    expect(report.status).toBe(200);
    expect(report.body.toString()).toContain('Build report');
  });

  it('answers a matching If-None-Match with 304 and no body, and a stale one with 200', async () => {
    for (const href of ['/api/v1/index.json', '/api/v1/modules/circuit-breaker.json', '/pdf/circuit-breaker.pdf']) {
      const { headers } = await raw('GET', href);
      const etag = headers.etag!;
      const fresh = await raw('GET', href, { 'if-none-match': etag });
      expect(fresh.status).toBe(304);
      expect(fresh.body.length).toBe(0);
      expect(fresh.headers.etag).toBe(etag);
      expect((await raw('HEAD', href, { 'if-none-match': etag })).status).toBe(304);
      expect((await raw('GET', href, { 'if-none-match': '"stale"' })).status).toBe(200);
      expect((await raw('GET', href, { 'if-none-match': `"other", ${etag}` })).status).toBe(304);
    }
  });

  it('compresses with brotli or gzip when asked, and not when the client cannot decode', async () => {
    const file = await readFile(path.join(dist, 'api/v1/modules/circuit-breaker.json'));
    const gzip = await raw('GET', '/api/v1/modules/circuit-breaker.json', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body)).toEqual(file);
    expect(gzip.body.length).toBeLessThan(file.length / 2);
    const brotli = await raw('GET', '/api/v1/modules/circuit-breaker.json', { 'accept-encoding': 'br, gzip' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(brotli.body)).toEqual(file);
    const plain = await raw('GET', '/api/v1/modules/circuit-breaker.json', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(file);
  });

  it('answers CORS preflights for GET and HEAD', async () => {
    const preflight = await raw('OPTIONS', '/api/v1/index.json', {
      origin: 'https://portal.example',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'if-none-match',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']?.split(/,\s*/)).toEqual(['GET', 'HEAD']);
    expect(preflight.headers['access-control-allow-headers']).toBe('if-none-match');
    expect((await raw('GET', '/api/v1/index.json', { origin: 'https://portal.example' })).headers['access-control-expose-headers']).toContain('ETag');
  });

  it('answers unknown paths with a JSON 404', async () => {
    for (const href of ['/nope', '/api/v1/modules/sharding.json', '/api/v2/index.json', '/api/v1/modules/circuit-breaker/solutions.json', '/.api.staging-1/v1/index.json']) {
      const response = await raw('GET', href);
      expect({ href, status: response.status }).toEqual({ href, status: 404 });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(response.body.toString('utf8'));
      expect(validate(apiSchemaIds.error, body)).toEqual([]);
      expect(body).toMatchObject({ status: 404, error: 'not_found', path: href });
    }
  });

  it('answers every other method with a JSON 405 and an Allow header', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'TRACE']) {
      const response = await raw(method, '/api/v1/index.json');
      expect({ method, status: response.status }).toEqual({ method, status: 405 });
      expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
      const body = JSON.parse(response.body.toString('utf8'));
      expect(validate(apiSchemaIds.error, body)).toEqual([]);
      expect(body.error).toBe('method_not_allowed');
    }
    expect(await readFile(path.join(dist, 'api/v1/index.json'), 'utf8')).toContain('"api_version": "v1"');
  });

  it('never serves a file outside dist/, however the path is written', async () => {
    const absolute = path.join(work, 'secret.txt');
    const attempts = [
      '/../secret.txt',
      '/api/../../secret.txt',
      '/api/v1/../../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/.%2e/secret.txt',
      '/api/%2e%2e/%2e%2e/secret.txt',
      '/%252e%252e/secret.txt',
      '/%252e%252e%252fsecret.txt',
      '/%25252e%25252e%25252fsecret.txt',
      '/..\\secret.txt',
      '/..%5csecret.txt',
      '/%5c..%5csecret.txt',
      '/%255c..%255csecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/secret.txt%00.json',
      `/${absolute}`,
      `//${absolute.slice(1)}`,
      `/%2f${absolute.slice(1)}`,
      `/${absolute.replace(/\//g, '%2f')}`,
      '/C:/Windows/win.ini',
      '/api/v1/index.json/../../../secret.txt',
    ];
    for (const attempt of attempts) {
      const response = await raw('GET', attempt);
      expect({ attempt, refused: [400, 404].includes(response.status) }).toEqual({ attempt, refused: true });
      expect(response.body.toString('latin1')).not.toContain(secret);
      expect(validate(apiSchemaIds.error, JSON.parse(response.body.toString('utf8')))).toEqual([]);
    }
  });
});

describe('press serve without dist/', () => {
  it('refuses to start with a clear message when dist/ is missing or not a folder', async () => {
    const missing = path.join(work, 'no-dist-here');
    await expect(createServer({ root: missing })).rejects.toThrow(DistMissingError);
    await expect(serve({ root: missing, port: 0 })).rejects.toThrow(/does not exist or is not a folder\. Run `press build` first/);
    await expect(serve({ root: path.join(work, 'secret.txt'), port: 0 })).rejects.toBeInstanceOf(DistMissingError);
  });

  it('keeps answering with JSON 404s when dist/ disappears while it runs', async () => {
    const doomed = path.join(work, 'doomed-dist');
    await mkdir(path.join(doomed, 'api/v1'), { recursive: true });
    await writeFile(path.join(doomed, 'api/v1/index.json'), '{"api_version":"v1"}');
    const running = await serve({ root: doomed, port: 0 });
    try {
      expect((await raw('GET', '/api/v1/index.json', {}, running.port)).status).toBe(200);
      await rm(doomed, { recursive: true, force: true });
      const gone = await raw('GET', '/api/v1/index.json', {}, running.port);
      expect(gone.status).toBe(404);
      expect(JSON.parse(gone.body.toString('utf8')).error).toBe('not_found');
    } finally {
      await running.close();
    }
  });
});
