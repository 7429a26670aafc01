import { checkCollection, checkStandaloneModule } from '@pattern-press/checks';
import { catalogFileName, loadCollection, moduleFileName, parseModule, readVFile, type Collection } from '@pattern-press/format';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';

export class UsageError extends Error {}

async function statOrUndefined(filePath: string) {
  return stat(filePath).catch(() => undefined);
}

/** The nearest folder at or above `start` holding catalog.yaml, or `start/modules` when that holds one. */
export async function findCollectionRoot(start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  if (await statOrUndefined(path.join(dir, 'modules', catalogFileName))) return path.join(dir, 'modules');
  for (;;) {
    if (await statOrUndefined(path.join(dir, catalogFileName))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface CheckResult {
  /** The files whose messages the user asked for. */
  files: VFile[];
  collections: Collection[];
}

/**
 * Checks what the user named: a collection folder (everything in it), a
 * module folder or file (in the context of its collection when it has one),
 * or, with no paths, the collection found from `cwd`.
 */
export async function checkPaths(paths: string[], cwd: string): Promise<CheckResult> {
  const wholeCollections = new Set<string>();
  const filesByCollection = new Map<string, Set<string>>();
  const standalone: string[] = [];
  if (paths.length === 0) {
    const root = await findCollectionRoot(cwd);
    if (!root) throw new UsageError(`no ${catalogFileName} found in ${cwd}, its modules/ folder or any folder above`);
    wholeCollections.add(root);
  }
  for (const given of paths) {
    const target = path.resolve(cwd, given);
    const info = await statOrUndefined(target);
    if (!info) throw new UsageError(`no such file or folder: ${given}`);
    if (info.isDirectory() && (await statOrUndefined(path.join(target, catalogFileName)))) {
      wholeCollections.add(target);
      continue;
    }
    const file = info.isDirectory() ? path.join(target, moduleFileName) : target;
    if (info.isDirectory() && !(await statOrUndefined(file))) {
      throw new UsageError(`${given} holds neither ${catalogFileName} nor ${moduleFileName}`);
    }
    const root = await findCollectionRoot(path.dirname(path.dirname(file)));
    const inRoot = root !== undefined && path.dirname(path.dirname(file)) === root;
    if (inRoot) {
      const set = filesByCollection.get(root) ?? new Set<string>();
      set.add(file);
      filesByCollection.set(root, set);
    } else {
      standalone.push(file);
    }
  }
  const files: VFile[] = [];
  const collections: Collection[] = [];
  for (const root of new Set([...wholeCollections, ...filesByCollection.keys()])) {
    const collection = await loadCollection(root);
    checkCollection(collection);
    collections.push(collection);
    const wanted = wholeCollections.has(root) ? undefined : filesByCollection.get(root);
    files.push(...collection.files.filter((file) => !wanted || wanted.has(file.path) || file === collection.catalog.file && file.messages.length > 0));
  }
  for (const filePath of standalone) {
    const file = await readVFile(filePath);
    if (file.messages.length === 0) checkStandaloneModule(parseModule(file));
    files.push(file);
  }
  return { files, collections };
}
