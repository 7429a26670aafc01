import { report } from '@pattern-press/diagnostics';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { parseCatalog, type ParsedCatalog } from './parse-catalog.js';
import { parseLibrary, type ParsedLibrary } from './parse-library.js';
import { parseModule, type ParsedModule, type ParseModuleOptions } from './parse-module.js';
import { defaultWorkerCount, parallelThreshold, parseFilesInWorkers } from './worker-pool.js';
import { PointerMap } from './pointers.js';

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
}

export const catalogFileName = 'catalog.yaml';
export const libraryFileName = 'library.yaml';
export const moduleFileName = 'module.md';

/** A file's bytes as a VFile, or a VFile carrying `file-unreadable`. */
export async function readVFile(filePath: string): Promise<VFile> {
  try {
    return new VFile({ path: filePath, value: await readFile(filePath) });
  } catch (error) {
    const file = new VFile({ path: filePath, value: '' });
    report(file, 'file-unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return file;
  }
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
  const file = await readVFile(filePath);
  if (file.messages.length > 0) return { file, valid: false, schemaValid: false, pointers: new PointerMap() };
  return parseModule(file, options);
}

/** How a module file of a collection is parsed: with its catalog entry, its path shown relative to the repository. */
function moduleOptions(filePath: string, catalog?: ParsedCatalog): ParseModuleOptions {
  const slug = path.basename(path.dirname(filePath));
  const catalogEntry = catalog?.entries.get(slug);
  return {
    catalogEntry,
    withoutCatalogEntry: catalog?.valid === true && !catalogEntry,
    sourcePath: path.relative(path.dirname(path.dirname(path.dirname(filePath))), filePath),
  };
}

/** Parses one module file in the context of its collection's catalog (when there is one). */
export async function loadModule(filePath: string, catalog?: ParsedCatalog): Promise<ParsedModule> {
  return parseModuleFile(filePath, moduleOptions(filePath, catalog));
}

export interface LoadCollectionOptions {
  /** Worker threads for parsing modules; large collections use one per core by default. */
  workers?: number;
}

/** Reads and parses a whole collection: the catalog, the library and every module folder. */
export async function loadCollection(root: string, options: LoadCollectionOptions = {}): Promise<Collection> {
  const catalogFile = await readVFile(path.join(root, catalogFileName));
  const catalog = parseCatalog(catalogFile);
  const libraryPath = path.join(root, libraryFileName);
  const library = (await exists(libraryPath)) ? parseLibrary(await readVFile(libraryPath)) : undefined;
  const entries = await readdir(root, { withFileTypes: true });
  const folders: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && (await exists(path.join(root, entry.name, moduleFileName)))) folders.push(entry.name);
  }
  const paths = folders.map((folder) => path.join(root, folder, moduleFileName));
  const workers = options.workers ?? (paths.length >= parallelThreshold ? defaultWorkerCount() : 1);
  const modules =
    workers > 1
      ? await parseFilesInWorkers(paths.map((filePath) => ({ path: filePath, options: moduleOptions(filePath, catalog) })), workers)
      : await Promise.all(paths.map((filePath) => loadModule(filePath, catalog)));
  const files = [catalogFile, ...(library ? [library.file] : []), ...modules.map((module) => module.file)];
  return { root, catalog, library, modules, folders, files };
}
