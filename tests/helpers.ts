import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');
const bin = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `press` in a real subprocess, as a user would. */
export function press(args: string[], cwd: string): RunResult {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A private copy of a fixture collection (tests may break it). */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `press-${name}-`));
  await cp(path.join(fixturesDir, name), path.join(dir, 'modules'), { recursive: true });
  return dir;
}

/** sha256 of every file under `dir`, by relative path. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return out;
}
