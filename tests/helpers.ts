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
    out[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
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

/** The bytes of one entry of a zip file, read back with yauzl (undefined when the zip has no such entry). */
export async function zipEntry(file: string, name: string): Promise<Buffer | undefined> {
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))));
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: import('yauzl').Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
          zip.close();
          resolve(Buffer.concat(chunks));
        });
      });
    });
    zip.on('end', () => resolve(undefined));
    zip.on('error', reject);
    zip.readEntry();
  });
}
