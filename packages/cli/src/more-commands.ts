import { checkCollection } from '@pattern-press/checks';
import { formatReport, hasErrors } from '@pattern-press/diagnostics';
import { loadCollection, toPublication } from '@pattern-press/format';
import { defaultHost, defaultPort, DistMissingError, serve } from '@pattern-press/api';
import { emitReport } from '@pattern-press/report';
import { formatScheduleTable, toBaseline, withBaseline } from '@pattern-press/schedule';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { baselineFile, readBaseline, statusDateOption } from './baselines.js';
import { exitCodes, type CommandContext } from './commands.js';
import { createModule, promoteModule, slugProblem, type NewModuleOptions } from './lifecycle.js';
import { rulesMarkdown } from './rules-doc.js';
import { cacheDirFor, checkCollectionAt, findCollectionRoot, UsageError } from '@pattern-press/engine';
import { replaceDirectory } from '@pattern-press/output-files';

async function collectionRoot(ctx: CommandContext): Promise<string> {
  const root = await findCollectionRoot(ctx.cwd);
  if (!root) throw new UsageError(`no modules/catalog.yaml found from ${ctx.cwd}`);
  return root;
}

/** `press schedule`: the authoring plan as a table in the terminal; optionally saved as, or compared with, a baseline. */
export async function runSchedule(options: { now?: string | undefined; saveBaseline?: string | undefined; baseline?: string | undefined }, ctx: CommandContext): Promise<number> {
  const statusDate = statusDateOption(options.now);
  const root = await collectionRoot(ctx);
  const baseline = options.baseline === undefined ? undefined : await readBaseline(root, options.baseline);
  // The one check pipeline: the same problems as press check, each once, and the plan made from them.
  const { collection, plan } = await checkCollectionAt(root, { statusDate });
  const files = collection.files;
  if (hasErrors(files) || !plan) {
    ctx.stdout(formatReport(files, ctx.cwd));
    return exitCodes.contentErrors;
  }
  if (files.some((file) => file.messages.length > 0)) ctx.stdout(formatReport(files, ctx.cwd));
  ctx.stdout(formatScheduleTable(baseline ? withBaseline(plan, baseline) : plan));
  if (options.saveBaseline !== undefined) {
    const file = baselineFile(root, options.saveBaseline);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(toBaseline(plan, options.saveBaseline), null, 2)}\n`);
    ctx.stdout(`saved baseline ${options.saveBaseline} to ${path.relative(ctx.cwd, file)}\n`);
  }
  return exitCodes.ok;
}

/** `press report`: dist/report/index.html and report.json, for a maintainer's morning. */
export async function runReport(options: { out?: string | undefined }, ctx: CommandContext): Promise<number> {
  const root = await collectionRoot(ctx);
  const { collection, quality } = await checkCollectionAt(root);
  const documents = collection.modules.flatMap((module) => (module.document && module.schemaValid ? [module.document] : []));
  const order = collection.catalog.data?.patterns.map((pattern) => pattern.slug) ?? [];
  documents.sort((a, b) => order.indexOf(a.slug) - order.indexOf(b.slug));
  const dist = path.resolve(ctx.cwd, options.out ?? path.join(path.dirname(root), 'dist'));
  const target = path.join(dist, 'report');
  await replaceDirectory(target, async (staging) => {
    await emitReport(documents, quality, { outDir: staging });
  });
  if (collection.files.some((file) => file.messages.length > 0)) ctx.stdout(formatReport(collection.files, ctx.cwd));
  ctx.stdout(`wrote ${path.relative(ctx.cwd, path.join(target, 'index.html'))} and report.json\n`);
  return exitCodes.ok;
}

/** Why the address cannot be bound, in one line, or undefined when `error` is not about the address. */
function listenProblem(error: unknown, host: string, port: number): string | undefined {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (another press serve?); stop it or choose another port with --port N (--port 0 picks a free one)`;
    case 'EACCES':
      return `not allowed to listen on port ${port} on ${host}; choose a port above 1023 with --port N`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${host}: it is not an address of this machine; choose another with --host (default ${defaultHost})`;
    default:
      return undefined;
  }
}

/** `press serve`: dist/ over HTTP on 127.0.0.1 until interrupted. */
export async function runServe(options: { port?: string | undefined; host?: string | undefined; out?: string | undefined }, ctx: CommandContext): Promise<number> {
  const root = await findCollectionRoot(ctx.cwd);
  const dist = path.resolve(ctx.cwd, options.out ?? (root ? path.join(path.dirname(root), 'dist') : 'dist'));
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be a port number, not ${options.port}`);
  let server;
  try {
    server = await serve({ root: dist, host: options.host, port });
  } catch (error) {
    if (error instanceof DistMissingError) {
      ctx.stderr(`press: ${error.message}\n`);
      return exitCodes.usage;
    }
    const problem = listenProblem(error, options.host ?? defaultHost, port ?? defaultPort);
    if (problem) {
      ctx.stderr(`press: ${problem}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
  ctx.stdout(`serving ${path.relative(ctx.cwd, dist) || '.'} at ${server.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return exitCodes.ok;
}

/** `press new <slug>`. */
export async function runNew(slug: string | undefined, options: Partial<Omit<NewModuleOptions, 'title' | 'category'>> & { title?: string | undefined; category?: string | undefined }, ctx: CommandContext): Promise<number> {
  if (!slug) throw new UsageError('press new <slug> --title "Title" --category <category>');
  if (!options.category) throw new UsageError('press new needs --category (scaling, resilience, architecture, ...)');
  const problem = slugProblem(slug);
  if (problem) throw new UsageError(problem);
  const root = await collectionRoot(ctx);
  const title = options.title ?? slug.split('-').map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ');
  const file = await createModule(root, { ...options, slug, title, category: options.category });
  ctx.stdout(`created ${path.relative(ctx.cwd, file)} (status research) and its catalog entry\n`);
  const collection = await loadCollection(root);
  checkCollection(collection);
  const own = collection.files.filter((f) => f.path === file || f === collection.catalog.file);
  if (hasErrors(own)) {
    ctx.stdout(formatReport(own, ctx.cwd));
    return exitCodes.contentErrors;
  }
  return exitCodes.ok;
}

/** `press promote <slug>`. */
export async function runPromote(slug: string | undefined, ctx: CommandContext): Promise<number> {
  if (!slug) throw new UsageError('press promote <slug>');
  const root = await collectionRoot(ctx);
  const outcome = await promoteModule(root, slug, cacheDirFor(root));
  if (outcome.to) {
    ctx.stdout(`${slug}: ${outcome.from} → ${outcome.to}\n`);
    return exitCodes.ok;
  }
  ctx.stdout(`${slug} stays at ${outcome.from}; still missing:\n`);
  for (const blocker of outcome.blockers) {
    ctx.stdout(`  ${blocker.rule}\n${blocker.findings.map((finding) => `    - ${finding.split('\n')[0]}\n`).join('')}`);
  }
  return exitCodes.contentErrors;
}

/** `press rules`: the rule catalogue. */
export function runRules(ctx: CommandContext): number {
  ctx.stdout(rulesMarkdown());
  return exitCodes.ok;
}

export { toPublication };
