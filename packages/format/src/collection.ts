import { report } from '@pattern-press/diagnostics';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { formatBytes, loadModuleAssets, type ModuleAssets } from './assets.js';
import { parseCatalog, type ParsedCatalog } from './parse-catalog.js';
import { parseLibrary, type ParsedLibrary } from './parse-library.js';
import { parseModule, type ParsedModule, type ParseModuleOptions } from './parse-module.js';
import { adopt, moduleFromEntryText, ParseCache, type ParseCacheStats } from './parse-cache.js';
import { parseInWorkers, workersFor, type ParseJob } from './worker-pool.js';
import { PointerMap } from './pointers.js';
import { fromPlain } from './serialize.js';

/** A modules/ folder: catalog.yaml, library.yaml and one folder per module. */
export interface Collection {
  root: string;
  catalog: ParsedCatalog;
  library?: ParsedLibrary | undefined;
  /** Modules in folder-name order. */
  modules: ParsedModule[];
  /** Folders that hold a module.md, by folder name. */
  folders: string[];
  /** Every file read, for reporting. */
  files: VFile[];
  /** The files each module links to, read and checked once (by slug): the only asset bytes outputs may publish. */
  assets: Map<string, ModuleAssets>;
  /** How many module files came from the parse cache and how many were parsed (loadCollection's `cacheDir`). */
  parseStats?: ParseCacheStats;
}

export const catalogFileName = 'catalog.yaml';
export const libraryFileName = 'library.yaml';
export const moduleFileName = 'module.md';

/**
 * Limits on the files of a collection. The largest real module is about
 * 80 kB (some 30 printed pages); a module may be twelve times that. The
 * limit stops the inputs (a 5 MB front matter, a 20 MB body) that passed
 * the check and then made the build run for minutes and run out of memory.
 */
export const fileLimits = { moduleBytes: 1024 * 1024, yamlBytes: 2 * 1024 * 1024 } as const;

function unreadable(filePath: string, ruleId: 'file-unreadable' | 'file-too-large' | 'file-outside-module', reason: string, hint?: string): VFile {
  const file = new VFile({ path: filePath, value: '' });
  report(file, ruleId, reason, { place: { line: 1, column: 1 }, hint });
  return file;
}

/**
 * A file's bytes as a VFile, or a VFile carrying the reason it was not read:
 * unreadable, larger than `maxBytes` (checked on the open file before
 * reading), or not a regular file (a FIFO would block the read forever).
 */
export async function readVFile(filePath: string, maxBytes: number = fileLimits.moduleBytes): Promise<VFile> {
  let handle;
  try {
    handle = await open(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return unreadable(filePath, 'file-unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return unreadable(filePath, 'file-unreadable', 'cannot read the file: it is not a regular file');
    if (info.size > maxBytes) {
      return unreadable(filePath, 'file-too-large', `the file is ${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)}`, 'split it, or move data out of it');
    }
    return new VFile({ path: filePath, value: await handle.readFile() });
  } catch (error) {
    return unreadable(filePath, 'file-unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    await handle.close();
  }
}

/**
 * Why `filePath` may not be read as part of `folder`: it is, or passes
 * through, a symbolic link that leads outside the folder's real path.
 * Undefined when it stays inside (or does not exist: reading reports that).
 */
async function escapeOf(filePath: string, folder: string): Promise<string | undefined> {
  const [real, realFolder] = await Promise.all([realpath(filePath).catch(() => undefined), realpath(folder).catch(() => undefined)]);
  if (real === undefined || realFolder === undefined) return undefined;
  const relative = path.relative(realFolder, real);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return undefined;
  return `${path.basename(filePath)} is a symbolic link that leads out of ${path.basename(folder)}/: it is not read`;
}

/** A file of `folder` read only when it stays inside the folder after following symbolic links. */
async function readContainedVFile(filePath: string, folder: string, maxBytes: number): Promise<VFile> {
  const escape = await escapeOf(filePath, folder);
  if (escape) return unreadable(filePath, 'file-outside-module', escape, 'replace the link by the file itself');
  return readVFile(filePath, maxBytes);
}

async function exists(filePath: string): Promise<boolean> {
  return stat(filePath).then(
    () => true,
    () => false,
  );
}

/** Whether `dir` is a module collection (holds catalog.yaml). */
export async function isCollectionRoot(dir: string): Promise<boolean> {
  return exists(path.join(dir, catalogFileName));
}

/** Reads and parses one module file; an unreadable file comes back with its diagnostic. */
export async function parseModuleFile(filePath: string, options: ParseModuleOptions): Promise<ParsedModule> {
  const file = await readContainedVFile(filePath, path.dirname(filePath), fileLimits.moduleBytes);
  if (file.messages.length > 0) return { file, valid: false, schemaValid: false, pointers: new PointerMap() };
  return parseModule(file, options);
}

/** How a module file of a collection is parsed: with its catalog entry, its path shown relative to the repository. */
function moduleOptions(filePath: string, catalog?: ParsedCatalog): ParseModuleOptions {
  const slug = path.basename(path.dirname(filePath));
  const catalogEntry = catalog?.entries.get(slug);
  return {
    catalogEntry,
    // The catalog reports a broken or missing entry itself; its fields are not also errors on the module.
    withoutCatalogEntry: catalog !== undefined && !catalogEntry,
    sourcePath: path.relative(path.dirname(path.dirname(path.dirname(filePath))), filePath),
  };
}

/** Parses one module file in the context of its collection's catalog (when there is one). */
export async function loadModule(filePath: string, catalog?: ParsedCatalog): Promise<ParsedModule> {
  return parseModuleFile(filePath, moduleOptions(filePath, catalog));
}

export interface LoadCollectionOptions {
  /**
   * Worker threads for parsing modules. Default: when at least 50 files must
   * actually be parsed (cache misses), one per core the load average leaves
   * idle (up to 8), none when fewer than two are idle (worker-pool.ts).
   * PRESS_PARSE_WORKERS=n overrides the default.
   */
  workers?: number;
  /**
   * A cache folder (`.press-cache`): parsed and validated documents are kept
   * in `<cacheDir>/parse/` by content hash, so an unchanged file is not
   * parsed again. Without one every file is parsed.
   */
  cacheDir?: string | undefined;
  /** Replaces the parser's code fingerprint in cache keys (tests: a different parser). */
  codeFingerprint?: string | undefined;
}

/** At most this many module files are open at once while a collection is read. */
const readConcurrency = 16;

async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}

function unparsed(file: VFile): ParsedModule {
  return { file, valid: false, schemaValid: false, pointers: new PointerMap() };
}

/**
 * Parses the module files of a collection: each read here (inside its folder,
 * within the size limit), then taken from the parse cache by content hash or
 * parsed, on the main thread or on worker threads, and stored.
 */
async function parseModules(paths: readonly string[], catalog: ParsedCatalog, cache: ParseCache | undefined, options: LoadCollectionOptions): Promise<ParsedModule[]> {
  const parsed = new Array<ParsedModule>(paths.length);
  const misses: { index: number; file: VFile; options: ParseModuleOptions }[] = [];
  await mapLimit(paths, readConcurrency, async (filePath, index) => {
    const file = await readContainedVFile(filePath, path.dirname(filePath), fileLimits.moduleBytes);
    if (file.messages.length > 0) {
      parsed[index] = unparsed(file);
      return;
    }
    const parseOptions = moduleOptions(filePath, catalog);
    const hit = await cache?.module(file, parseOptions);
    if (hit) parsed[index] = hit;
    else misses.push({ index, file, options: parseOptions });
  });
  misses.sort((a, b) => a.index - b.index);
  if (cache) cache.stats.parsed += misses.length;
  const workers = workersFor(misses.length, options.workers);
  if (workers > 1 && misses.length > 1) {
    const jobs: ParseJob[] = misses.map((miss) => ({
      path: miss.file.path,
      bytes: miss.file.value as Uint8Array,
      options: miss.options,
      key: cache?.moduleKey(miss.file, miss.options) ?? '0'.repeat(64),
    }));
    const responses = await parseInWorkers(jobs, workers);
    await mapLimit(misses, readConcurrency, async (miss, position) => {
      const { text, plain } = responses[position]!;
      const job = jobs[position]!;
      const fromWorker = text !== undefined ? moduleFromEntryText(text, job.key) : plain;
      if (!fromWorker) throw new Error(`internal error: the parse worker's result for ${miss.file.path} is unreadable`);
      parsed[miss.index] = adopt(fromPlain(fromWorker, miss.file.value), miss.file);
      if (cache && text !== undefined) await cache.storeText(job.key, text);
    });
  } else {
    for (const miss of misses) {
      const module = parseModule(miss.file, miss.options);
      parsed[miss.index] = module;
      await cache?.storeModule(miss.file, miss.options, module);
    }
  }
  return parsed;
}

/**
 * A module folder that is a symbolic link: reported on its catalog entry
 * (or the link itself when it has none) instead of being skipped, which
 * would read as "the folder is missing".
 */
function linkedFolderFile(root: string, name: string, catalog: ParsedCatalog): VFile {
  const entry = catalog.entries.get(name);
  const reason = `the module folder \`${name}\` is a symbolic link: module folders must be real folders inside ${path.basename(root)}/, so it is not read`;
  if (entry) {
    report(catalog.file, 'file-outside-module', reason, { place: entry.places.slug ?? entry.places.entry, hint: 'replace the link by the folder itself' });
    return catalog.file;
  }
  const file = new VFile({ path: path.join(root, name), value: '' });
  report(file, 'file-outside-module', reason, { place: { line: 1, column: 1 }, hint: 'replace the link by the folder itself' });
  return file;
}

/**
 * Reads and parses a whole collection: the catalog, the library, every
 * module folder, and the files each module links to. Nothing outside `root`
 * is read: linked folders and files that lead out of it are reported, not followed.
 */
export async function loadCollection(root: string, options: LoadCollectionOptions = {}): Promise<Collection> {
  // The cache replaces parsing only: every containment check, size limit and asset read below runs on every load.
  const cache = options.cacheDir ? await ParseCache.open(options.cacheDir, { fingerprint: options.codeFingerprint }) : undefined;
  const catalogFile = await readContainedVFile(path.join(root, catalogFileName), root, fileLimits.yamlBytes);
  const catalog = cache ? await cache.catalog(catalogFile) : parseCatalog(catalogFile);
  const libraryPath = path.join(root, libraryFileName);
  let library: ParsedLibrary | undefined;
  if (await exists(libraryPath)) {
    const libraryFile = await readContainedVFile(libraryPath, root, fileLimits.yamlBytes);
    library = cache ? await cache.library(libraryFile) : parseLibrary(libraryFile);
  }
  const entries = await readdir(root, { withFileTypes: true });
  const folders: string[] = [];
  const refused: VFile[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && (await exists(path.join(root, entry.name, moduleFileName)))) folders.push(entry.name);
    else if (entry.isSymbolicLink() && (await exists(path.join(root, entry.name, moduleFileName)))) {
      folders.push(entry.name);
      const file = linkedFolderFile(root, entry.name, catalog);
      if (file !== catalog.file) refused.push(file);
    }
  }
  const linked = new Set(entries.filter((entry) => entry.isSymbolicLink()).map((entry) => entry.name));
  const paths = folders.filter((folder) => !linked.has(folder)).map((folder) => path.join(root, folder, moduleFileName));
  // Symbolic links are resolved here, before any file is read.
  const escapes = await mapLimit(paths, readConcurrency, (filePath) => escapeOf(filePath, path.dirname(filePath)));
  const safePaths = paths.filter((_, index) => escapes[index] === undefined);
  const parsed = await parseModules(safePaths, catalog, cache, options);
  const bySafePath = new Map(safePaths.map((filePath, index) => [filePath, parsed[index]!]));
  const modules = paths.map(
    (filePath, index): ParsedModule =>
      bySafePath.get(filePath) ?? unparsed(unreadable(filePath, 'file-outside-module', escapes[index]!, 'replace the link by the file itself')),
  );
  const assets = new Map<string, ModuleAssets>();
  for (const module of modules) {
    if (!module.document) continue;
    const folder = path.dirname(module.file.path);
    const moduleAssets = await loadModuleAssets(folder, module.document, module.file);
    assets.set(path.basename(folder), moduleAssets);
    if (module.file.messages.some((message) => message.fatal === true)) module.valid = false;
  }
  if (cache && cache.stats.stored > 0) await cache.prune();
  const files = [catalog.file, ...(library ? [library.file] : []), ...modules.map((module) => module.file), ...refused];
  const collection: Collection = { root, catalog, library, modules, folders, files, assets };
  if (cache) collection.parseStats = cache.stats;
  return collection;
}
