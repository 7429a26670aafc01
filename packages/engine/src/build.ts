import { openOutputCache, pruneOutputCache } from '@pattern-press/cache';
import { artifactsOf, type Artifact, type EmitResult, type Emitter } from '@pattern-press/emitter';
import type { Audience, Collection, Publication } from '@pattern-press/format';
import type { ModuleQuality } from '@pattern-press/checks';
import { diagramRenders, launchBrowser } from '@pattern-press/render';
import type { ScheduleBaseline } from '@pattern-press/schedule';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { report } from '@pattern-press/diagnostics';
import { removeStaleStaging, swapFolder } from '@pattern-press/output-files';
import { onStopCloseAndRemove } from './interrupt.js';
import { emitters } from './registry.js';

export interface FormatOutcome {
  format: string;
  files: number;
  seconds: number;
  /** Outputs (a document, a package, a deck) copied from the output cache, and made anew. */
  reused: number;
  made: number;
}

export interface BuildContext {
  collection: Collection;
  publication: Publication;
  quality: ModuleQuality[];
  dist: string;
  cacheDir: string;
  /** Names of emitters of `registry` to make. */
  formats: readonly string[];
  /** The outputs there are (default: the registry of `press build`). */
  registry?: readonly Emitter[] | undefined;
  /** false: make everything anew (the results still refresh the cache). Default true. */
  reuseOutputs?: boolean | undefined;
  /** Who the build is for: `learner` (default) leaks no answers; `instructor` adds answers.json and the full canonical documents (API and dist/modules/). */
  audience?: Audience | undefined;
  /** The timeline's status date (`--now`) and a saved plan to show slip against (`--baseline`). */
  schedule?: { statusDate?: string | undefined; baseline?: ScheduleBaseline | undefined } | undefined;
  onFormatStart?: ((format: string) => void) | undefined;
  onFormatDone?: ((outcome: FormatOutcome) => void) | undefined;
}

export interface BuildOutcome {
  outcomes: FormatOutcome[];
  problems: VFile[];
  /** What the outputs made now offer for download, in registry order (paths inside dist/). */
  artifacts: Artifact[];
}

/**
 * Makes every requested format into a staging folder beside dist/ and swaps
 * each into place only when all of them succeeded without content errors: a
 * failed build leaves the previous dist/ as it was.
 */
export async function buildOutputs(context: BuildContext): Promise<BuildOutcome> {
  const { publication, dist, cacheDir, formats } = context;
  const registry = context.registry ?? emitters;
  const unknown = formats.filter((name) => !registry.some((emitter) => emitter.name === name));
  if (unknown.length > 0) throw new TypeError(`no emitter named ${unknown.join(', ')} in the registry`);
  const requested = registry.filter((emitter) => formats.includes(emitter.name));
  await mkdir(dist, { recursive: true });
  await removeStaleStaging(dist);
  const staging = path.join(dist, `.staging-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(staging, { recursive: true });
  // On Ctrl-C or kill: no browser and no staging folder outlive the build, and dist/ stays as it was.
  const forgetStop = onStopCloseAndRemove(() => browser, [staging]);
  const problems: VFile[] = [];
  const outcomes: FormatOutcome[] = [];
  const results = new Map<string, EmitResult>();
  /** Each output's artifacts made in this build, listed from its staging folder. */
  const made = new Map<string, Artifact[]>();
  let browser: Browser | undefined;
  const shared = {
    cacheDir,
    // One diagram service for the build: a diagram that cannot be drawn is one message, not one per output.
    diagrams: diagramRenders(path.join(cacheDir, 'mermaid')),
    collection: context.collection,
    quality: context.quality,
    settings: { audience: context.audience ?? 'learner', statusDate: context.schedule?.statusDate, baseline: context.schedule?.baseline },
  };

  /** An emitter's result made in this build, else read back from dist/ (undefined when it keeps none). */
  const resultOf = async (name: string): Promise<EmitResult | undefined> => {
    const result = results.get(name);
    if (result || requested.some((emitter) => emitter.name === name)) return result;
    return registry.find((emitter) => emitter.name === name)?.previous?.(publication, path.join(dist, name), { ...shared, browser });
  };
  /** An output's artifacts: made in this build, else those of an earlier build in dist/. */
  const artifactsOfOutput = async (emitter: Emitter): Promise<Artifact[]> =>
    requested.includes(emitter) ? (made.get(emitter.name) ?? []) : artifactsOf(emitter, publication, path.join(dist, emitter.name));

  const makeFormat = async (emitter: Emitter): Promise<void> => {
    context.onFormatStart?.(emitter.name);
    const started = performance.now();
    const outDir = path.join(staging, emitter.name);
    await mkdir(outDir, { recursive: true });
    // One cache handle per format over the same folder: its counters tell this format's reuse.
    const outputCache = openOutputCache(path.join(cacheDir, 'outputs'), { reuse: context.reuseOutputs ?? true });
    const needed = new Map<string, EmitResult>();
    for (const name of emitter.needs) {
      const result = await resultOf(name);
      if (result) needed.set(name, result);
    }
    const artifacts: Artifact[] = [];
    if (emitter.readsArtifacts) {
      for (const other of registry) if (other !== emitter && !other.readsArtifacts) artifacts.push(...(await artifactsOfOutput(other)));
    }
    const result = await emitter.emit(publication, { ...shared, outDir, browser, outputCache, results: needed, artifacts });
    results.set(emitter.name, result);
    made.set(emitter.name, await artifactsOf(emitter, publication, outDir));
    problems.push(...result.problems);
    const outcome = { format: emitter.name, files: result.files, seconds: (performance.now() - started) / 1000, reused: outputCache.stats.hits, made: outputCache.stats.misses };
    outcomes.push(outcome);
    context.onFormatDone?.(outcome);
  };

  /** The emitters `emitter` waits for: those it needs, and for one that reads artifacts, every other. */
  const waitsFor = (emitter: Emitter) => requested.filter((other) => other !== emitter && (emitter.needs.includes(other.name) || (emitter.readsArtifacts === true && !other.readsArtifacts)));
  const running = new Map<Emitter, Promise<void>>();
  const run = (emitter: Emitter): Promise<void> => {
    let started = running.get(emitter);
    if (!started) {
      started = (async () => {
        const before = waitsFor(emitter);
        await Promise.all(before.map(run));
        // What it reads has errors: made from them, it would list or show a broken build.
        if (before.length > 0 && problems.some(hasFatal)) return;
        await makeFormat(emitter).catch((error: unknown) => {
          problems.push(outputFailure(context, emitter.name, error));
        });
      })();
      running.set(emitter, started);
    }
    return started;
  };

  try {
    if (requested.some((emitter) => emitter.browser)) browser = await launchBrowser();
    // Emitters that read only the publication run at once on the one browser: while Chromium prints a PDF,
    // pandoc, zipping and the other formats use the other core. Those that read others' results wait for them.
    await Promise.all(requested.map(run));
    const order = requested.map((emitter) => emitter.name);
    outcomes.sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
    if (!problems.some(hasFatal)) {
      for (const emitter of requested) await swapFolder(path.join(staging, emitter.name), path.join(dist, emitter.name));
      await pruneOutputCache(path.join(cacheDir, 'outputs'), { maxBytes: outputCacheBudget() });
    }
  } finally {
    forgetStop();
    await browser?.close().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
  const artifacts = requested.flatMap((emitter) => made.get(emitter.name) ?? []);
  return { outcomes, problems, artifacts };
}

function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}

/**
 * An emitter that threw (a tool crashed, a page ran out of memory, a bug of
 * ours) becomes a diagnostic on the catalog, so the build ends with a
 * located message and leaves dist/ as it was, not with a stack trace.
 * PRESS_DEBUG=1 adds the stack for whoever fixes it.
 */
function outputFailure(context: BuildContext, format: string, error: unknown): VFile {
  const file = new VFile({ path: context.collection.catalog.file.path || path.join(context.publication.root, 'catalog.yaml') });
  const message = error instanceof Error ? error.message : String(error);
  const detail = process.env.PRESS_DEBUG && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  report(file, 'output-failed', `the ${format} output could not be made: ${message.split('\n')[0]}${detail}`, {
    place: { line: 1, column: 1 },
    hint: 'nothing in dist/ was changed; run again with PRESS_DEBUG=1 for the details, and report it if the content is not the cause',
  });
  return file;
}

/** Bytes the output cache may keep (PRESS_OUTPUT_CACHE_MB, default 1 GiB): several full builds of a large collection. */
function outputCacheBudget(): number {
  const megabytes = Number(process.env.PRESS_OUTPUT_CACHE_MB);
  return (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 1024) * 1024 * 1024;
}
