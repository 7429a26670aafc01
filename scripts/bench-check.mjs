// pnpm bench:check [count] [--workers 1,2] [--keep] — runs `press check` on `count` (default 1000)
// generated modules, cold (empty parse cache) and warm (every module in .press-cache/parse), and
// prints wall and CPU time of each run. The modules are copies of the repository's own modules
// (cycled, with new slugs), so their size mix is that of real content. Not a pass/fail test.
//
// --workers 1,2   runs the cold and warm pair once per worker setting (PRESS_PARSE_WORKERS);
//                 without it, the default (no workers below 4 cores).
// --keep          keeps the generated collection (its path is printed).
//
// Diagram verdicts are copied from the repository's .press-cache/mermaid-parse when it has them
// (the copies' diagrams are the real modules' diagrams), so the runs measure the check, not Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};
const keep = args.includes('--keep') ? (args.splice(args.indexOf('--keep'), 1), true) : false;
const workerSettings = (option('--workers') ?? '').split(',').filter(Boolean);
const count = Number(args[0] ?? 1000);

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'packages/cli/dist/bin.js');
const source = path.join(repo, 'modules');
const templates = [];
for (const entry of (await readdir(source, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
  templates.push({ slug: entry.name, text: await readFile(path.join(source, entry.name, 'module.md'), 'utf8') });
}
const catalogText = await readFile(path.join(source, 'catalog.yaml'), 'utf8');
const [head, rest] = catalogText.split(/^patterns:\n/m);
const timeline = rest.slice(rest.search(/^timeline:/m));

const root = await mkdtemp(path.join(os.tmpdir(), 'press-bench-'));
const dir = path.join(root, 'modules');
await mkdir(dir);
let bytes = 0;
let patterns = '';
for (let i = 0; i < count; i++) {
  const template = templates[i % templates.length];
  const slug = `${template.slug}-${i}`;
  // Related and dependency links point at other generated copies so catalog checks do real work.
  const text = template.text.replace(/^slug: .*$/m, `slug: ${slug}`).replace(/^related: .*$/m, 'related: []');
  bytes += Buffer.byteLength(text);
  await mkdir(path.join(dir, slug));
  await writeFile(path.join(dir, slug, 'module.md'), text);
  const dependsOn = i > 0 ? `[${templates[(i - 1) % templates.length].slug}-${i - 1}]` : '[]';
  patterns += `  - slug: ${slug}\n    title: Module ${i}\n    category: resilience\n    priority: 1\n    complexity: medium\n    depends_on: ${dependsOn}\n    real_examples: [Example]\n`;
}
await writeFile(path.join(dir, 'catalog.yaml'), `${head}patterns:\n${patterns}${timeline}`);
await writeFile(path.join(dir, 'library.yaml'), await readFile(path.join(source, 'library.yaml')));
const cacheDir = path.join(root, '.press-cache');
const verdicts = path.join(repo, '.press-cache', 'mermaid-parse');
const seeded = existsSync(verdicts);
if (seeded) await cp(verdicts, path.join(cacheDir, 'mermaid-parse'), { recursive: true });

/** Runs `press check` on the collection: wall seconds, CPU seconds of the process (Linux: from /proc), its summary line. */
function check(env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // sh reports the CPU time of the node it waited for (cutime + cstime of /proc/$$/stat, in clock ticks).
    const script = `"$0" "$1" check "$2" --format text; code=$?; cat /proc/$$/stat 1>&3 2>/dev/null; exit $code`;
    const child = spawn('sh', ['-c', script, process.execPath, bin, dir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stat = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', () => undefined);
    child.stdio[3].on('data', (chunk) => (stat += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[13]) + Number(fields[14]);
      const cpu = Number.isFinite(ticks) ? ticks / 100 : undefined;
      const summary = stdout.trim().split('\n').pop() ?? '';
      resolve({ code, seconds, cpu, summary });
    });
  });
}

const mb = bytes / 1e6;
console.log(
  `${count} generated modules (${mb.toFixed(1)} MB of Markdown) in ${dir}; ${os.availableParallelism()} cores, load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
if (!seeded) console.log('(no .press-cache/mermaid-parse in the repository: the first run validates the diagrams in Chromium)');
const rows = [];
for (const workers of workerSettings.length > 0 ? workerSettings : [undefined]) {
  const env = workers === undefined ? {} : { PRESS_PARSE_WORKERS: workers };
  await rm(path.join(cacheDir, 'parse'), { recursive: true, force: true });
  const cold = await check(env);
  const warm = await check(env);
  const label = workers === undefined ? 'default workers' : `${workers} worker${workers === '1' ? '' : 's'}`;
  for (const [kind, run] of [
    ['cold', cold],
    ['warm', warm],
  ]) {
    rows.push({ label, kind, ...run });
    const cpu = run.cpu === undefined ? '' : `, CPU ${run.cpu.toFixed(1)} s`;
    console.log(`press check, ${label}, ${kind}: ${run.seconds.toFixed(2)} s${cpu}, ${(count / run.seconds).toFixed(0)} modules/s — ${run.summary}`);
  }
}
if (keep) console.log(`kept ${root}`);
else await rm(root, { recursive: true, force: true });

const last = (kind) => rows.filter((row) => row.kind === kind).at(-1);
console.log(
  `checked ${count} modules (${mb.toFixed(1)} MB of Markdown): cold ${last('cold').seconds.toFixed(2)} s (${(mb / last('cold').seconds).toFixed(1)} MB/s), warm ${last('warm').seconds.toFixed(2)} s`,
);
console.log(`${(count / last('cold').seconds).toFixed(0)} modules/s cold, ${(count / last('warm').seconds).toFixed(0)} modules/s warm (parse cache in .press-cache/parse)`);
