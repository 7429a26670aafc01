import { formatJsonReport, formatReport, hasErrors } from '@pattern-press/diagnostics';
import { checkPaths, findCollectionRoot, UsageError, type CheckOptions } from '@pattern-press/engine';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { Audience } from '@pattern-press/format';
import { readBaseline, statusDateOption } from './baselines.js';

export interface CommandContext {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  format: 'text' | 'json';
  /** stdout and stderr are a terminal (live progress is possible). */
  interactive?: boolean;
  /** --quiet: plain progress lines even in a terminal. */
  quiet?: boolean;
}

export const exitCodes = { ok: 0, contentErrors: 1, usage: 2 } as const;

/** `press check [paths]`: every problem at once, then a summary; 1 when any is an error. */
export async function runCheck(paths: string[], options: CheckOptions, ctx: CommandContext): Promise<number> {
  const { files } = await checkPaths(paths, ctx.cwd, options);
  ctx.stdout(ctx.format === 'json' ? formatJsonReport(files, ctx.cwd) : formatReport(files, ctx.cwd));
  return hasErrors(files) ? exitCodes.contentErrors : exitCodes.ok;
}

/** `press build`: checks the collection, then makes every output into dist/; writes nothing when anything has an error. */
export async function runBuild(
  options: { out?: string | undefined; formats?: readonly string[] | undefined; run?: boolean; fresh?: boolean; audience?: Audience | undefined; now?: string | undefined; baseline?: string | undefined },
  ctx: CommandContext,
): Promise<number> {
  const root = await findCollectionRoot(ctx.cwd);
  if (!root) throw new UsageError(`no modules/catalog.yaml found from ${ctx.cwd}`);
  const statusDate = statusDateOption(options.now);
  const baseline = options.baseline === undefined ? undefined : await readBaseline(root, options.baseline);
  const started = performance.now();
  // Loaded by build only: the emitters and the progress display are most of the CLI's start-up.
  const [{ build, formatNames }, { createProgress, progressMode, summaryText }] = await Promise.all([import('@pattern-press/engine/build'), import('./progress.js')]);
  const formats = options.formats ?? formatNames();
  const mode = progressMode({ interactive: ctx.interactive === true, quiet: ctx.quiet === true, env: process.env });
  // The display starts once the checks pass, as before the engine: nothing is drawn for a build that stops at them.
  let progress: ReturnType<typeof createProgress> | undefined;
  const progressFor = () => (progress ??= ctx.format === 'text' ? createProgress(mode, formats, ctx.stderr) : undefined);
  let run;
  try {
    run = await build({
      root,
      dist: path.resolve(ctx.cwd, options.out ?? path.join(path.dirname(root), 'dist')),
      formats,
      run: options.run,
      fresh: options.fresh,
      audience: options.audience ?? 'learner',
      statusDate,
      baseline,
      onFormatStart: (format) => progressFor()?.start(format),
      onFormatDone: (outcome) => progressFor()?.done(outcome),
    });
  } catch (error) {
    await progress?.stop(error);
    throw error;
  }
  await progress?.stop();
  const report = (list: VFile[]) => ctx.stdout(ctx.format === 'json' ? formatJsonReport(list, ctx.cwd) : formatReport(list, ctx.cwd));
  if (run.stopped) {
    report(run.files);
    ctx.stderr('build stopped: fix the errors above; dist/ was left as it was\n');
    return exitCodes.contentErrors;
  }
  if (ctx.format === 'json') report(run.files);
  else {
    if (run.files.some((file) => file.messages.length > 0)) report(run.files);
    const total = run.outcomes.reduce((sum, outcome) => sum + outcome.files, 0);
    ctx.stderr(summaryText({ outcomes: run.outcomes, seconds: (performance.now() - started) / 1000, diagrams: run.diagrams }));
    ctx.stdout(`built ${total} files (${run.outcomes.map((o) => o.format).join(', ')}) into ${path.relative(ctx.cwd, run.dist) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return exitCodes.ok;
}
