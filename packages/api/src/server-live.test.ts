import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTypes } from './mime.js';
import { serve, type RunningServer } from './server.js';

/** press serve and press dev (the same server with live options) on one folder, over real HTTP. */
let root: string;
let plain: RunningServer;
let live: RunningServer;
const extensions = Object.keys(fileTypes);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'press-live-'));
  await mkdir(path.join(root, 'report'), { recursive: true });
  for (const extension of [...extensions, '.unknown']) await writeFile(path.join(root, 'report', `file${extension}`), '<html><body>x</body></html>');
  await mkdir(path.join(root, 'handbook'));
  await writeFile(path.join(root, 'handbook', 'beta.html'), '<html><body>chapter</body></html>');
  await writeFile(path.join(root, 'secret.txt'), 'outside the served folders');
  plain = await serve({ root, port: 0 });
  live = await serve({
    root,
    port: 0,
    live: {
      folders: ['handbook'],
      html: (page) => page.replace('</body>', '<script src="/__press/client.js"></script></body>'),
      routes: { '/__press/status': (_request, response) => response.end('{}') },
    },
  });
});

afterAll(async () => {
  await Promise.all([plain.close(), live.close()]);
  await rm(root, { recursive: true, force: true });
});

/** A raw request path, sent as written (fetch would normalize `..`). */
async function get(base: string, rawPath: string): Promise<{ status: number; type: string | null; body: string }> {
  const { request } = await import('node:http');
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: url.hostname, port: url.port, path: rawPath }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, type: response.headers['content-type'] ?? null, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('press serve and press dev share one HTTP layer', () => {
  it('refuse path traversal the same way', async () => {
    const attempts = ['/../secret.txt', '/report/../../etc/passwd', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/report/%252e%252e/%252e%252e/etc/passwd', '/report\\..\\secret.txt', '/report/a%00b', '//etc/passwd', '/secret.txt', '/.press-cache/x', '/report/.staging-1-a/file.html'];
    for (const attempt of attempts) {
      const [fromServe, fromDev] = [await get(plain.url, attempt), await get(live.url, attempt)];
      expect(fromServe.status, attempt).toBeGreaterThanOrEqual(400);
      expect({ status: fromDev.status, body: fromDev.body }, attempt).toEqual({ status: fromServe.status, body: fromServe.body });
    }
  });

  it('send the same media type for every file type', async () => {
    for (const extension of [...extensions, '.unknown']) {
      const [fromServe, fromDev] = [await get(plain.url, `/report/file${extension}`), await get(live.url, `/report/file${extension}`)];
      expect(fromServe.status, extension).toBe(200);
      expect(fromDev.type, extension).toBe(fromServe.type);
    }
  });

  it('adds what press dev needs: its own answers, its folders, the reload script in pages, no caching', async () => {
    expect((await get(live.url, '/__press/status')).body).toBe('{}');
    expect((await get(plain.url, '/__press/status')).status).toBe(404);
    const chapter = await get(live.url, '/handbook/beta.html');
    expect(chapter.body).toBe('<html><body>chapter<script src="/__press/client.js"></script></body></html>');
    expect((await get(plain.url, '/handbook/beta.html')).status).toBe(404);
    const response = await fetch(`${live.url}report/file.pdf`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
