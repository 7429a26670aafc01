import { checkCollection, checkDiagramSizes, checkQuality, checkStandaloneModule, runCodeExamples, SandboxUnavailableError, validateDiagrams, type ModuleQuality } from '@pattern-press/checks';
import { catalogFileName, loadCollection, loadModuleAssets, moduleFileName, parseModuleFile, type Collection } from '@pattern-press/format';
import { scheduleInputFromCollection, scheduleTimeline, type SchedulePlan, type ScheduleResult } from '@pattern-press/schedule';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';

export class UsageError extends Error {}

/**
 * `--run`: module code is untrusted, so where no sandbox can be made the
 * command refuses as a usage error (exit 2, the install line), never runs it bare.
 */
export async function runCodeOrRefuse(collection: Collection): ReturnType<typeof runCodeExamples> {
  try {
    return await runCodeExamples(collection);
  } catch (error) {
    if (error instanceof SandboxUnavailableError) throw new UsageError(error.message);
    throw error;
  }
}

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
  /** Checklist state of every readable module, by collection. */
  quality: ModuleQuality[][];
}

export interface CheckOptions {
  /** Run code examples and replay exam scenarios (`--run`). */
  run?: boolean | undefined;
  /** Parse Mermaid diagrams in Chromium (default true; cached by source hash). */
  diagrams?: boolean;
  /** Where content-hash caches live (default: .press-cache beside modules/). */
  cacheDir?: string;
  /** The timeline's status date (`--now`) when the catalog sets none. */
  statusDate?: string | undefined;
}

/**
 * The timeline is part of the content: a plan that cannot be made (a busy
 * team, a calendar without working days) is a content error. The dependency
 * graph is checked once, by checkCollection: the scheduler only refuses a knot.
 */
function scheduled(collection: Collection, statusDate: string | undefined): ScheduleResult {
  const input = scheduleInputFromCollection(collection);
  return input ? scheduleTimeline(input, { statusDate, dependenciesChecked: true }) : { problems: [] };
}

/**
 * Adds messages to the VFile of the same path (one entry per file in the
 * summary), dropping any already there: the outputs re-report the timeline's
 * findings the checks made (its warnings).
 */
export function mergeMessages(files: VFile[], extra: VFile[]): void {
  const key = (m: VFile['messages'][number]) => `${m.ruleId}|${m.line}|${m.column}|${m.reason}`;
  for (const problem of extra) {
    const same = files.find((file) => file.path === problem.path);
    if (!same) {
      files.push(problem);
      continue;
    }
    const seen = new Set(same.messages.map(key));
    same.messages.push(...problem.messages.filter((message) => !seen.has(key(message))));
  }
}

/** The cache folder of a collection: beside its modules/ folder. */
export function cacheDirFor(root: string): string {
  return path.join(path.dirname(root), '.press-cache');
}

export interface CollectionCheck {
  collection: Collection;
  /** Checklist state of every readable module. */
  quality: ModuleQuality[];
  /** The authoring plan, when the catalog has a timeline and it can be planned. */
  plan?: SchedulePlan | undefined;
}

/**
 * The one check pipeline of every command (check, build, report, schedule,
 * promote, dev): load, the collection's checks, diagrams, optionally the
 * code examples, the quality checklist and the timeline. Every problem is on
 * `collection.files`, each once.
 */
export async function checkCollectionAt(root: string, options: CheckOptions = {}): Promise<CollectionCheck> {
  const cacheDir = options.cacheDir ?? cacheDirFor(root);
  // Unchanged files come from the parse cache (.press-cache/parse), shared by check, build, dev and every turbo task.
  const collection = await loadCollection(root, { cacheDir });
  checkCollection(collection);
  // Without Chromium (--skip-diagrams) the size limit still holds: it needs only the source.
  if (options.diagrams === false) checkDiagramSizes(collection);
  const diagramErrors = options.diagrams === false ? undefined : await validateDiagrams(collection, { cacheDir });
  const runFindings = options.run ? await runCodeOrRefuse(collection) : undefined;
  const quality = checkQuality(collection, { diagramErrors, runFindings });
  const { plan, problems } = scheduled(collection, options.statusDate);
  mergeMessages(collection.files, problems);
  return { collection, quality, plan };
}

/**
 * Checks what the user named: a collection folder (everything in it), a
 * module folder or file (in the context of its collection when it has one),
 * or, with no paths, the collection found from `cwd`.
 */
export async function checkPaths(paths: string[], cwd: string, options: CheckOptions = {}): Promise<CheckResult> {
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
  const quality: ModuleQuality[][] = [];
  for (const root of new Set([...wholeCollections, ...filesByCollection.keys()])) {
    const checked = await checkCollectionAt(root, { ...options, cacheDir: options.cacheDir ?? cacheDirFor(root) });
    const { collection } = checked;
    quality.push(checked.quality);
    collections.push(collection);
    const wanted = wholeCollections.has(root) ? undefined : filesByCollection.get(root);
    files.push(...collection.files.filter((file) => !wanted || wanted.has(file.path) || file === collection.catalog.file && file.messages.length > 0));
  }
  for (const filePath of standalone) {
    const parsed = await parseModuleFile(filePath, {});
    if (parsed.document) await loadModuleAssets(path.dirname(filePath), parsed.document, parsed.file);
    checkStandaloneModule(parsed);
    files.push(parsed.file);
  }
  return { files, collections, quality };
}
