import { hasErrors } from '@pattern-press/diagnostics';
import type { Emitter } from '@pattern-press/emitter';
import { toPublication, type Audience } from '@pattern-press/format';
import type { ScheduleBaseline } from '@pattern-press/schedule';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { buildOutputs, type BuildOutcome, type FormatOutcome } from './build.js';
import { cacheDirFor, checkCollectionAt, mergeMessages } from './check.js';
import { emitters } from './registry.js';

export interface BuildOptions {
  /** The collection folder (modules/). */
  root: string;
  /** Where the outputs go (default: dist/ beside modules/). */
  dist?: string | undefined;
  /** Names of registry emitters to make (default: all). */
  formats?: readonly string[] | undefined;
  registry?: readonly Emitter[] | undefined;
  /** Run code examples before building (`--run`). */
  run?: boolean | undefined;
  /** Make every output anew (the results still refresh the output cache). */
  fresh?: boolean | undefined;
  audience?: Audience | undefined;
  statusDate?: string | undefined;
  baseline?: ScheduleBaseline | undefined;
  onFormatStart?: (format: string) => void;
  onFormatDone?: (outcome: FormatOutcome) => void;
}

export interface BuildRun {
  /** Every file with its messages, each message once: the checks' and the outputs'. */
  files: VFile[];
  /** `check`: content errors, nothing made; `output`: an output found errors, dist/ left as it was. */
  stopped?: 'check' | 'output' | undefined;
  dist: string;
  outcomes: FormatOutcome[];
  artifacts: BuildOutcome['artifacts'];
  /** Diagrams rendered by this build, and found in the cache before it. */
  diagrams: { rendered: number; cached: number };
}

async function countFiles(dir: string): Promise<number> {
  return (await readdir(dir).catch(() => [])).length;
}

/** `press build` as a library function: the check pipeline, then every requested output into dist/; writes nothing when anything has an error. */
export async function build(options: BuildOptions): Promise<BuildRun> {
  const root = path.resolve(options.root);
  const dist = path.resolve(options.dist ?? path.join(path.dirname(root), 'dist'));
  const { collection, quality } = await checkCollectionAt(root, { run: options.run });
  const files = [...collection.files];
  const cacheDir = cacheDirFor(root);
  const diagramsBefore = await countFiles(path.join(cacheDir, 'mermaid'));
  const none = { dist, outcomes: [], artifacts: [], diagrams: { rendered: 0, cached: diagramsBefore } };
  if (hasErrors(files)) return { ...none, files, stopped: 'check' };
  const registry = options.registry ?? emitters;
  const { outcomes, problems, artifacts } = await buildOutputs({
    collection,
    publication: toPublication(collection),
    quality,
    dist,
    cacheDir,
    registry,
    formats: options.formats ?? registry.map((emitter) => emitter.name),
    reuseOutputs: options.fresh !== true,
    audience: options.audience ?? 'learner',
    schedule: { statusDate: options.statusDate, baseline: options.baseline },
    onFormatStart: options.onFormatStart,
    onFormatDone: options.onFormatDone,
  });
  // Emitters re-report what the checks found (the timeline's warnings): one entry per file, each message once.
  mergeMessages(files, problems);
  const diagrams = { rendered: (await countFiles(path.join(cacheDir, 'mermaid'))) - diagramsBefore, cached: diagramsBefore };
  if (hasErrors(problems)) return { ...none, files, stopped: 'output', outcomes, diagrams };
  return { files, dist, outcomes, artifacts, diagrams };
}
