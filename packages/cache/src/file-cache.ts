import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FileCacheStats {
  /** Entries found and returned. */
  hits: number;
  /** Entries looked for and not found (or unreadable). */
  misses: number;
  /** Entries written. */
  stored: number;
}

/**
 * A flat folder of small entries, one file per key (`<key><extension>`): a
 * memo on disk for things that are cheap to keep and dear to make (parsed
 * module documents, rendered HTML). Shared by processes running at once
 * (turbo runs two output tasks together): an entry appears whole or not at
 * all (temporary file, then rename), and a missing or unreadable entry is a
 * miss, never an error.
 */
export interface FileCache {
  readonly dir: string;
  readonly extension: string;
  readonly stats: FileCacheStats;
  /** Whether entries are read (false: every read is a miss, writes still happen: `press build --fresh`). */
  readonly reuse: boolean;
  /** The bytes of entry `key`, or undefined. A hit marks the entry as used (for pruning). */
  read(key: string): Promise<Buffer | undefined>;
  /** Entry `key` as text (UTF-8), or undefined. */
  readText(key: string): Promise<string | undefined>;
  /** Records entry `key`; another process writing the same key at once leaves one whole copy. */
  write(key: string, data: string | Uint8Array): Promise<void>;
}

function assertKey(key: string): void {
  if (!/^[0-9a-f]{16,128}$/.test(key)) throw new TypeError(`file cache key must be a hex hash, got ${JSON.stringify(key)}`);
}

/** Marking an entry as used costs a write to the disk; once an hour is precise enough for pruning by days or by size. */
const touchAfterMs = 60 * 60 * 1000;

export function openFileCache(dir: string, options: { extension?: string; reuse?: boolean } = {}): FileCache {
  const extension = options.extension ?? '';
  const reuse = options.reuse ?? true;
  const stats: FileCacheStats = { hits: 0, misses: 0, stored: 0 };
  let made: Promise<unknown> | undefined;
  const entryPath = (key: string) => path.join(dir, `${key}${extension}`);
  const cache: FileCache = {
    dir,
    extension,
    stats,
    reuse,
    async read(key) {
      assertKey(key);
      if (!reuse) {
        stats.misses++;
        return undefined;
      }
      const file = entryPath(key);
      let handle;
      try {
        handle = await open(file, 'r');
      } catch {
        stats.misses++;
        return undefined;
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) throw new Error('not a file');
        const bytes = await handle.readFile();
        if (Date.now() - info.mtimeMs > touchAfterMs) {
          const now = new Date();
          await utimes(file, now, now).catch(() => undefined);
        }
        stats.hits++;
        return bytes;
      } catch {
        stats.misses++;
        return undefined;
      } finally {
        await handle.close().catch(() => undefined);
      }
    },
    async readText(key) {
      return (await cache.read(key))?.toString('utf8');
    },
    async write(key, data) {
      assertKey(key);
      made ??= mkdir(dir, { recursive: true });
      await made;
      const temporary = path.join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
      try {
        await writeFile(temporary, data);
        await rename(temporary, entryPath(key));
        stats.stored++;
      } finally {
        await rm(temporary, { force: true }).catch(() => undefined);
      }
    },
  };
  return cache;
}

/**
 * The text of entry `key`, made by `make` (and stored) when the cache does
 * not hold it. Without a cache it is simply `make()`.
 */
export async function cachedText(cache: FileCache | undefined, key: string, make: () => string | Promise<string>): Promise<string> {
  if (!cache) return make();
  const cached = await cache.readText(key);
  if (cached !== undefined) return cached;
  const text = await make();
  await cache.write(key, text);
  return text;
}

export interface FileCachePruneResult {
  removed: number;
  kept: number;
  /** Bytes the kept entries hold. */
  bytes: number;
}

/**
 * Keeps a file cache bounded: removes entries not used for `maxAgeMs`, then
 * the least recently used beyond `maxBytes`, and leftovers of interrupted
 * writes (temporary files older than a minute).
 */
export async function pruneFileCache(dir: string, options: { maxBytes: number; maxAgeMs?: number }): Promise<FileCachePruneResult> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  const entries: { file: string; used: number; bytes: number }[] = [];
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (name.startsWith('.tmp-')) {
      if (now - info.mtimeMs > 60_000) await rm(file, { force: true });
      continue;
    }
    if (options.maxAgeMs !== undefined && now - info.mtimeMs > options.maxAgeMs) {
      await rm(file, { force: true });
      removed++;
      continue;
    }
    entries.push({ file, used: info.mtimeMs, bytes: info.size });
  }
  entries.sort((a, b) => b.used - a.used || a.file.localeCompare(b.file));
  let bytes = 0;
  let kept = 0;
  for (const entry of entries) {
    if (bytes + entry.bytes <= options.maxBytes) {
      bytes += entry.bytes;
      kept++;
    } else {
      await rm(entry.file, { force: true });
      removed++;
    }
  }
  return { removed, kept, bytes };
}

/** A budget in bytes from an environment variable in megabytes (e.g. PRESS_PARSE_CACHE_MB), or the default. */
export function megabytesFromEnv(name: string, defaultMegabytes: number): number {
  const megabytes = Number(process.env[name]);
  return (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : defaultMegabytes) * 1024 * 1024;
}

/**
 * A lookup (name → text, e.g. a diagram's source → its SVG) that remembers
 * what it was asked and a digest of each answer. Some inputs of a cached
 * value are only known while it is made (which diagrams a page shows): the
 * entry keeps the record, and a later hit is valid only while every recorded
 * lookup still answers the same (`sameLookups`).
 */
export class LookupRecorder {
  readonly #lookup: (name: string) => string | undefined;
  readonly #record = new Map<string, string | null>();

  constructor(lookup: (name: string) => string | undefined) {
    this.#lookup = lookup;
  }

  /** Looks `name` up and records the answer. */
  readonly get = (name: string): string | undefined => {
    const value = this.#lookup(name);
    this.#record.set(name, digestOf(value));
    return value;
  };

  /** What was looked up so far: name → sha256 of the answer, or null for none. */
  record(): [string, string | null][] {
    return [...this.#record].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The lookup as a read-only Map (its `get` records), for code that takes a Map. */
  asMap(): ReadonlyMap<string, string> {
    const get = this.get;
    return new (class extends Map<string, string> {
      override get(name: string): string | undefined {
        return get(name);
      }
      override has(name: string): boolean {
        return get(name) !== undefined;
      }
    })();
  }
}

function digestOf(value: string | undefined): string | null {
  return value === undefined ? null : createHash('sha256').update(value).digest('hex');
}

/** Whether `lookup` still answers every recorded lookup as it did (see LookupRecorder). */
export function sameLookups(record: unknown, lookup: (name: string) => string | undefined): boolean {
  if (!Array.isArray(record)) return false;
  return record.every((item) => Array.isArray(item) && typeof item[0] === 'string' && digestOf(lookup(item[0])) === item[1]);
}

/**
 * Like `cachedText` for text that also depends on lookups made while it is
 * made: the entry holds the text and the record of `recorder`, and is used
 * only while `lookup` answers every recorded lookup the same. `make` must
 * look things up through `recorder` (one recorder may serve several entries
 * made from the same lookups; each entry then records all of them, which is
 * safe). `made` says whether `make` ran.
 */
export async function cachedTextWithLookups(
  cache: FileCache | undefined,
  key: string,
  recorder: LookupRecorder,
  lookup: (name: string) => string | undefined,
  make: () => string | Promise<string>,
): Promise<{ text: string; made: boolean }> {
  const stored = await cache?.readText(key);
  if (stored !== undefined) {
    try {
      const entry = JSON.parse(stored) as { lookups?: unknown; text?: unknown };
      if (typeof entry.text === 'string' && sameLookups(entry.lookups, lookup)) return { text: entry.text, made: false };
    } catch {
      // A damaged entry is made again.
    }
  }
  const text = await make();
  await cache?.write(key, JSON.stringify({ lookups: recorder.record(), text }));
  return { text, made: true };
}
