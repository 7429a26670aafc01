import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
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

/** Runs the built `press` in a real subprocess, as a user would (`env` added to this process's environment). */
export function press(args: string[], cwd: string, env: Record<string, string> = {}): RunResult {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env, INIT_CWD: cwd } });
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
    out[path.relative(dir, full)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
  }
  return out;
}

/**
 * A private copy of the repository's modules in which only `built` keep their
 * status (the others shown at outline), so a build covers every format
 * without growing with the content. Returns the folder holding modules/.
 */
export async function repositoryCopyBuilding(built: readonly string[], prefix = 'press-repo-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await cp(path.join(repoRoot, 'modules'), path.join(dir, 'modules'), { recursive: true });
  for (const slug of await readdir(path.join(dir, 'modules'))) {
    if (built.includes(slug) || !/^[a-z-]+$/.test(slug)) continue;
    const file = path.join(dir, 'modules', slug, 'module.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^status: (draft|review|published)$/m, 'status: outline'));
  }
  return dir;
}

/** One entry of a zip as read back: its name, its modification time and its bytes (empty for a folder). */
export interface ZipEntryRead {
  name: string;
  modified: Date;
  bytes: Buffer;
}

/**
 * Every entry of a zip file whose name `filter` accepts, in the zip's order,
 * read back with yauzl: an independent reader, not @pattern-press/output-files'
 * own, so a test never checks the zip writer with itself.
 */
export async function readZipEntries(file: string, filter: (name: string) => boolean = () => true): Promise<ZipEntryRead[]> {
  const yauzl = await import('yauzl');
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const entries: ZipEntryRead[] = [];
  try {
    for (;;) {
      const entry = await new Promise<import('yauzl').Entry | undefined>((resolve, reject) => {
        zip
          .once('entry', resolve)
          .once('end', () => resolve(undefined))
          .once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners();
      if (!entry) return entries;
      if (!filter(entry.fileName)) continue;
      const chunks: Buffer[] = [];
      if (!entry.fileName.endsWith('/')) for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      entries.push({ name: entry.fileName, modified: entry.getLastModDate({ timezone: 'UTC' }), bytes: Buffer.concat(chunks) });
    }
  } finally {
    zip.close();
  }
}

/** The bytes of one entry of a zip file (undefined when the zip has no such entry). */
export async function zipEntry(file: string, name: string): Promise<Buffer | undefined> {
  return (await readZipEntries(file, (entry) => entry === name))[0]?.bytes;
}
