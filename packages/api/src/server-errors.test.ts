import type * as FsPromises from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { serve, type RunningServer } from './server.js';

// The disk failing under a file (EIO) is the one failure no request can provoke (tests run as root, so
// permissions cannot): it is injected where the server opens files; everything else is real.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const open = (async (file: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
    if (String(file).endsWith('broken.pdf')) throw Object.assign(new Error(`EIO: i/o error, open '${String(file)}'`), { code: 'EIO', errno: -5 });
    return (actual.open as (...args: unknown[]) => ReturnType<typeof actual.open>)(file, ...rest);
  }) as typeof actual.open;
  return { ...actual, default: { ...actual, open }, open };
});

const { mkdir, mkdtemp, rm, writeFile } = await import('node:fs/promises');

let work: string;
let server: RunningServer;
let stderr: MockInstance;

function get(requestPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: server.port, path: requestPath, headers, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-api-errors-'));
  await mkdir(path.join(work, 'pdf'), { recursive: true });
  await writeFile(path.join(work, 'pdf', 'broken.pdf'), '%PDF-1.7 unreadable');
  await writeFile(path.join(work, 'pdf', 'fine.pdf'), '%PDF-1.7 '.repeat(100));
  server = await serve({ root: work, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

describe('press serve failures', () => {
  it('writes every 500 with its error to stderr, with the request log off', async () => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const requests: [string, Record<string, string>][] = [
      ['/pdf/broken.pdf', {}],
      ['/pdf/fine.pdf', { range: 'bytes=999999-' }],
      ['/pdf/fine.pdf', { 'if-match': '"stale"' }],
      ['/pdf/fine.pdf', { range: 'bytes=oops' }],
    ];
    const answers: { requestPath: string; status: number; body: string; logged: string }[] = [];
    try {
      for (const [requestPath, headers] of requests) {
        stderr.mockClear();
        const answer = await get(requestPath, headers);
        answers.push({ requestPath, ...answer, logged: stderr.mock.calls.map((call) => String(call[0])).join('') });
      }
    } finally {
      stderr.mockRestore();
    }
    // Whatever answered 500 said why on stderr: the method, the path and the error with its stack.
    for (const answer of answers.filter((candidate) => candidate.status === 500)) {
      expect(answer.logged).toContain(`GET ${answer.requestPath}`);
      expect(answer.logged).toMatch(/Error|EIO/);
      expect(answer.logged).toMatch(/\n\s+at /);
    }
    const broken = answers[0]!;
    expect(broken.status).toBe(500);
    expect(JSON.parse(broken.body)).toMatchObject({ status: 500, error: 'server_error', message: 'the server failed to answer; see its log' });
    expect(broken.logged).toContain('EIO');
    // The others are client errors or success, not failures of the server.
    expect(answers.slice(1).map((answer) => answer.status)).toEqual([416, 412, 200]);
    expect(answers.slice(1).every((answer) => answer.logged === '')).toBe(true);
  });
});
