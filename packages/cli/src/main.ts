import { parseArgs } from 'node:util';
import { audiences, type Audience } from '@pattern-press/format';
import { exitCodes, runBuild, runCheck, type CommandContext } from './commands.js';
import { UsageError } from '@pattern-press/engine';

// Each command loads what it needs when it runs: `press check` never loads the emitters (PDF, slides,
// SCORM, the API server), the dev server or the progress display (see docs/build-engine.md, "Start-up").
const moreCommands = () => import('./more-commands.js');

export const usage = `Usage: press <command> [options]

Commands:
  check [paths...]   check modules (a modules/ folder, a module folder or a module.md);
                     with no path, the repository's modules/
      --run            also run every code example with its hidden tests, and replay
                       exam scenarios against the module's own code
      --skip-diagrams  do not parse Mermaid diagrams (they need Chromium)
  build              check, then make every output into dist/: modules (canonical JSON),
                     schedule, pdf, scorm, slides, report, api; nothing is written on errors
      --formats a,b    only these outputs (e.g. --formats pdf,slides)
      --run            also run code examples before building
      --quiet          plain progress lines, no live display (also when CI=true or not a terminal)
      --fresh          make every output anew instead of copying unchanged ones from
                       .press-cache/outputs (the new results still refresh that cache)
      --audience A     learner (default): the API gives no exam answer, model answer or
                       hidden test away; instructor: adds answers.json per module and
                       the full canonical module documents (do not publish to learners)
      --now DATE       the timeline's status date, as for press schedule
      --baseline NAME  the timeline (HTML, JSON, API) shows slip against baselines/NAME.json
  dev                watch modules/, re-check and rebuild previews on every change (canonical JSON,
                     report, API, handbook PDF and HTML; PDF, slides and SCORM player of changed
                     modules), serve them with live reload and an error overlay on 127.0.0.1;
                     content errors never stop it
      --port N, --host H
  report             write dist/report/ (every module's checklist, rubric, coverage, timing)
  schedule           print the authoring timeline as a table
      --now DATE       the status date (YYYY-MM-DD or today) when the catalog's
                       timeline.status_date is not set; default: timeline.start
      --save-baseline NAME  also save the plan as baselines/NAME.json (beside modules/)
      --baseline NAME  show each task's and module's slip against that baseline
  serve              serve dist/ (API, downloads, previews, report) on 127.0.0.1
      --port N, --host H
  new <slug>         scaffold a module at status research and add it to the catalog
      --title T, --category C, --priority N, --complexity X
      --author ID      the module's author (default: the team's author with the
                       fewest unpublished modules)
  promote <slug>     move a module to its next status when that status's rules pass
  rules              print the rule catalogue

Options:
  --format text|json   diagnostics as lines (default) or JSON
  --out DIR            build output folder (default: dist/ beside modules/)
  -h, --help           show this help

Exit status: 0 clean (warnings allowed), 1 content errors, 2 usage errors,
70 an internal error (PRESS_DEBUG=1 shows its stack), 129/130/143 stopped by a
signal (the browser is closed and dist/ is left as it was).
`;

function parseAudience(value: string | undefined): Audience | undefined {
  if (value === undefined) return undefined;
  if (!(audiences as readonly string[]).includes(value)) throw new UsageError(`--audience must be ${audiences.join(' or ')}, not ${value}`);
  return value as Audience;
}

async function parseFormats(value: string | undefined): Promise<string[] | undefined> {
  if (value === undefined) return undefined;
  const { formatNames } = await import('@pattern-press/engine/build');
  const outputFormats = formatNames();
  const formats = value.split(',').map((format) => format.trim()).filter(Boolean);
  const unknown = formats.filter((format) => !outputFormats.includes(format));
  if (unknown.length > 0) throw new UsageError(`unknown format ${unknown.join(', ')}: use ${outputFormats.join(', ')}`);
  return formats;
}

/** Runs the CLI; returns the exit code. Throws only for bugs, never for content or usage problems. */
export async function main(argv: string[], io: Omit<CommandContext, 'format'>): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        run: { type: 'boolean', default: false },
        'skip-diagrams': { type: 'boolean', default: false },
        out: { type: 'string' },
        formats: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        quiet: { type: 'boolean', default: false },
        fresh: { type: 'boolean', default: false },
        audience: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        title: { type: 'string' },
        category: { type: 'string' },
        priority: { type: 'string' },
        complexity: { type: 'string' },
        author: { type: 'string' },
        now: { type: 'string' },
        'save-baseline': { type: 'string' },
        baseline: { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr(`press: ${(error as Error).message}\n\n${usage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    io.stdout(usage);
    return exitCodes.ok;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    io.stderr(`press: --format must be text or json, not ${values.format}\n`);
    return exitCodes.usage;
  }
  const ctx: CommandContext = { ...io, format: values.format, quiet: values.quiet };
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, { run: values.run, diagrams: !values['skip-diagrams'] }, ctx);
      case 'build':
        if (rest.length > 0) throw new UsageError(`build takes no paths (got ${rest.join(' ')})`);
        return await runBuild({ out: values.out, formats: await parseFormats(values.formats), run: values.run, fresh: values.fresh, audience: parseAudience(values.audience), now: values.now, baseline: values.baseline }, ctx);
      case 'dev':
        return await (await import('./dev.js')).runDev({ port: values.port, host: values.host }, ctx);
      case 'report':
        return await (await moreCommands()).runReport({ out: values.out }, ctx);
      case 'schedule':
        return await (await moreCommands()).runSchedule({ now: values.now, saveBaseline: values['save-baseline'], baseline: values.baseline }, ctx);
      case 'serve':
        return await (await moreCommands()).runServe({ port: values.port, host: values.host, out: values.out }, ctx);
      case 'new':
        return await (await moreCommands()).runNew(rest[0], {
          title: values.title,
          category: values.category,
          ...(values.priority ? { priority: Number(values.priority) } : {}),
          ...(values.complexity ? { complexity: values.complexity } : {}),
          ...(values.author ? { author: values.author } : {}),
        }, ctx);
      case 'promote':
        return await (await moreCommands()).runPromote(rest[0], ctx);
      case 'rules':
        return (await moreCommands()).runRules(ctx);
      case undefined:
        io.stderr(usage);
        return exitCodes.usage;
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`press: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
