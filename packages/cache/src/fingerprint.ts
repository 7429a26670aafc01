import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
}

/** The folder holding the package.json nearest above `file`. */
function packageRoot(file: string): string {
  let dir = path.dirname(file);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`codeFingerprint: no package.json above ${file}`);
    dir = parent;
  }
  return dir;
}

/** Where `name` is installed as seen from `fromDir` (node's lookup through node_modules folders, without needing an export of package.json). */
async function installedPackage(name: string, fromDir: string): Promise<string | undefined> {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return realpath(path.dirname(candidate));
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function filesBelow(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.tsbuildinfo'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const memo = new Map<string, Promise<string>>();

/**
 * A hash of the code that makes an output: for our own packages (the one
 * `moduleUrl` belongs to and every `@pattern-press/*` package it depends on,
 * transitively) the bytes of their compiled `dist/` and their `assets/`; for
 * every other dependency its name and installed version. A change to any of
 * them changes the fingerprint, so cached outputs of older code are never
 * reused; comments-only edits of our sources do too, which is the safe side.
 */
export function codeFingerprint(moduleUrl: string | URL): Promise<string> {
  const root = packageRoot(fileURLToPath(moduleUrl));
  let result = memo.get(root);
  if (!result) memo.set(root, (result = fingerprintOf(root)));
  return result;
}

async function fingerprintOf(start: string): Promise<string> {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const queue = [start];
  const lines: string[] = [];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    lines.push(`package ${manifest.name}@${manifest.version}`);
    for (const file of [...(await filesBelow(path.join(dir, 'dist'))), ...(await filesBelow(path.join(dir, 'assets')))]) {
      lines.push(
        `${manifest.name}/${path.relative(dir, file)} ${createHash('sha256')
          .update(await readFile(file))
          .digest('hex')}`,
      );
    }
    for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
      const installed = await installedPackage(name, dir);
      if (!installed) {
        lines.push(`missing ${name}`);
        continue;
      }
      if (name.startsWith('@pattern-press/')) queue.push(installed);
      else {
        const dependency = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as PackageJson;
        lines.push(`dependency ${name}@${dependency.version}`);
      }
    }
  }
  for (const line of lines.sort()) hash.update(`${line}\n`);
  return hash.digest('hex');
}
