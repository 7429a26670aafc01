import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

let work: string;
let busy: net.Server;
let busyPort: number;

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  return main(argv, { cwd: work, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }).then((exit) => ({ exit, stdout, stderr }));
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-serve-cli-'));
  await mkdir(path.join(work, 'dist', 'api', 'v1'), { recursive: true });
  await writeFile(path.join(work, 'dist', 'api', 'v1', 'index.json'), '{}');
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => busy?.close(resolve));
  await rm(work, { recursive: true, force: true });
});

describe('press serve', () => {
  it('says in one line that the port is taken and how to choose another, with exit status 2', async () => {
    const result = await run(['serve', '--port', String(busyPort), '--out', path.join(work, 'dist')]);
    expect(result.exit).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`port ${busyPort} on 127.0.0.1 is already in use`);
    expect(result.stderr).toContain('--port');
    expect(result.stderr).not.toMatch(/\n\s+at |EADDRINUSE/);
  });

  it('says so when --host is not an address of this machine', async () => {
    const result = await run(['serve', '--port', '0', '--host', '192.0.2.1', '--out', path.join(work, 'dist')]);
    expect(result.exit).toBe(2);
    expect(result.stderr).toMatch(/^press: cannot listen on 192\.0\.2\.1: .*--host/);
  });
});

describe('press build --audience', () => {
  it('accepts learner or instructor only', async () => {
    const result = await run(['build', '--audience', 'teacher']);
    expect(result).toMatchObject({ exit: 2, stderr: 'press: --audience must be learner or instructor, not teacher\n' });
  });
});
