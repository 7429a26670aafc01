import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree, press, repoRoot, repositoryCopyBuilding } from '../helpers.js';

const bin = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');

let dir: string;
beforeAll(async () => {
  dir = await repositoryCopyBuilding(['circuit-breaker'], 'press-interrupt-');
  // A first, cheap build: the dist/ that an interrupted build must leave exactly as it was.
  const first = press(['build', '--formats', 'modules'], dir);
  expect(first.code, first.stderr).toBe(0);
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Processes whose command line holds `marker`: each build gets its own temp
 * folder (TMPDIR), which puppeteer puts in Chromium's --user-data-dir, so its
 * browser processes can be told from anyone else's.
 */
function processesWith(marker: string): string[] {
  const listed = spawnSync('pgrep', ['-af', marker], { encoding: 'utf8' }).stdout.trim();
  return listed ? listed.split('\n').filter((line) => !line.includes('pgrep')) : [];
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stagingFolders(): Promise<string[]> {
  return (await readdir(path.join(dir, 'dist'))).filter((name) => name.startsWith('.staging') || name.includes('.old-'));
}

/** A private TMPDIR for one build: the marker of its processes. */
async function privateTmp(name: string): Promise<string> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), `press-${name}-`));
  await mkdir(tmp, { recursive: true });
  return tmp;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Starts a full build and waits until it has a staging folder and a running Chromium. */
async function startBuild(tmp: string): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, 'build', '--quiet', '--fresh'], { cwd: dir, env: { ...process.env, INIT_CWD: dir, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  await until(async () => (await stagingFolders()).length > 0 && processesWith(tmp).some((line) => line.includes('chromium')), 120_000, 'the build to start Chromium');
  return { child, stderr: () => stderr };
}

describe('a stopped build', () => {
  it('on SIGTERM closes the browser, removes its staging folder and leaves dist/ as it was', async () => {
    const before = await hashTree(path.join(dir, 'dist'));
    const tmp = await privateTmp('sigterm');
    const { child, stderr } = await startBuild(tmp);
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    const { code } = await exited(child);
    expect(code, stderr()).toBe(143);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(stderr()).toContain('press: stopped (SIGTERM)');
    expect(stderr()).not.toMatch(/\n\s+at /);
    await until(() => processesWith(tmp).length === 0, 10_000, 'Chromium to exit');
    expect(await stagingFolders()).toEqual([]);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  }, 240_000);

  it('killed outright leaves no browser behind, and the next build removes its staging folder', async () => {
    const before = await hashTree(path.join(dir, 'dist'));
    const tmp = await privateTmp('sigkill');
    const { child } = await startBuild(tmp);
    child.kill('SIGKILL');
    await exited(child);
    // Chromium talks to the build over a pipe: it sees the pipe close and exits.
    await until(() => processesWith(tmp).length === 0, 15_000, 'Chromium to exit after its build was killed');
    const left = await stagingFolders();
    expect(left).toHaveLength(1);
    const next = press(['build', '--formats', 'modules'], dir);
    expect(next.code, next.stderr).toBe(0);
    expect(await stagingFolders()).toEqual([]);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  }, 240_000);

  it('stops on its own when the process that started it dies (as when `pnpm press build` is killed)', async () => {
    const before = await hashTree(path.join(dir, 'dist'));
    const tmp = await privateTmp('orphan');
    // A parent like pnpm: it starts the builder and does not pass signals on.
    const parent = spawn(
      process.execPath,
      ['-e', `require('node:child_process').spawn(process.execPath, ${JSON.stringify([bin, 'build', '--quiet', '--fresh'])}, { stdio: 'ignore' }); setInterval(() => {}, 1000);`],
      { cwd: dir, env: { ...process.env, INIT_CWD: dir, TMPDIR: tmp }, stdio: 'ignore' },
    );
    await until(async () => (await stagingFolders()).length > 0 && processesWith(tmp).some((line) => line.includes('chromium')), 120_000, 'the build to start');
    const builder = Number(spawnSync('pgrep', ['-P', String(parent.pid)], { encoding: 'utf8' }).stdout.trim());
    expect(builder).toBeGreaterThan(0);
    parent.kill('SIGKILL');
    await exited(parent);
    // A zombie (exited, not yet reaped by whoever adopted it) has stopped running too.
    const running = (pid: number) => {
      const stat = spawnSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }).stdout;
      return stat !== '' && !/^\d+ \(.*\) Z /.test(stat);
    };
    await until(() => !running(builder) && processesWith(tmp).length === 0, 20_000, 'the orphaned builder and its browser to stop');
    expect(await stagingFolders()).toEqual([]);
    expect(await hashTree(path.join(dir, 'dist'))).toEqual(before);
  }, 240_000);
});
