import { emitApi } from '@pattern-press/api';
import { openOutputCache, pruneOutputCache } from '@pattern-press/cache';
import { learnerModule, type Audience, type Collection, type Publication } from '@pattern-press/format';
import type { ModuleQuality } from '@pattern-press/checks';
import { emitPdf } from '@pattern-press/pdf';
import { launchBrowser } from '@pattern-press/render';
import { emitReport } from '@pattern-press/report';
import { emitSchedule, scheduleInputFromCollection, scheduleTimeline, withBaseline, type ScheduleBaseline } from '@pattern-press/schedule';
import { emitScorm } from '@pattern-press/scorm';
import { emitSlides } from '@pattern-press/slides';
import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { report } from '@pattern-press/diagnostics';
import { removeStaleStaging, swapFolder } from '@pattern-press/output-files';
import { onStop } from './interrupt.js';

/** Every output of `press build`, in the order they are made (the API lists the others' files, so it comes last). */
export const outputFormats = ['modules', 'schedule', 'pdf', 'scorm', 'slides', 'report', 'api'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** The formats made from the publication alone, all with the same options and result. */
const publicationEmitters = { pdf: emitPdf, scorm: emitScorm, slides: emitSlides } as const;

const needsBrowser: ReadonlySet<OutputFormat> = new Set(['schedule', 'pdf', 'scorm', 'slides', 'api']);

export interface FormatOutcome {
  format: OutputFormat;
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
  formats: readonly OutputFormat[];
  /** false: make everything anew (the results still refresh the cache). Default true. */
  reuseOutputs?: boolean;
  /** Who the build is for: `learner` (default) leaks no answers; `instructor` adds answers.json and the full canonical documents (API and dist/modules/). */
  audience?: Audience;
  /** The timeline's status date (`--now`) and a saved plan to show slip against (`--baseline`). */
  schedule?: { statusDate?: string | undefined; baseline?: ScheduleBaseline | undefined };
  onFormatStart?: (format: OutputFormat) => void;
  onFormatDone?: (outcome: FormatOutcome) => void;
}

export interface BuildOutcome {
  outcomes: FormatOutcome[];
  problems: VFile[];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

/**
 * Makes every requested format into a staging folder beside dist/ and swaps
 * each into place only when all of them succeeded without content errors: a
 * failed build leaves the previous dist/ as it was.
 */
export async function buildOutputs(context: BuildContext): Promise<BuildOutcome> {
  const { publication, dist, cacheDir, formats } = context;
  await mkdir(dist, { recursive: true });
  await removeStaleStaging(dist);
  const staging = path.join(dist, `.staging-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(staging, { recursive: true });
  // On Ctrl-C or kill: no browser and no staging folder outlive the build, and dist/ stays as it was.
  const forgetStop = onStop(async () => {
    // The browser first: it stops the renders that would go on writing into the staging folder.
    await Promise.race([browser?.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    await rm(staging, { recursive: true, force: true, maxRetries: 5 });
  });
  const problems: VFile[] = [];
  const outcomes: FormatOutcome[] = [];
  let browser: Browser | undefined;
  let schedule: unknown;

  const makeFormat = async (format: OutputFormat): Promise<void> => {
    context.onFormatStart?.(format);
    const started = performance.now();
    const outDir = path.join(staging, format);
    await mkdir(outDir, { recursive: true });
    // One cache handle per format over the same folder: its counters tell this format's reuse.
    const outputCache = openOutputCache(path.join(cacheDir, 'outputs'), { reuse: context.reuseOutputs ?? true });
    let files = 0;
    switch (format) {
      case 'modules':
        // The canonical documents hold the exam and the hidden tests: only an instructor build publishes them whole.
        for (const module of publication.modules) {
          const document = context.audience === 'instructor' ? module : learnerModule(module);
          await writeFile(path.join(outDir, `${module.slug}.json`), `${JSON.stringify(document, null, 2)}\n`);
          files++;
        }
        break;
      case 'schedule': {
        const input = scheduleInputFromCollection(context.collection);
        if (!input) break;
        const result = await emitSchedule(input, { outDir, cacheDir, browser, outputCache, schedule: { statusDate: context.schedule?.statusDate }, baseline: context.schedule?.baseline });
        problems.push(...result.problems);
        schedule = result.plan;
        files = result.files.length;
        break;
      }
      case 'pdf':
      case 'scorm':
      case 'slides': {
        const result = await publicationEmitters[format](publication, { outDir, cacheDir, browser, outputCache });
        problems.push(...result.problems);
        files = result.files.length;
        break;
      }
      case 'report':
        files = (await emitReport(publication.modules, context.quality, { outDir })).files.length;
        break;
      case 'api': {
        // The API lists every downloadable file: formats not rebuilt now are taken from the current dist/.
        for (const other of ['pdf', 'scorm', 'slides', 'schedule'] as const) {
          if (!formats.includes(other) && (await exists(path.join(dist, other)))) await cp(path.join(dist, other), path.join(staging, other), { recursive: true });
        }
        // Built alone (one turbo task per format), the API still lists the timeline: the plan is pure, no browser needed.
        if (schedule === undefined && !formats.includes('schedule')) {
          const input = scheduleInputFromCollection(context.collection);
          const plan = input ? scheduleTimeline(input, { statusDate: context.schedule?.statusDate }).plan : undefined;
          schedule = plan && context.schedule?.baseline ? withBaseline(plan, context.schedule.baseline) : plan;
        }
        const result = await emitApi(publication, { outDir, cacheDir, browser, schedule, artifactsRoot: staging, audience: context.audience });
        problems.push(...result.problems);
        files = result.files.length;
        break;
      }
    }
    const outcome = { format, files, seconds: (performance.now() - started) / 1000, reused: outputCache.stats.hits, made: outputCache.stats.misses };
    outcomes.push(outcome);
    context.onFormatDone?.(outcome);
  };

  try {
    if (formats.some((format) => needsBrowser.has(format))) browser = await launchBrowser();
    // Every format but the API reads only the publication, so they run at once on the one browser: while
    // Chromium prints a PDF, pandoc, zipping and the other formats use the other core. The API lists
    // the others' files, so it comes after them.
    const first = outputFormats.filter((format) => format !== 'api' && formats.includes(format));
    const settled = await Promise.allSettled(first.map(makeFormat));
    settled.forEach((result, index) => {
      if (result.status === 'rejected') problems.push(outputFailure(context, first[index]!, result.reason));
    });
    if (formats.includes('api') && !problems.some(hasFatal)) {
      await makeFormat('api').catch((error: unknown) => problems.push(outputFailure(context, 'api', error)));
    }
    outcomes.sort((a, b) => outputFormats.indexOf(a.format) - outputFormats.indexOf(b.format));
    if (!problems.some(hasFatal)) {
      for (const format of formats) await swapFolder(path.join(staging, format), path.join(dist, format));
      await pruneOutputCache(path.join(cacheDir, 'outputs'), { maxBytes: outputCacheBudget() });
    }
  } finally {
    forgetStop();
    await browser?.close().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
  return { outcomes, problems };
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
function outputFailure(context: BuildContext, format: OutputFormat, error: unknown): VFile {
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
