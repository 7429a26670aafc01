import { openOutputCache, seedOutputCache } from '@pattern-press/cache';
import { hasErrors } from '@pattern-press/diagnostics';
import type { Emitter } from '@pattern-press/emitter';
import { isBuilt, toPublication, type Audience } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { swapFolder } from '@pattern-press/output-files';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { cacheDirFor, checkCollectionAt, addMessagesByPath, UsageError } from './check.js';
import type { FormatOutcome } from './build.js';
import { onStopCloseAndRemove } from './interrupt.js';
import { emitters } from './registry.js';

/** The folder holding every module's recorded parts: `build/modules/` beside modules/ (never inside it: module folders are content). */
export function partsRootFor(root: string): string {
  return path.join(path.dirname(root), 'build', 'modules');
}

/** Where `press build --module <slug>` records the module's outputs: `build/modules/<slug>/parts/`, its turbo task's outputs. */
export function partsDirFor(root: string, slug: string): string {
  return path.join(partsRootFor(root), slug, 'parts');
}

/** Names of the cache folders a module's parts hold (`outputs`, `pdf-parts`): nothing else is copied into `.press-cache/`. */
const storeName = /^[a-z][a-z0-9-]*$/;

/**
 * Copies into `cacheDir` every cache entry the modules' parts folders under
 * `partsRoot` hold and the cache lacks (what per-module tasks recorded, here
 * or restored by turbo from another machine): the number copied. A whole
 * build then copies those modules' outputs and prints none of their
 * chapters; an entry that is missing or stale (keyed by other content or
 * code) is simply not found, and the output is made.
 */
export async function seedFromParts(partsRoot: string, cacheDir: string): Promise<number> {
  let copied = 0;
  for (const slug of await readdir(partsRoot).catch(() => [] as string[])) {
    const parts = path.join(partsRoot, slug, 'parts');
    for (const store of await readdir(parts).catch(() => [] as string[])) {
      if (storeName.test(store)) copied += await seedOutputCache(path.join(cacheDir, store), path.join(parts, store));
    }
  }
  return copied;
}

export interface ModuleBuildOptions {
  /** The collection folder (modules/). */
  root: string;
  slug: string;
  /** Where the module's parts go (default: partsDirFor). */
  parts?: string | undefined;
  registry?: readonly Emitter[] | undefined;
  /** Run code examples before building (`--run`). */
  run?: boolean | undefined;
  /** Make every output anew (the results still refresh the cache). */
  fresh?: boolean | undefined;
  audience?: Audience | undefined;
}

/** A whole build's outcome without its reuse counts (a module's parts are recorded whole). */
export type ModuleFormatOutcome = Pick<FormatOutcome, 'format' | 'files' | 'seconds'>;

export interface ModuleBuildRun {
  files: VFile[];
  /** `check`: content errors, nothing made; `output`: an output found errors, the parts folder left as it was. */
  stopped?: 'check' | 'output' | undefined;
  parts: string;
  outcomes: ModuleFormatOutcome[];
  /** Cache entries recorded in the parts folder. */
  entries: number;
}

/**
 * `press build --module <slug>`: the checks, then each output's share of one
 * module (`emitModule`: its PDF with the handbook's chapter and answer parts,
 * its deck, its SCORM packages) made through `.press-cache/` as a whole build
 * makes them, and every cache entry it used or made recorded in the module's
 * parts folder, swapped in whole. A turbo task declares that folder as its
 * outputs; a whole build seeds its cache from it (seedFromParts), so what
 * the task made is copied, never made again, here or on another machine.
 */
export async function buildModule(options: ModuleBuildOptions): Promise<ModuleBuildRun> {
  const root = path.resolve(options.root);
  const parts = path.resolve(options.parts ?? partsDirFor(root, options.slug));
  const { collection, quality } = await checkCollectionAt(root, { run: options.run });
  const files = [...collection.files];
  const none = { parts, outcomes: [], entries: 0 };
  if (hasErrors(files)) return { ...none, files, stopped: 'check' };
  if (!collection.catalog.listed.has(options.slug)) throw new UsageError(`no module ${options.slug} in the catalog`);
  const publication = toPublication(collection);
  const registry = (options.registry ?? emitters).filter((emitter) => emitter.emitModule !== undefined);
  const cacheDir = cacheDirFor(root);
  await mkdir(path.dirname(parts), { recursive: true });
  const staging = await mkdtemp(`${parts}.staging-${process.pid}-`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'press-module-'));
  let browser: Browser | undefined;
  const forgetStop = onStopCloseAndRemove(() => browser, [staging, work]);
  const problems: VFile[] = [];
  const outcomes: ModuleFormatOutcome[] = [];
  try {
    // A module that is not built (still in research) has no outputs: its parts folder is empty.
    const module = publication.modules.find((candidate) => candidate.slug === options.slug);
    const emitting = module && isBuilt(module) ? registry : [];
    if (emitting.some((emitter) => emitter.browser)) browser = await launchBrowser();
    const settings = { audience: options.audience ?? 'learner', statusDate: undefined, baseline: undefined };
    await Promise.all(
      emitting.map(async (emitter) => {
        const started = performance.now();
        const outDir = path.join(work, emitter.name);
        await mkdir(outDir, { recursive: true });
        const outputCache = openOutputCache(path.join(cacheDir, 'outputs'), { reuse: options.fresh !== true, record: path.join(staging, 'outputs') });
        const result = await emitter.emitModule!(publication, options.slug, { outDir, cacheDir, browser, outputCache, collection, quality, settings });
        problems.push(...result.problems);
        outcomes.push({ format: emitter.name, files: result.files, seconds: (performance.now() - started) / 1000 });
      }),
    );
    const order = registry.map((emitter) => emitter.name);
    outcomes.sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
    addMessagesByPath(files, problems);
    if (hasErrors(problems)) return { ...none, files, stopped: 'output', outcomes };
    const entries = await countEntries(staging);
    await swapFolder(staging, parts);
    return { files, parts, outcomes, entries };
  } finally {
    forgetStop();
    await browser?.close().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

async function countEntries(parts: string): Promise<number> {
  let count = 0;
  for (const store of await readdir(parts).catch(() => [] as string[])) count += (await readdir(path.join(parts, store))).length;
  return count;
}
