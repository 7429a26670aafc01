import { formatJsonReport, formatReport, hasErrors } from '@pattern-press/diagnostics';
import path from 'node:path';
import { toPublication } from '@pattern-press/format';
import type { VFile } from 'vfile';
import { readdir } from 'node:fs/promises';
import type { Audience } from '@pattern-press/format';
import type { OutputFormat } from './build.js';
import { cacheDirFor, checkPaths, findCollectionRoot, mergeMessages, UsageError, type CheckOptions } from './targets.js';
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
  options: { out?: string | undefined; formats?: readonly OutputFormat[] | undefined; run?: boolean; fresh?: boolean; audience?: Audience | undefined; now?: string | undefined; baseline?: string | undefined },
  ctx: CommandContext,
): Promise<number> {
  const root = await findCollectionRoot(ctx.cwd);
  if (!root) throw new UsageError(`no modules/catalog.yaml found from ${ctx.cwd}`);
  const statusDate = statusDateOption(options.now);
  const baseline = options.baseline === undefined ? undefined : await readBaseline(root, options.baseline);
  const started = performance.now();
  // Loaded by build only: the emitters and the progress display are most of the CLI's start-up.
  const [{ buildOutputs, outputFormats }, { createProgress, progressMode, summaryText }] = await Promise.all([import('./build.js'), import('./progress.js')]);
  const { files, collections, quality } = await checkPaths([root], ctx.cwd, { run: options.run });
  const report = (list: VFile[]) => ctx.stdout(ctx.format === 'json' ? formatJsonReport(list, ctx.cwd) : formatReport(list, ctx.cwd));
  if (hasErrors(files)) {
    report(files);
    ctx.stderr('build stopped: fix the errors above; dist/ was left as it was\n');
    return exitCodes.contentErrors;
  }
  const collection = collections[0]!;
  const dist = path.resolve(ctx.cwd, options.out ?? path.join(path.dirname(root), 'dist'));
  const formats = options.formats ?? outputFormats;
  const cacheDir = cacheDirFor(root);
  const diagramsBefore = await countFiles(path.join(cacheDir, 'mermaid'));
  const mode = progressMode({ interactive: ctx.interactive === true, quiet: ctx.quiet === true, env: process.env });
  const progress = ctx.format === 'text' ? createProgress(mode, formats, ctx.stderr) : undefined;
  let built;
  try {
    built = await buildOutputs({
      collection,
      publication: toPublication(collection),
      quality: quality[0] ?? [],
      dist,
      cacheDir,
      formats,
      reuseOutputs: options.fresh !== true,
      audience: options.audience ?? 'learner',
      schedule: { statusDate, baseline },
      onFormatStart: (format) => progress?.start(format),
      onFormatDone: (outcome) => progress?.done(outcome),
    });
  } catch (error) {
    await progress?.stop(error);
    throw error;
  }
  await progress?.stop();
  const { outcomes, problems } = built;
  // Emitters re-report what the checks found (the timeline's warnings): one entry per file, each message once.
  const all = [...files];
  mergeMessages(all, problems);
  if (hasErrors(problems)) {
    report(all);
    ctx.stderr('build stopped: fix the errors above; dist/ was left as it was\n');
    return exitCodes.contentErrors;
  }
  if (ctx.format === 'json') report(all);
  else {
    if (all.some((file) => file.messages.length > 0)) report(all);
    const total = outcomes.reduce((sum, outcome) => sum + outcome.files, 0);
    const rendered = (await countFiles(path.join(cacheDir, 'mermaid'))) - diagramsBefore;
    ctx.stderr(summaryText({ outcomes, seconds: (performance.now() - started) / 1000, diagrams: { rendered, cached: diagramsBefore } }));
    ctx.stdout(`built ${total} files (${outcomes.map((o) => o.format).join(', ')}) into ${path.relative(ctx.cwd, dist) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return exitCodes.ok;
}

async function countFiles(dir: string): Promise<number> {
  return (await readdir(dir).catch(() => [])).length;
}
