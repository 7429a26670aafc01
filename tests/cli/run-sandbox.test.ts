import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturesDir, hashTree, repoRoot } from '../helpers.js';

// press check --run on modules whose code examples attack the machine: real bwrap, python3 and node.

const bin = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');
const fixture = path.join(fixturesDir, 'hostile', 'code');
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The built CLI as a user runs it, with `PATH` of our choosing; asynchronous so a hang cannot block the test runner's timers. */
function press(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...env, INIT_CWD: cwd } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - start }));
  });
}

/** A copy of the hostile collection as modules/, with a secret beside it. */
async function hostileCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'press-hostile-e2e-'));
  dirs.push(dir);
  await cp(fixture, path.join(dir, 'modules'), { recursive: true });
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET-beside-the-repository');
  return dir;
}

/** Host processes started by the fixture (its sleeps have lengths no one else uses). */
function leftovers(): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return /sleep 300\.4[2-6]/.test(command) ? [`${pid} ${command}`] : [];
      } catch {
        return [];
      }
    });
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`fixture has no ${needle}`);
  return text.slice(0, index).split('\n').length;
}

const writtenOnHost = ['/tmp/press-hostile-was-here.txt', '/press-hostile-outside.txt', path.join(os.tmpdir(), 'press-hostile-was-here.txt')];

describe('press check --run on hostile code examples', () => {
  it('contains every attack: each ends as a located code-example-failed, nothing escapes or survives, no stack trace', async () => {
    await Promise.all(writtenOnHost.map((file) => rm(file, { force: true })));
    const dir = await hostileCopy();
    // The content and everything beside it, but not the pipeline's own caches (the parse cache is written by any check).
    const contentOf = async () => Object.fromEntries(Object.entries(await hashTree(dir)).filter(([file]) => !file.startsWith('.press-cache/')));
    const before = await contentOf();
    const text = await readFile(path.join(dir, 'modules', 'hostile', 'module.md'), 'utf8');

    const result = await press(['check', '--run', '--skip-diagrams', 'modules'], dir);

    // One code-example-failed per attack, at its :::code directive, saying how it was stopped.
    const expected: Record<string, RegExp> = {
      writer: /`writer` failed \(exit 1\):\n[\s\S]*PermissionError: \[Errno 13\] Permission denied: '\.\.\/\.\.\/press-hostile-outside\.txt'/,
      shadow: /`shadow` failed \(exit 1\):\n[\s\S]*FileNotFoundError: \[Errno 2\] No such file or directory: '\/etc\/shadow'/,
      repository: /`repository` failed \(exit 1\):\n[\s\S]*FileNotFoundError: \[Errno 2\] No such file or directory: '\.\.\/\.\.\/secret\.txt'/,
      sleeper: /`sleeper` timed out after 30 s$/,
      network: /`network` failed \(exit 1\):\n[\s\S]*OSError: \[Errno 101\] Network is unreachable/,
      'fork-bomb': /`fork-bomb` failed \(exit 1\):\n[\s\S]*BlockingIOError: \[Errno 11\] Resource temporarily unavailable/,
      'memory-hog': /`memory-hog` failed \(exit 1\):\n[\s\S]*MemoryError/,
      chatterbox: /`chatterbox` printed more than 1 MB: the output was cut at 1 MB and the program stopped$/,
      'disk-filler': /`disk-filler` failed \(exit 1\):\n[\s\S]*OSError: \[Errno 27\] File too large/,
      'node-escape': /`node-escape` failed \(exit 1\):\nError: ENOENT: no such file or directory, open '\/etc\/shadow'\n {4}at file:\/\/\/sandbox\/escape\.mjs:4:\d+/,
      'node-syntax': /`node-syntax` failed \(exit 1\):\nfile:\/\/\/sandbox\/broken\.mjs:2\n {2}return a \+;\n {12}\^\nSyntaxError: Unexpected token ';'$/,
    };
    const findings = result.stdout.split(/^(?=modules\/)/m).filter((part) => part.includes('code-example-failed'));
    expect(findings).toHaveLength(Object.keys(expected).length);
    for (const [id, reason] of Object.entries(expected)) {
      const finding = findings.find((part) => part.includes(`\`${id}\` `));
      expect(finding, `${id}\n${result.stdout}`).toBeDefined();
      expect(finding!.startsWith(`modules/hostile/module.md:${lineOf(text, `:::code{#${id} `)}:1: error code-example-failed: `)).toBe(true);
      expect(finding!.trimEnd().replace(/\n✖.*$/, ''), id).toMatch(reason);
    }
    // The daemon and the honest examples pass: harmless inside.
    expect(result.stdout).not.toMatch(/`(daemon|honest|honest-ts)`/);
    expect(result.stdout).toMatch(/✖ 4 files checked: 11 errors, 0 warnings\n$/);
    expect(result.code).toBe(1);

    // No stack trace of press itself, and within a bounded time (the sleeper's 30 s timeout dominates).
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/packages\/|node_modules|internal error/);
    expect(result.ms).toBeLessThan(120_000);

    // Nothing escaped: no file on the host, no secret in the output, the collection untouched, no process left.
    for (const file of writtenOnHost) expect(existsSync(file), file).toBe(false);
    expect(result.stdout).not.toContain('TOP-SECRET');
    expect(result.stdout).not.toContain('FOUND');
    expect(await contentOf()).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(leftovers()).toEqual([]);
  });

  it('refuses with exit 2 and the install line when bubblewrap is missing, running nothing', async () => {
    await Promise.all(writtenOnHost.map((file) => rm(file, { force: true })));
    const dir = await hostileCopy();
    const empty = path.join(dir, 'empty-bin');
    await mkdir(empty);
    const result = await press(['check', '--run', '--skip-diagrams', 'modules'], dir, { ...process.env, PATH: empty });
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'press: --run runs module code only inside a bubblewrap sandbox, and bubblewrap (bwrap) is not installed: install it with `sudo apt-get install bubblewrap` (or run scripts/setup.sh)\n',
    });
    expect(existsSync('/tmp/press-hostile-was-here.txt')).toBe(false);
  });

  it('refuses with exit 2 when bwrap cannot create namespaces on this host', async () => {
    const dir = await hostileCopy();
    const fakeBin = path.join(dir, 'fake-bin');
    await mkdir(fakeBin);
    // What bwrap says where unprivileged user namespaces are switched off.
    await writeFile(path.join(fakeBin, 'bwrap'), '#!/bin/sh\necho "bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2\nexit 1\n');
    await chmod(path.join(fakeBin, 'bwrap'), 0o755);
    for (const tool of ['prlimit', 'setpriv']) await symlink(`/usr/bin/${tool}`, path.join(fakeBin, tool));
    const result = await press(['check', '--run', '--skip-diagrams', 'modules'], dir, { ...process.env, PATH: fakeBin });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^press: --run runs module code only inside a bubblewrap sandbox, and bwrap cannot create one on this host \(bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces\.\); /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
