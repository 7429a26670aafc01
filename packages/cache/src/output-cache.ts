import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { swapFolder } from '@pattern-press/output-files';

export interface OutputCacheStats {
  /** Entries found and copied into an output folder. */
  hits: number;
  /** Entries looked for and not found (the output was made). */
  misses: number;
  /** Entries written. */
  stored: number;
}

export interface OutputCache {
  /** The folder holding one subfolder per entry. */
  readonly dir: string;
  /** false under `press build --fresh`: nothing is restored (fresh results are still stored); a caller's own caches follow it. */
  readonly reuse: boolean;
  readonly stats: OutputCacheStats;
  /**
   * Copies the files of entry `key` into `outDir` (same relative paths) and
   * returns those paths, or `undefined` when there is no complete entry.
   */
  restore(key: string, outDir: string): Promise<string[] | undefined>;
  /** Records `files` (relative to `outDir`) as entry `key`. An entry appears whole or not at all. */
  store(key: string, outDir: string, files: readonly string[]): Promise<void>;
}

interface EntryManifest {
  files: string[];
  bytes: number;
}

const manifestName = 'entry.json';
const filesFolder = 'files';

function assertKey(key: string): void {
  if (!/^[0-9a-f]{16,128}$/.test(key)) throw new TypeError(`output cache key must be a hex hash, got ${JSON.stringify(key)}`);
}

function assertRelative(file: string): void {
  if (path.isAbsolute(file) || file.split(/[\\/]/).includes('..')) throw new TypeError(`output cache files must be relative and inside the output folder, got ${JSON.stringify(file)}`);
}

/**
 * A content-addressed store of finished outputs under `dir`: the caller
 * derives a key from everything that decides an output's bytes (the input
 * document, the settings, `codeFingerprint` of the code) and either gets the
 * files back or makes them and stores them. With `reuse: false` nothing is
 * restored but fresh results are still stored (`press build --fresh`).
 */
export function openOutputCache(dir: string, options: { reuse?: boolean } = {}): OutputCache {
  const reuse = options.reuse ?? true;
  const stats: OutputCacheStats = { hits: 0, misses: 0, stored: 0 };
  return {
    dir,
    reuse,
    stats,
    async restore(key, outDir) {
      assertKey(key);
      const entry = path.join(dir, key);
      const manifest = reuse ? await readManifest(entry) : undefined;
      if (!manifest) {
        stats.misses++;
        return undefined;
      }
      try {
        for (const file of manifest.files) {
          assertRelative(file);
          await mkdir(path.dirname(path.join(outDir, file)), { recursive: true });
          await copyFile(path.join(entry, filesFolder, file), path.join(outDir, file));
        }
      } catch {
        // Pruned by another process while we copied: the caller makes the files, overwriting what we copied.
        stats.misses++;
        return undefined;
      }
      const now = new Date();
      // The entry's time is its last use: pruning removes the least recently used first.
      await utimes(path.join(entry, manifestName), now, now).catch(() => undefined);
      stats.hits++;
      return [...manifest.files];
    },
    async store(key, outDir, files) {
      assertKey(key);
      for (const file of files) assertRelative(file);
      const entry = path.join(dir, key);
      if (reuse && (await readManifest(entry))) return;
      const temporary = path.join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
      try {
        let bytes = 0;
        for (const file of files) {
          const target = path.join(temporary, filesFolder, file);
          await mkdir(path.dirname(target), { recursive: true });
          await copyFile(path.join(outDir, file), target);
          bytes += (await stat(target)).size;
        }
        const manifest: EntryManifest = { files: [...files].sort(), bytes };
        await writeFile(path.join(temporary, manifestName), `${JSON.stringify(manifest)}\n`);
        // Replacing an older entry of the same key (only with reuse off) must not leave a moment without one complete copy readable.
        await swapFolder(temporary, entry).catch((error: NodeJS.ErrnoException) => {
          // Another build stored the same key first: the bytes are the same, keep theirs.
          if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
        });
        stats.stored++;
      } finally {
        await rm(temporary, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Restores every entry of `keys` (output name → key) that the cache holds:
 * the names restored and the files copied (relative to `outDir`). The rest is
 * for the caller to make. Without a cache nothing is restored.
 */
export async function restoreEach(cache: OutputCache | undefined, keys: ReadonlyMap<string, string>, outDir: string): Promise<{ restored: Set<string>; files: string[] }> {
  const restored = new Set<string>();
  const files: string[] = [];
  if (!cache) return { restored, files };
  for (const [name, key] of keys) {
    const copied = await cache.restore(key, outDir);
    if (!copied) continue;
    restored.add(name);
    files.push(...copied);
  }
  return { restored, files };
}

async function readManifest(entry: string): Promise<EntryManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(entry, manifestName), 'utf8')) as EntryManifest;
    return Array.isArray(manifest.files) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export interface PruneResult {
  removed: number;
  kept: number;
  /** Bytes the kept entries hold. */
  bytes: number;
}

/**
 * Removes the least recently used entries until the rest hold at most
 * `maxBytes`; leftovers of interrupted stores go too. Every edit of a module
 * adds entries, so a build calls this at its end to keep the folder bounded.
 */
export async function pruneOutputCache(dir: string, options: { maxBytes: number }): Promise<PruneResult> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries: { entry: string; used: number; bytes: number }[] = [];
  let removed = 0;
  for (const name of names) {
    const entry = path.join(dir, name);
    if (name.startsWith('.tmp-') || name.includes('.old-')) {
      // A store in progress in another process is younger than a minute; older ones were interrupted.
      const age = Date.now() - (await stat(entry).then((info) => info.mtimeMs, () => 0));
      if (age > 60_000) await rm(entry, { recursive: true, force: true });
      continue;
    }
    const manifest = await readManifest(entry);
    const info = await stat(path.join(entry, manifestName)).catch(() => undefined);
    if (!manifest || !info) {
      await rm(entry, { recursive: true, force: true });
      removed++;
      continue;
    }
    entries.push({ entry, used: info.mtimeMs, bytes: manifest.bytes });
  }
  entries.sort((a, b) => b.used - a.used || a.entry.localeCompare(b.entry));
  let bytes = 0;
  let kept = 0;
  for (const item of entries) {
    if (bytes + item.bytes <= options.maxBytes) {
      bytes += item.bytes;
      kept++;
    } else {
      await rm(item.entry, { recursive: true, force: true });
      removed++;
    }
  }
  return { removed, kept, bytes };
}
