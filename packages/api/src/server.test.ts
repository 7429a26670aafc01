import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitApi } from './emit.js';
import { apiValidator, realPublication } from './fixtures.test-helpers.js';
import { apiSchemaIds } from './schemas.js';
import { createServer, DistMissingError, serve, type RunningServer } from './server.js';
import { artifactsUnder } from './artifacts.test-helpers.js';

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
    'glossary.json': apiSchemaIds.glossary,
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
    'slides/circuit-breaker/reveal/reveal.css': '.reveal {}',
    'slides/circuit-breaker/reveal/LICENSE': 'MIT',
    'slides/circuit-breaker/diagrams/d-0123456789ab.svg': '<svg xmlns="http://www.w3.org/2000/svg"><text>deck diagram</text></svg>',
    'pdf/handbook.pdf': '%PDF-1.7 handbook',
    'pdf/handbook.epub': 'PK epub',
    'pdf/handbook.docx': 'PK docx',
    'report/index.html': '<!doctype html><title>Build report</title>',
    'schedule/timeline.mmd': 'gantt\n  title Authoring\n',
    'schedule/timeline.ics': 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    'schedule/timeline.csv': 'module,start\r\n',
    'schedule/timeline.svg': '<svg xmlns="http://www.w3.org/2000/svg"><text>timeline</text></svg>',
    'schedule/x<img src=x onerror=alert(1)>.csv': 'a,b\r\n',
    'modules/circuit-breaker.json': '{"slug":"circuit-breaker"}',
    'api/v1/assets/circuit-breaker/evil.svg': `<svg xmlns="http://www.w3.org/2000/svg"><script>document.documentElement.setAttribute('data-ran','yes')</script></svg>`,
    'api/v1/assets/circuit-breaker/page.html': '<!doctype html><script>document.title="ran"</script>',
    'stray/notes.txt': 'not an output folder',
    '.api.staging-1/v1/index.json': '{}',
  };
  for (const [relative, content] of Object.entries(artifacts)) {
    await mkdir(path.dirname(path.join(dist, relative)), { recursive: true });
    await writeFile(path.join(dist, relative), content);
  }
  await writeFile(path.join(work, 'secret.txt'), secret);
  await mkdir(path.join(work, 'outside'), { recursive: true });
  await writeFile(path.join(work, 'outside', 'secret.txt'), secret);
  // Symbolic links out of dist/: a folder, a file, /etc itself; and one that stays inside (allowed).
  await symlink(path.join(work, 'outside'), path.join(dist, 'slides', 'outside'));
  await symlink(path.join(work, 'secret.txt'), path.join(dist, 'pdf', 'leak.pdf'));
  await symlink(path.join(work, 'secret.txt'), path.join(dist, 'api', 'v1', 'assets', 'circuit-breaker', 'leak.svg'));
  await symlink('/etc', path.join(dist, 'report', 'etc'));
  await symlink(path.join(dist, 'pdf', 'circuit-breaker.pdf'), path.join(dist, 'pdf', 'alias.pdf'));
  const publication = await realPublication();
  const result = await emitApi(publication, { outDir: path.join(dist, 'api'), cacheDir: path.join(work, 'cache'), artifacts: await artifactsUnder(dist, publication), schedule: { sprints: [] } });
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

function json(response: RawResponse): any {
  return JSON.parse(response.body.toString('utf8'));
}

const sha256Etag = (bytes: Buffer | string) => `"sha256-${createHash('sha256').update(bytes).digest('base64url')}"`;

describe('press serve: symbolic links never lead out of dist/', () => {
  it('refuses a link to a folder, to a file and to /etc, and serves a link that stays inside', async () => {
    for (const href of [
      '/slides/outside/secret.txt',
      '/slides/outside/',
      '/slides/outside',
      '/pdf/leak.pdf',
      '/api/v1/assets/circuit-breaker/leak.svg',
      '/report/etc/passwd',
      '/report/etc/hostname',
      '/report/etc/',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const response = await raw(method, href, { range: 'bytes=0-' });
        expect({ method, href, status: response.status }).toEqual({ method, href, status: 404 });
        expect(response.body.toString('latin1')).not.toContain(secret);
        expect(response.body.toString('latin1')).not.toMatch(/root:/);
        if (method === 'GET') expect(validate(apiSchemaIds.error, json(response))).toEqual([]);
      }
    }
    const alias = await raw('GET', '/pdf/alias.pdf');
    expect(alias.status).toBe(200);
    expect(alias.body).toEqual(await readFile(path.join(dist, 'pdf/circuit-breaker.pdf')));
  });
});

describe('press serve: untrusted assets, SVG and HTML pages carry a Content-Security-Policy', () => {
  it('sandboxes every module asset and every SVG, with nosniff', async () => {
    for (const href of ['/api/v1/assets/circuit-breaker/evil.svg', '/api/v1/assets/circuit-breaker/page.html', '/slides/circuit-breaker/diagrams/d-0123456789ab.svg', '/schedule/timeline.svg']) {
      const response = await raw('GET', href);
      expect({ href, status: response.status }).toEqual({ href, status: 200 });
      const policy = String(response.headers['content-security-policy'] ?? '');
      expect({ href, sandbox: policy.split(/;\s*/).includes('sandbox') }).toEqual({ href, sandbox: true });
      expect(policy).toContain("default-src 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      // 304s keep the policy: a cached copy is still sandboxed.
      expect((await raw('GET', href, { 'if-none-match': response.headers.etag! })).headers['content-security-policy']).toBe(policy);
    }
    expect((await raw('GET', '/api/v1/assets/circuit-breaker/evil.svg')).headers['content-type']).toBe('image/svg+xml; charset=utf-8');
  });

  it('lets the build\'s HTML pages load from this server only, inline scripts only in slide decks', async () => {
    const report = await raw('GET', '/report/');
    const deck = await raw('GET', '/slides/circuit-breaker/');
    const index = await raw('GET', '/');
    for (const [name, response] of [['report', report], ['deck', deck], ['index', index]] as const) {
      const policy = response.headers['content-security-policy'] ?? '';
      expect({ name, policy: policy !== '' }).toEqual({ name, policy: true });
      // Nothing remote: no scheme, host or wildcard source anywhere in the policy.
      expect(policy).not.toMatch(/https?:|\*|wss?:/);
      expect(policy).toMatch(/object-src 'none'|default-src 'none'/);
      expect(policy).not.toContain('sandbox');
    }
    expect(report.headers['content-security-policy']).toContain("script-src 'self';");
    expect(deck.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['content-security-policy']).not.toContain('script-src');
  });
});

describe('press serve: byte ranges and conditional requests', () => {
  const href = '/pdf/circuit-breaker.pdf';
  let file: Buffer;
  beforeAll(async () => {
    file = await readFile(path.join(dist, href));
  });

  it('answers a satisfiable range with 206, its bytes and Content-Range, also for HEAD', async () => {
    const part = await raw('GET', href, { range: 'bytes=10-109' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-109/${file.length}`);
    expect(part.headers['content-length']).toBe('100');
    expect(part.body).toEqual(file.subarray(10, 110));
    const suffix = await raw('GET', href, { range: 'bytes=-10' });
    expect(suffix.status).toBe(206);
    expect(suffix.body).toEqual(file.subarray(file.length - 10));
    const head = await raw('HEAD', href, { range: 'bytes=0-9' });
    expect(head.status).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-9/${file.length}`);
    expect(head.body.length).toBe(0);
    // Text is never compressed when a range is asked: Content-Range counts the file's bytes.
    const jsonPart = await raw('GET', '/api/v1/index.json', { range: 'bytes=0-1', 'accept-encoding': 'br, gzip' });
    expect(jsonPart.status).toBe(206);
    expect(jsonPart.headers['content-encoding']).toBeUndefined();
    expect(jsonPart.body.toString()).toBe('{\n');
  });

  it('answers a range past the end with 416 and Content-Range: bytes */size', async () => {
    for (const range of [`bytes=${file.length}-`, `bytes=${file.length + 100}-${file.length + 200}`]) {
      const response = await raw('GET', href, { range });
      expect({ range, status: response.status }).toEqual({ range, status: 416 });
      expect(response.headers['content-range']).toBe(`bytes */${file.length}`);
      expect(validate(apiSchemaIds.error, json(response))).toEqual([]);
      expect(json(response).error).toBe('range_not_satisfiable');
    }
  });

  it('ignores a malformed range, another unit or several ranges: 200 with the whole file', async () => {
    for (const range of ['bytes=abc', 'bytes=5-2', 'bytes=', 'garbage', 'items=0-1', 'bytes=0-1,5-6', 'bytes=--1']) {
      const response = await raw('GET', href, { range });
      expect({ range, status: response.status }).toEqual({ range, status: 200 });
      expect(response.body).toEqual(file);
    }
    const { headers } = await raw('GET', href);
    expect((await raw('GET', href, { range: 'bytes=0-9', 'if-range': '"sha256-stale"' })).status).toBe(200);
    expect((await raw('GET', href, { range: 'bytes=0-9', 'if-range': headers.etag! })).status).toBe(206);
  });

  it('answers If-Match: 412 when no tag is current (weak ones never are), the file when one is or for *', async () => {
    const { headers } = await raw('GET', href);
    for (const ifMatch of ['"sha256-stale"', `W/${headers.etag}`, '"a", "b"']) {
      const response = await raw('GET', href, { 'if-match': ifMatch });
      expect({ ifMatch, status: response.status }).toEqual({ ifMatch, status: 412 });
      expect(validate(apiSchemaIds.error, json(response))).toEqual([]);
      expect(json(response).error).toBe('precondition_failed');
    }
    for (const ifMatch of [headers.etag!, '*', `"stale", ${headers.etag}`]) {
      const response = await raw('GET', href, { 'if-match': ifMatch });
      expect({ ifMatch, status: response.status }).toEqual({ ifMatch, status: 200 });
      expect(response.body).toEqual(file);
    }
    expect((await raw('HEAD', href, { 'if-match': '"sha256-stale"' })).status).toBe(412);
  });
});

describe('press serve: ETags come from the bytes', () => {
  it('keeps the ETag when a rebuild writes the same bytes, and changes it with one byte', async () => {
    const file = path.join(dist, 'pdf', 'etag-probe.pdf');
    await writeFile(file, '%PDF-1.7 same bytes');
    const first = await raw('GET', '/pdf/etag-probe.pdf');
    expect(first.headers.etag).toBe(sha256Etag('%PDF-1.7 same bytes'));
    // A rebuild: same bytes, new mtime (and a new inode, as the build swaps folders in).
    await utimes(file, new Date(), new Date(Date.now() + 60_000));
    expect((await raw('GET', '/pdf/etag-probe.pdf')).headers.etag).toBe(first.headers.etag);
    await rm(file);
    await writeFile(file, '%PDF-1.7 same bytes');
    expect((await raw('GET', '/pdf/etag-probe.pdf')).headers.etag).toBe(first.headers.etag);
    expect((await raw('GET', '/pdf/etag-probe.pdf', { 'if-none-match': first.headers.etag! })).status).toBe(304);
    // One byte changed, same size.
    await writeFile(file, '%PDF-1.7 same bytez');
    const changed = await raw('GET', '/pdf/etag-probe.pdf');
    expect(changed.headers.etag).toBe(sha256Etag('%PDF-1.7 same bytez'));
    expect((await raw('GET', '/pdf/etag-probe.pdf', { 'if-none-match': first.headers.etag! })).status).toBe(200);
  });

  it('gives a compressed answer its own strong ETag, which revalidates with 304', async () => {
    const plain = await raw('GET', '/api/v1/modules/circuit-breaker.json');
    const brotli = await raw('GET', '/api/v1/modules/circuit-breaker.json', { 'accept-encoding': 'br' });
    expect(plain.headers.etag).toBe(sha256Etag(plain.body));
    expect(brotli.headers.etag).not.toBe(plain.headers.etag);
    expect(brotli.headers.etag).toMatch(/^"sha256-[A-Za-z0-9_-]+\.br"$/);
    expect((await raw('GET', '/api/v1/modules/circuit-breaker.json', { 'accept-encoding': 'br', 'if-none-match': brotli.headers.etag! })).status).toBe(304);
    expect((await raw('GET', '/api/v1/modules/circuit-breaker.json', { 'if-none-match': brotli.headers.etag! })).status).toBe(304);
  });
});

describe('press serve: headers and content types', () => {
  it('sends Vary: Accept-Encoding with every compressible answer, compressed or not, and only then', async () => {
    for (const [href, headers] of [
      ['/api/v1/index.json', {}],
      ['/api/v1/index.json', { 'accept-encoding': 'gzip' }],
      ['/schedule/timeline.mmd', {}],
      ['/report/', { 'accept-encoding': 'br' }],
    ] as const) {
      const response = await raw('GET', href, headers);
      expect({ href, headers, vary: response.headers.vary }).toEqual({ href, headers, vary: 'Accept-Encoding' });
    }
    expect((await raw('GET', '/scorm/circuit-breaker-scorm12.zip', { 'accept-encoding': 'gzip' })).headers.vary).toBeUndefined();
    expect((await raw('GET', '/pdf/circuit-breaker.pdf', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('lets cross-origin scripts read Content-Range, Accept-Ranges, ETag, Content-Length and Content-Encoding', async () => {
    const response = await raw('GET', '/pdf/circuit-breaker.pdf', { origin: 'https://portal.example', range: 'bytes=0-3' });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const exposed = String(response.headers['access-control-expose-headers'] ?? '').split(/,\s*/).map((name) => name.toLowerCase());
    for (const name of ['content-range', 'accept-ranges', 'etag', 'content-length', 'content-encoding']) expect(exposed).toContain(name);
    const preflight = await raw('OPTIONS', '/pdf/circuit-breaker.pdf', { origin: 'https://portal.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range, if-match' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('range, if-match');
  });

  it('types every output by one table: Mermaid as text, EPUB, DOCX, iCalendar, CSV', async () => {
    const expected: Record<string, string> = {
      '/schedule/timeline.mmd': 'text/plain; charset=utf-8',
      '/pdf/handbook.epub': 'application/epub+zip',
      '/pdf/handbook.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      '/slides/circuit-breaker.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      '/schedule/timeline.ics': 'text/calendar; charset=utf-8',
      '/schedule/timeline.csv': 'text/csv; charset=utf-8',
      '/schedule/timeline.svg': 'image/svg+xml; charset=utf-8',
      '/slides/circuit-breaker/reveal/reveal.css': 'text/css; charset=utf-8',
      '/slides/circuit-breaker/reveal/LICENSE': 'application/octet-stream',
      '/modules/circuit-breaker.json': 'application/json; charset=utf-8',
    };
    for (const [href, type] of Object.entries(expected)) {
      const response = await raw('GET', href);
      expect({ href, status: response.status, type: response.headers['content-type'] }).toEqual({ href, status: 200, type });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves only the output folders: anything else in dist/ is not found', async () => {
    expect((await raw('GET', '/stray/notes.txt')).status).toBe(404);
  });
});

describe('press serve: indexes', () => {
  it('answers / with an escaped HTML page linking what dist/ holds', async () => {
    for (const method of ['GET', 'HEAD']) expect((await raw(method, '/')).status).toBe(200);
    const page = await raw('GET', '/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers.etag).toBe(sha256Etag(page.body));
    expect((await raw('GET', '/', { 'if-none-match': page.headers.etag! })).status).toBe(304);
    const html = page.body.toString('utf8');
    for (const href of [
      '/api/v1/index.json',
      '/api/v1/openapi.json',
      '/api/v1/modules/circuit-breaker.json',
      '/api/v1/modules/circuit-breaker/exam.json',
      '/pdf/circuit-breaker.pdf',
      '/scorm/circuit-breaker-scorm12.zip',
      '/slides/circuit-breaker/index.html',
      '/slides/circuit-breaker.pptx',
      '/pdf/handbook.epub',
      '/report/',
      '/schedule/timeline.ics',
      '/modules/circuit-breaker.json',
    ]) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toContain('Circuit Breaker');
    // A file name with markup is shown as text and linked percent-encoded.
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('x&lt;img src=x onerror=alert(1)&gt;.csv');
    expect(html).not.toContain('answers.json');
    expect(html).not.toMatch(/<script/i);
    // Every link of the page answers.
    for (const match of html.matchAll(/href="([^"]+)"/g)) {
      const target = match[1]!.replace(/&amp;/g, '&');
      expect({ target, status: (await raw('GET', target)).status }).toEqual({ target, status: 200 });
    }
  });

  it('redirects /api/v1/ and /api/v1 to the API index', async () => {
    for (const href of ['/api/v1/', '/api/v1']) {
      const response = await raw('GET', href);
      expect({ href, status: response.status, location: response.headers.location }).toEqual({ href, status: 302, location: '/api/v1/index.json' });
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
