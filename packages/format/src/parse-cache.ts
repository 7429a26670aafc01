import { cacheKey, codeFingerprint, megabytesFromEnv, openFileCache, pruneFileCache, type FileCache } from '@pattern-press/cache';
import { schemasDir } from '@pattern-press/schema';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { parseCatalog, type ParsedCatalog } from './parse-catalog.js';
import { parseLibrary, type ParsedLibrary } from './parse-library.js';
import type { ParsedModule, ParseModuleOptions } from './parse-module.js';
import { decodeExact, encodeExact } from './plain-json.js';
import { catalogFromPlain, catalogToPlain, fromPlain, libraryFromPlain, libraryToPlain, toPlain, type PlainParsedCatalog, type PlainParsedLibrary, type PlainParsedModule } from './serialize.js';

/**
 * The layout of an entry. The parser's code is in the key (its fingerprint),
 * so this changes only when the entry's shape does.
 */
const entryFormat = 'pattern-press/parse@1';

/** The folder of the parse cache inside a cache folder (`.press-cache/parse`). */
export const parseCacheFolder = 'parse';

/** Entries unused for this long are removed; beyond the size budget (PRESS_PARSE_CACHE_MB, default 512) the least recently used go first. */
const parseCacheMaxAgeMs = 30 * 24 * 3600 * 1000;

type Kind = 'module' | 'catalog' | 'library';

/**
 * An entry is two lines of JSON: a header (what it is, for which key, and the
 * sha256 of the body) and the body, the plain form with its document
 * (`document` or `data`) encoded exactly (plain-json.ts). The checksum makes
 * any damage a miss rather than a wrong document.
 */
interface EntryHeader {
  format: string;
  kind: Kind;
  key: string;
  tagged: boolean;
  sha256: string;
}

/** An entry's text, or undefined when JSON cannot hold the document exactly (then it is parsed every time). */
function entryText(kind: Kind, key: string, plain: object, documentField: string): string | undefined {
  const encoded = encodeExact((plain as Record<string, unknown>)[documentField]);
  if (!encoded) return undefined;
  const body = JSON.stringify({ ...plain, [documentField]: encoded.value });
  const header: EntryHeader = { format: entryFormat, kind, key, tagged: encoded.tagged, sha256: sha256(body) };
  return `${JSON.stringify(header)}\n${body}`;
}

/** The plain form an entry holds (its document decoded), or undefined when the text is not a whole entry for `key`. */
function readEntryText<T extends object>(text: string, kind: Kind, key: string, documentField: string): T | undefined {
  try {
    const newline = text.indexOf('\n');
    if (newline < 0) return undefined;
    const header = JSON.parse(text.slice(0, newline)) as EntryHeader;
    // Another layout, a file renamed over another key's name, or damaged bytes: a miss.
    if (header?.format !== entryFormat || header.kind !== kind || header.key !== key) return undefined;
    const body = text.slice(newline + 1);
    if (sha256(body) !== header.sha256) return undefined;
    const plain = JSON.parse(body) as Record<string, unknown>;
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return undefined;
    if (header.tagged) plain[documentField] = decodeExact({ tagged: true, value: plain[documentField] });
    return plain as T;
  } catch {
    return undefined;
  }
}

/** What a load took from the cache and what it parsed. */
export interface ParseCacheStats {
  /** Module files found in the cache. */
  hits: number;
  /** Module files parsed (not in the cache, or no cache). */
  parsed: number;
  /** Entries written (modules, catalog and library). */
  stored: number;
}

let schemasDigest: Promise<string> | undefined;

/** The schemas/ files the validators read at run time: not part of any package's dist/, so hashed here. */
async function digestOfSchemas(): Promise<string> {
  schemasDigest ??= (async () => {
    const hash = createHash('sha256');
    for (const name of (await readdir(schemasDir)).filter((file) => file.endsWith('.json')).sort()) {
      hash
        .update(`${name}\n`)
        .update(await readFile(path.join(schemasDir, name)))
        .update('\n');
    }
    return hash.digest('hex');
  })();
  return schemasDigest;
}

/**
 * The code a parse depends on: the compiled format package and every
 * @pattern-press package it uses (codeFingerprint), its dependencies'
 * versions, and the schemas it validates against.
 */
async function parserFingerprint(): Promise<string> {
  return cacheKey(await codeFingerprint(import.meta.url), await digestOfSchemas());
}

/**
 * The result read from an entry, on the file that was read (as a fresh parse
 * reports on it): its messages move over only once the whole entry was read,
 * so a broken entry leaves the file untouched for the parser.
 */
export function adopt<T extends { file: VFile }>(result: T, file: VFile): T {
  file.messages.push(...result.file.messages);
  result.file = file;
  return result;
}

function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Parsed and validated documents by content hash, in `<cacheDir>/parse/<key>.json`.
 * The key is the file's bytes, its path (messages name it), how it is
 * parsed (a module's catalog entry and source path) and the parser's code:
 * a hit is exactly what parsing would give, messages included.
 */
export class ParseCache {
  readonly stats: ParseCacheStats = { hits: 0, parsed: 0, stored: 0 };
  readonly #files: FileCache;
  readonly #fingerprint: string;

  private constructor(files: FileCache, fingerprint: string) {
    this.#files = files;
    this.#fingerprint = fingerprint;
  }

  static async open(cacheDir: string, options: { fingerprint?: string | undefined } = {}): Promise<ParseCache> {
    const fingerprint = options.fingerprint ?? (await parserFingerprint());
    return new ParseCache(openFileCache(path.join(cacheDir, parseCacheFolder), { extension: '.json' }), fingerprint);
  }

  get dir(): string {
    return this.#files.dir;
  }

  moduleKey(file: VFile, options: ParseModuleOptions): string {
    return cacheKey(entryFormat, 'module', this.#fingerprint, sha256(file.value), file.path, {
      catalogEntry: options.catalogEntry,
      sourcePath: options.sourcePath,
      withoutCatalogEntry: options.withoutCatalogEntry,
    });
  }

  #yamlKey(kind: Kind, file: VFile): string {
    return cacheKey(entryFormat, kind, this.#fingerprint, sha256(file.value), file.path);
  }

  async #write(kind: Kind, key: string, plain: object, documentField: string): Promise<void> {
    const text = entryText(kind, key, plain, documentField);
    if (text !== undefined) await this.storeText(key, text);
  }

  /** The module from its entry, or undefined when the entry is missing or unreadable. */
  async module(file: VFile, options: ParseModuleOptions): Promise<ParsedModule | undefined> {
    const key = this.moduleKey(file, options);
    const text = await this.#files.readText(key);
    const plain = text === undefined ? undefined : moduleFromEntryText(text, key);
    if (!plain || plain.path !== file.path) return undefined;
    try {
      const parsed = adopt(fromPlain(plain, file.value), file);
      this.stats.hits++;
      return parsed;
    } catch {
      return undefined;
    }
  }

  /** Stores a freshly parsed module (before its assets are loaded: their messages are not the parser's). */
  async storeModule(file: VFile, options: ParseModuleOptions, parsed: ParsedModule): Promise<void> {
    const key = this.moduleKey(file, options);
    const text = moduleEntryText(key, toPlain(parsed));
    if (text !== undefined) await this.storeText(key, text);
  }

  /** Stores an entry made by moduleEntryText (in a worker thread). */
  async storeText(key: string, text: string): Promise<void> {
    try {
      await this.#files.write(key, text);
      this.stats.stored++;
    } catch {
      // A read-only or full disk costs the next run a parse, not this one its result.
    }
  }

  /** The catalog from the cache, or parsed (and stored when it can be). */
  async catalog(file: VFile): Promise<ParsedCatalog> {
    // A file that could not be read carries its reason already: nothing to cache.
    if (file.messages.length > 0) return parseCatalog(file);
    const key = this.#yamlKey('catalog', file);
    const text = await this.#files.readText(key);
    const entry = text === undefined ? undefined : readEntryText<PlainParsedCatalog>(text, 'catalog', key, 'data');
    if (entry) {
      try {
        return adopt(catalogFromPlain(entry, file.value), file);
      } catch {
        // Unreadable entry: parse.
      }
    }
    const parsed = parseCatalog(file);
    const plain = catalogToPlain(parsed);
    if (plain) await this.#write('catalog', key, plain, 'data');
    return parsed;
  }

  /** The library from the cache, or parsed (and stored when it can be). */
  async library(file: VFile): Promise<ParsedLibrary> {
    if (file.messages.length > 0) return parseLibrary(file);
    const key = this.#yamlKey('library', file);
    const text = await this.#files.readText(key);
    const entry = text === undefined ? undefined : readEntryText<PlainParsedLibrary>(text, 'library', key, 'data');
    if (entry) {
      try {
        return adopt(libraryFromPlain(entry, file.value), file);
      } catch {
        // Unreadable entry: parse.
      }
    }
    const parsed = parseLibrary(file);
    const plain = libraryToPlain(parsed);
    if (plain) await this.#write('library', key, plain, 'data');
    return parsed;
  }

  /** Keeps the folder bounded; worth calling only after entries were written. */
  async prune(): Promise<void> {
    await pruneFileCache(this.#files.dir, { maxBytes: megabytesFromEnv('PRESS_PARSE_CACHE_MB', 512), maxAgeMs: parseCacheMaxAgeMs }).catch(() => undefined);
  }
}

/**
 * A module's entry as text, or undefined when JSON cannot hold its document
 * exactly. Made where the module was parsed (a worker thread included), so
 * the main thread only writes and reads it.
 */
export function moduleEntryText(key: string, plain: PlainParsedModule): string | undefined {
  return entryText('module', key, plain, 'document');
}

/** The plain module of an entry made by moduleEntryText for `key`, or undefined when the text is not one. */
export function moduleFromEntryText(text: string, key: string): PlainParsedModule | undefined {
  const plain = readEntryText<PlainParsedModule>(text, 'module', key, 'document');
  if (!plain || typeof plain.path !== 'string' || !Array.isArray(plain.messages) || !Array.isArray(plain.pointers)) return undefined;
  return plain;
}
