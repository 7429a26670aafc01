import { Listr } from 'listr2';
import type { FormatOutcome } from '@pattern-press/engine/build';

/** `interactive`: a live task list (listr2) for a person at a terminal; `plain`: one line per event, for CI logs, pipes and --quiet. */
export type ProgressMode = 'interactive' | 'plain';

/** A live list only when a person is watching: a terminal, not CI, not --quiet. */
export function progressMode(options: { interactive: boolean; quiet: boolean; env: NodeJS.ProcessEnv }): ProgressMode {
  const ci = options.env.CI !== undefined && options.env.CI !== '' && options.env.CI !== 'false' && options.env.CI !== '0';
  return options.interactive && !options.quiet && !ci ? 'interactive' : 'plain';
}

export interface BuildSummary {
  outcomes: FormatOutcome[];
  seconds: number;
  /** Diagrams rendered this run, and how many the content-hash cache (.press-cache/mermaid) held before it. */
  diagrams?: { rendered: number; cached: number } | undefined;
}

export interface Progress {
  start(format: string): void;
  done(outcome: FormatOutcome): void;
  /** Ends the live display (on success or failure); resolves once the terminal is released. */
  stop(error?: unknown): Promise<void>;
}

/** What the output cache did for a format: `10 reused, 2 made`, or nothing for formats it does not hold. */
function reuseText(outcome: FormatOutcome): string {
  return outcome.reused + outcome.made === 0 ? '' : `${outcome.reused} reused, ${outcome.made} made`;
}

/** One line per finished format: `  pdf          12 files     3.1 s  (10 reused, 2 made)`. */
export function outcomeLine(outcome: FormatOutcome): string {
  const reuse = reuseText(outcome);
  return `  ${outcome.format.padEnd(9)} ${String(outcome.files).padStart(4)} files ${outcome.seconds.toFixed(1).padStart(7)} s${reuse ? `  (${reuse})` : ''}\n`;
}

/** The closing line: what was built, files, time, and the diagram cache's hits. */
export function summaryText(summary: BuildSummary): string {
  const files = summary.outcomes.reduce((sum, outcome) => sum + outcome.files, 0);
  const slowest = [...summary.outcomes].sort((a, b) => b.seconds - a.seconds)[0];
  const parts = [`${summary.outcomes.map((outcome) => outcome.format).join(', ')}: ${files} files in ${summary.seconds.toFixed(1)} s`];
  if (slowest) parts.push(`slowest ${slowest.format} ${slowest.seconds.toFixed(1)} s`);
  const reused = summary.outcomes.reduce((sum, outcome) => sum + outcome.reused, 0);
  const made = summary.outcomes.reduce((sum, outcome) => sum + outcome.made, 0);
  if (reused + made > 0) parts.push(`outputs ${reused} reused from the cache, ${made} made`);
  if (summary.diagrams) parts.push(`diagrams ${summary.diagrams.rendered} rendered, ${summary.diagrams.cached} cached before`);
  return `summary: ${parts.join('; ')}\n`;
}

interface Deferred {
  promise: Promise<FormatOutcome>;
  resolve: (outcome: FormatOutcome) => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: Deferred['resolve'];
  let reject!: Deferred['reject'];
  const promise = new Promise<FormatOutcome>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A format never reached (the build failed earlier) must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Plain progress: a line as each format is done (CI logs stay short and greppable). */
function plainProgress(write: (text: string) => void): Progress {
  return {
    start: () => undefined,
    done: (outcome) => write(outcomeLine(outcome)),
    stop: async () => undefined,
  };
}

/**
 * A listr2 task per format: the build itself runs elsewhere (buildOutputs,
 * formats at once), so each task only waits for its format's outcome and shows it.
 */
function interactiveProgress(formats: readonly string[]): Progress {
  const waits = new Map(formats.map((format) => [format, deferred()] as const));
  const list = new Listr(
    formats.map((format) => ({
      title: format,
      task: async (_ctx: unknown, task: { title: string }) => {
        const outcome = await waits.get(format)!.promise;
        task.title = `${format.padEnd(9)} ${outcome.files} files in ${outcome.seconds.toFixed(1)} s${reuseText(outcome) ? ` (${reuseText(outcome)})` : ''}`;
      },
    })),
    { concurrent: true, exitOnError: true, registerSignalListeners: false, rendererOptions: { collapseErrors: false } },
  );
  const running = list.run().catch(() => undefined);
  return {
    start: () => undefined,
    done: (outcome) => waits.get(outcome.format)?.resolve(outcome),
    stop: async (error) => {
      for (const wait of waits.values()) wait.reject(error ?? new Error('build stopped'));
      await running;
    },
  };
}

export function createProgress(mode: ProgressMode, formats: readonly string[], write: (text: string) => void): Progress {
  return mode === 'interactive' ? interactiveProgress(formats) : plainProgress(write);
}
