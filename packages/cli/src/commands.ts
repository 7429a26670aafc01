import { formatJsonReport, formatReport, hasErrors } from '@pattern-press/diagnostics';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { replaceDirectory } from './atomic.js';
import { checkPaths, findCollectionRoot, UsageError, type CheckOptions } from './targets.js';

export interface CommandContext {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  format: 'text' | 'json';
}

export const exitCodes = { ok: 0, contentErrors: 1, usage: 2 } as const;

/** `press check [paths]`: every problem at once, then a summary; 1 when any is an error. */
export async function runCheck(paths: string[], options: CheckOptions, ctx: CommandContext): Promise<number> {
  const { files } = await checkPaths(paths, ctx.cwd, options);
  ctx.stdout(ctx.format === 'json' ? formatJsonReport(files, ctx.cwd) : formatReport(files, ctx.cwd));
  return hasErrors(files) ? exitCodes.contentErrors : exitCodes.ok;
}

/** `press build`: checks the collection, then writes dist/modules/<slug>.json atomically; writes nothing on errors. */
export async function runBuild(options: { out?: string | undefined }, ctx: CommandContext): Promise<number> {
  const root = await findCollectionRoot(ctx.cwd);
  if (!root) throw new UsageError(`no modules/catalog.yaml found from ${ctx.cwd}`);
  const { files, collections } = await checkPaths([root], ctx.cwd);
  if (hasErrors(files)) {
    ctx.stdout(ctx.format === 'json' ? formatJsonReport(files, ctx.cwd) : formatReport(files, ctx.cwd));
    ctx.stderr('build stopped: fix the errors above; dist/ was left as it was\n');
    return exitCodes.contentErrors;
  }
  const out = path.resolve(ctx.cwd, options.out ?? path.join(path.dirname(root), 'dist'));
  const modules = collections.flatMap((collection) => collection.modules);
  await replaceDirectory(path.join(out, 'modules'), async (staging) => {
    for (const module of modules) {
      if (!module.document) continue;
      await writeFile(path.join(staging, `${module.document.slug}.json`), `${JSON.stringify(module.document, null, 2)}\n`);
    }
  });
  const warnings = files.reduce((sum, file) => sum + file.messages.length, 0);
  if (ctx.format === 'json') {
    ctx.stdout(formatJsonReport(files, ctx.cwd));
  } else {
    if (warnings > 0) ctx.stdout(formatReport(files, ctx.cwd));
    ctx.stdout(`built ${modules.length} canonical documents into ${path.relative(ctx.cwd, path.join(out, 'modules')) || '.'}\n`);
  }
  return exitCodes.ok;
}
