import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { type Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import rangeParser from 'range-parser';
import { contentTypeOf, isActiveDocument, isCompressible, isHtml } from './mime.js';

/** The Content-Security-Policy values press serve sends (the OpenAPI document quotes them). */
export const securityPolicies = {
  /** Module assets (untrusted) and any SVG or XML: rendered, never scripted. */
  sandbox: "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self' data:",
  /** The build's HTML pages: everything from this server, nothing remote; inline scripts only in slide decks. */
  html: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
  /** Slide decks: reveal.js starts from an inline script and its speaker view writes inline scripts into its window. */
  deck: "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
  /** The page at / (written by the server): no scripts at all. */
  index: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
} as const;

/** The top folders of dist/ press serve answers from; everything else is 404. */
export const servedFolders = ['api/v1', 'pdf', 'scorm', 'slides', 'report', 'schedule', 'modules'] as const;

/** Module assets: copied from module folders, so untrusted. */
const assetsFolder = 'api/v1/assets/';

/** What a request path names under the served root. */
export type Resolution =
  | { kind: 'file'; handle: FileHandle; info: Stats; relative: string; realRelative: string }
  | { kind: 'redirect'; status: 301 | 302; location: string }
  | { kind: 'site-index' }
  | { kind: 'not-found' };

function inside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

const missing = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR', 'ENAMETOOLONG', 'EACCES', 'EPERM']);

function isMissing(error: unknown): boolean {
  return missing.has((error as NodeJS.ErrnoException).code ?? '');
}

/** The real path of `candidate` when it exists and stays inside `realRoot` (symbolic links followed), with no hidden segment. */
async function containedRealPath(realRoot: string, candidate: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(candidate);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  if (!inside(realRoot, real)) return undefined;
  if (path.relative(realRoot, real).split(path.sep).some((segment) => segment.startsWith('.'))) return undefined;
  return real;
}

/**
 * What `rawPath` (already vetted by pathProblem) names under `root`: `/` is
 * the site index, `/api/v1` and `/api/v1/` redirect to the API index, a
 * folder with an index.html is served as that page (301 to add the final
 * slash), and a file is opened only when its real path, every symbolic link
 * followed, stays inside the real path of `root`. Hidden files and folders and
 * anything outside `folders` (default servedFolders) are not found.
 */
export async function resolve(root: string, rawPath: string, query: string, folders: readonly string[] = servedFolders): Promise<Resolution> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'not-found' };
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return { kind: 'not-found' };
  if (segments.length === 0) return { kind: 'site-index' };
  const joined = segments.join('/');
  if (joined === 'api/v1') return { kind: 'redirect', status: 302, location: '/api/v1/index.json' };
  if (!folders.some((folder) => joined.startsWith(`${folder}/`) || joined === folder)) return { kind: 'not-found' };

  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined) return { kind: 'not-found' };
  let real = await containedRealPath(realRoot, path.join(realRoot, ...segments));
  if (real === undefined) return { kind: 'not-found' };
  let relative = joined;
  const info = await stat(real);
  if (info.isDirectory()) {
    const index = await containedRealPath(realRoot, path.join(real, 'index.html'));
    if (index === undefined) return { kind: 'not-found' };
    if (!decoded.endsWith('/')) return { kind: 'redirect', status: 301, location: `${rawPath}/${query}` };
    real = index;
    relative = `${joined}/index.html`;
  }
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: the real path has no link left, so a link swapped in since is refused; O_NONBLOCK: a FIFO never blocks.
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (isMissing(error)) return { kind: 'not-found' };
    throw error;
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) {
      await handle.close();
      return { kind: 'not-found' };
    }
    return { kind: 'file', handle, info: opened, relative, realRelative: path.relative(realRoot, real).split(path.sep).join('/') };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Revalidate what changes with every build; let downloads be reused for a while. */
export function cacheControlFor(relative: string): string {
  const extension = path.extname(relative).toLowerCase();
  if (relative.startsWith('api/') || ['.json', '.html', '.htm', ''].includes(extension)) return 'public, no-cache';
  return 'public, max-age=300';
}

/**
 * The Content-Security-Policy of a file, from where it is (its URL path and
 * its real path) and its type: module assets and any SVG or XML are
 * sandboxed (no script, nothing remote); the build's HTML pages load
 * everything from this server and nothing remote, with inline scripts only in
 * slide decks (reveal.js and its speaker view need them).
 */
export function securityPolicyFor(relative: string, realRelative: string): string | undefined {
  if (relative.startsWith(assetsFolder) || realRelative.startsWith(assetsFolder)) return securityPolicies.sandbox;
  if (isActiveDocument(relative) || isActiveDocument(realRelative)) return securityPolicies.sandbox;
  if (isHtml(relative)) return relative.startsWith('slides/') && realRelative.startsWith('slides/') ? securityPolicies.deck : securityPolicies.html;
  return undefined;
}

/** A small least-recently-used map with a budget (entries or bytes). */
class Lru<V> {
  private readonly entries = new Map<string, { value: V; cost: number }>();
  private total = 0;
  constructor(private readonly budget: number, private readonly costOf: (value: V) => number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const cost = this.costOf(value);
    if (cost > this.budget) return;
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.cost;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, cost });
    this.total += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break;
      this.entries.delete(oldest);
      this.total -= entry.cost;
    }
  }
}

/** Files up to this size are read whole (hashed and, when text, compressed once and kept). */
const wholeFileBytes = 8 * 1024 * 1024;
/** Smaller bodies are not worth compressing. */
const compressThreshold = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export type Encoding = 'br' | 'gzip';

/** The strong ETag of these bytes: `"sha256-<base64url of the SHA-256>"`. */
export function etagOf(bytes: Buffer | string): string {
  return `"sha256-${createHash('sha256').update(bytes).digest('base64url')}"`;
}

/** The ETag of a compressed answer: another representation, so another strong validator. */
function encodedEtag(etag: string, encoding: Encoding): string {
  return `${etag.slice(0, -1)}.${encoding === 'br' ? 'br' : 'gz'}"`;
}

/**
 * Content hashes of files, computed once per (device, inode, size, mtime,
 * ctime): a rebuild that writes the same bytes keeps every ETag, and a stat is
 * all a cached file costs. Compressed bodies are kept by ETag, within a byte
 * budget.
 */
export class FileCache {
  private readonly etags = new Lru<string>(20_000, () => 1);
  private readonly inflight = new Map<string, Promise<{ etag: string; bytes?: Buffer }>>();
  private readonly compressed = new Lru<Buffer>(64 * 1024 * 1024, (bytes) => bytes.length);
  private readonly compressing = new Map<string, Promise<Buffer>>();

  private static key(info: Stats): string {
    return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
  }

  /** The file's ETag, and its bytes when they had to be read for it (small files). */
  async etag(handle: FileHandle, info: Stats): Promise<{ etag: string; bytes?: Buffer }> {
    const key = FileCache.key(info);
    const known = this.etags.get(key);
    if (known !== undefined) return { etag: known };
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      pending = hashFile(handle, info).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
      const { etag } = await pending;
      this.etags.set(key, etag);
      return pending;
    }
    // Another request is hashing the same file through its own handle: its bytes are not ours to send.
    return { etag: (await pending).etag };
  }

  /** The compressed body of a file of at most wholeFileBytes, kept by ETag and encoding. */
  async compress(etag: string, encoding: Encoding, read: () => Promise<Buffer>): Promise<Buffer> {
    const key = `${etag}:${encoding}`;
    const known = this.compressed.get(key);
    if (known !== undefined) return known;
    let pending = this.compressing.get(key);
    if (pending === undefined) {
      pending = read()
        .then((bytes) =>
          encoding === 'br'
            ? brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
            : gzip(bytes, { level: 6 }),
        )
        .then((bytes) => {
          this.compressed.set(key, bytes);
          return bytes;
        })
        .finally(() => this.compressing.delete(key));
      this.compressing.set(key, pending);
    }
    return pending;
  }
}

async function hashFile(handle: FileHandle, info: Stats): Promise<{ etag: string; bytes?: Buffer }> {
  if (info.size <= wholeFileBytes) {
    const bytes = await readAll(handle, info.size);
    return { etag: etagOf(bytes), bytes };
  }
  const hash = createHash('sha256');
  for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) hash.update(chunk as Buffer);
  return { etag: `"sha256-${hash.digest('base64url')}"` };
}

/** The first `size` bytes of the file, read from offset 0 whatever the handle's position. */
async function readAll(handle: FileHandle, size: number): Promise<Buffer> {
  const bytes = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return offset === size ? bytes : bytes.subarray(0, offset);
}

/** A representation to send: a file (through its handle) or bytes made by the server. */
export interface Entity {
  size: number;
  etag: string;
  /** Omitted for pages the server writes. */
  lastModified?: Date | undefined;
  contentType: string;
  compressible: boolean;
  cacheControl: string;
  securityPolicy?: string | undefined;
  /** The whole body, when in memory. */
  bytes?: Buffer | undefined;
  /** Reads bytes [start, end] (inclusive) of the file. */
  stream?: ((start: number, end: number) => Readable) | undefined;
  /** Reads the whole body into memory (files up to wholeFileBytes). */
  readAll?: (() => Promise<Buffer>) | undefined;
}

/** The entity of an opened file: its ETag computed (or remembered), its headers decided. */
export async function fileEntity(cache: FileCache, handle: FileHandle, info: Stats, relative: string, realRelative: string): Promise<Entity> {
  const { etag, bytes } = await cache.etag(handle, info);
  return {
    size: info.size,
    etag,
    lastModified: info.mtime,
    contentType: contentTypeOf(relative),
    compressible: isCompressible(relative),
    cacheControl: cacheControlFor(relative),
    securityPolicy: securityPolicyFor(relative, realRelative),
    bytes,
    stream: (start, end) => handle.createReadStream({ start, end, autoClose: false }),
    readAll: () => readAll(handle, info.size),
  };
}

/** A response to write: status, headers, and a body (bytes or a stream) unless HEAD or bodiless. */
export interface Answer {
  status: number;
  headers: Record<string, string | number>;
  body?: Buffer | Readable | undefined;
  /** Set for 412 and 416: the JSON error the caller sends. */
  error?: { code: 'precondition_failed' | 'range_not_satisfiable'; message: string } | undefined;
}

/** Entity tags of a list header (`"a", W/"b"`), or '*' . */
function entityTags(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  return [...header.matchAll(/(W\/)?"[^"]*"/g)].map((match) => match[0]);
}

/** The ETags the entity answers to: its own and those of its compressed forms. */
function validators(etag: string): string[] {
  return [etag, encodedEtag(etag, 'br'), encodedEtag(etag, 'gzip')];
}

function parseDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

type RequestHeaders = Record<string, string | string[] | undefined>;

function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * How to answer GET or HEAD for an entity, after RFC 9110's preconditions:
 * If-Match (412 unless * or a current ETag, compared strongly), else
 * If-Unmodified-Since; If-None-Match (304 when any tag matches, compared
 * weakly), else If-Modified-Since; then one byte Range (206, or 416 with
 * `Content-Range: bytes *\/size` when it starts past the end; malformed, other
 * units or several ranges are ignored, as If-Range may say), then br or gzip
 * for text.
 */
export async function answerFor(cache: FileCache, entity: Entity, method: string, headers: RequestHeaders): Promise<Answer> {
  const base: Record<string, string | number> = {
    'content-type': entity.contentType,
    etag: entity.etag,
    'cache-control': entity.cacheControl,
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  };
  if (entity.lastModified) base['last-modified'] = entity.lastModified.toUTCString();
  if (entity.compressible) base.vary = 'Accept-Encoding';
  if (entity.securityPolicy) base['content-security-policy'] = entity.securityPolicy;
  const current = validators(entity.etag);
  const strip = (tag: string) => tag.replace(/^W\//, '');

  const ifMatch = header(headers, 'if-match');
  if (ifMatch !== undefined) {
    const tags = entityTags(ifMatch);
    // Strong comparison: a weak tag never matches.
    if (tags !== '*' && !tags.some((tag) => !tag.startsWith('W/') && current.includes(tag))) {
      return { status: 412, headers: base, error: { code: 'precondition_failed', message: `If-Match ${ifMatch} does not match the current ETag ${entity.etag}` } };
    }
  } else {
    const since = parseDate(header(headers, 'if-unmodified-since'));
    if (since !== undefined && entity.lastModified && seconds(entity.lastModified) > since) {
      return { status: 412, headers: base, error: { code: 'precondition_failed', message: `the file changed after ${header(headers, 'if-unmodified-since')}` } };
    }
  }

  const ifNoneMatch = header(headers, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    const tags = entityTags(ifNoneMatch);
    if (tags === '*' || tags.some((tag) => current.includes(strip(tag)))) return notModified(base);
  } else {
    const since = parseDate(header(headers, 'if-modified-since'));
    if (since !== undefined && entity.lastModified && seconds(entity.lastModified) <= since) return notModified(base);
  }

  const range = header(headers, 'range');
  if (range !== undefined && wellFormedRange(range) && rangeApplies(entity, header(headers, 'if-range'))) {
    const ranges = rangeParser(entity.size, range, { combine: true });
    if (ranges === -1) {
      return {
        status: 416,
        headers: { ...base, 'content-range': `bytes */${entity.size}` },
        error: { code: 'range_not_satisfiable', message: `${range} is outside the ${entity.size} bytes of the file` },
      };
    }
    if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1) {
      const { start, end } = ranges[0]!;
      const length = end - start + 1;
      const headersOut = { ...base, 'content-range': `bytes ${start}-${end}/${entity.size}`, 'content-length': length };
      if (method === 'HEAD') return { status: 206, headers: headersOut };
      return { status: 206, headers: headersOut, body: entity.bytes ? entity.bytes.subarray(start, end + 1) : entity.stream!(start, end) };
    }
  }

  const encoding = entity.compressible && entity.size >= compressThreshold ? (negotiate(header(headers, 'accept-encoding') ?? '', ['br', 'gzip']) as Encoding | null) : null;
  if (encoding) {
    const encoded = { ...base, etag: encodedEtag(entity.etag, encoding), 'content-encoding': encoding };
    if (entity.bytes !== undefined || entity.size <= wholeFileBytes) {
      const bytes = entity.bytes;
      const compressed = await cache.compress(entity.etag, encoding, async () => bytes ?? (await entity.readAll!()));
      return { status: 200, headers: { ...encoded, 'content-length': compressed.length }, body: method === 'HEAD' ? undefined : compressed };
    }
    if (method === 'HEAD') return { status: 200, headers: encoded };
    const compressor = encoding === 'br' ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }) : zlib.createGzip();
    const source = entity.stream!(0, entity.size - 1);
    source.on('error', (error) => compressor.destroy(error));
    return { status: 200, headers: encoded, body: source.pipe(compressor) };
  }
  const whole = { ...base, 'content-length': entity.size };
  if (method === 'HEAD') return { status: 200, headers: whole };
  if (entity.size === 0) return { status: 200, headers: whole, body: Buffer.alloc(0) };
  return { status: 200, headers: whole, body: entity.bytes ?? entity.stream!(0, entity.size - 1) };
}

function notModified(base: Record<string, string | number>): Answer {
  const headers: Record<string, string | number> = {};
  for (const name of ['etag', 'cache-control', 'vary', 'last-modified', 'content-security-policy', 'x-content-type-options']) {
    if (base[name] !== undefined) headers[name] = base[name]!;
  }
  return { status: 304, headers };
}

/**
 * A `bytes=` range set as RFC 9110 writes it, every int-range with its last
 * position at or after its first. Anything else (another unit, garbage,
 * `bytes=5-2`) is ignored rather than answered with 416, which is only for a
 * well-formed range that starts past the end.
 */
export function wellFormedRange(value: string): boolean {
  const match = /^bytes=(.*)$/.exec(value.trim());
  if (!match) return false;
  const specs = match[1]!.split(',').map((spec) => spec.trim()).filter((spec) => spec !== '');
  if (specs.length === 0) return false;
  return specs.every((spec) => {
    const int = /^(\d+)-(\d*)$/.exec(spec);
    if (int) return int[2] === '' || Number(int[2]) >= Number(int[1]);
    return /^-\d+$/.test(spec);
  });
}

/** If-Range: honour Range only while the validator is current (a strong ETag, or exactly the Last-Modified date). */
function rangeApplies(entity: Entity, ifRange: string | undefined): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"')) return validators(entity.etag).includes(value);
  if (value.startsWith('W/')) return false;
  const date = parseDate(value);
  return date !== undefined && entity.lastModified !== undefined && seconds(entity.lastModified) === date;
}
