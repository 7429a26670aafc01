// pnpm bench — the build engine's benchmark, one run, one table. Not a test.
//
// Works on a `git clone` of this repository (the committed content, so others'
// edits in progress do not disturb it) with the engine's files laid over from
// the work tree, installed offline. Measures: the packages' compile; the cold
// full pipeline (turbo, one task per output, two at a time); a no-op rebuild;
// a rebuild after editing one module; the same build as one `press build`
// process (one shared Chromium), cold and warm, with each output's time for
// the one fully written module (circuit-breaker); `bench:check` of 1000
// generated modules; and, side by side, the peer baselines (the hand-scripted
// pandoc + Chromium PDF path, marp-cli for slides). Peak memory is the peak
// sum of PSS over the whole process tree (node, turbo, every Chromium
// process), sampled every 200 ms; the RSS sum, which counts shared pages once
// per process, is shown beside it.
//
// Usage: pnpm bench [--keep] [--builds-only]   (env BENCH_MODULE=slug to edit another module;
// --builds-only skips bench:check and the peer baselines)
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeMemory } from './tree-memory.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const buildsOnly = process.argv.includes('--builds-only');
const editSlug = process.env.BENCH_MODULE ?? 'circuit-breaker';
const engineFiles = ['turbo.json', 'package.json', 'pnpm-lock.yaml', 'scripts', 'packages/cli/package.json', 'packages/cli/src'];
const distTasks = ['dist:modules', 'dist:schedule', 'dist:pdf', 'dist:scorm', 'dist:slides', 'dist:report', 'dist:api'];
const rows = [];
const notes = [];

/** Runs a command; resolves with its output, wall time and the peak RSS of its process tree. */
function measure(command, args, cwd, env = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    // INIT_CWD: `pnpm bench` sets it to the work tree, and press takes it as the user's folder: without this the
    // clone's press would build the work tree's modules.
    const child = spawn(command, args, { cwd, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true', INIT_CWD: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let peak = 0;
    let peakRss = 0;
    const sampler = setInterval(() => void treeMemory(child.pid).then(({ pss, rss }) => {
      peak = Math.max(peak, pss);
      peakRss = Math.max(peakRss, rss);
    }), 200);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ code, output, seconds: (performance.now() - started) / 1000, peakMiB: peak / 1024, peakRssMiB: peakRss / 1024 });
    });
  });
}

const fmt = (seconds) => (seconds === undefined ? '' : `${seconds.toFixed(1)} s`);
function row(what, result, target, extra = '') {
  rows.push({ what, time: fmt(result?.seconds), memory: result?.peakMiB ? `${Math.round(result.peakMiB)} MiB${result.peakRssMiB ? ` (RSS sum ${Math.round(result.peakRssMiB)})` : ''}` : '', target: target ?? '', notes: extra });
  console.error(`  ${what}: ${fmt(result?.seconds)} ${extra}`);
}
function fail(what, result) {
  console.error(`${what} failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
  process.exitCode = 1;
}

/** Per-task figures from turbo's --summarize file. */
async function turboSummary(dir) {
  const runs = path.join(dir, '.turbo', 'runs');
  const files = (await readdir(runs)).filter((file) => file.endsWith('.json')).sort();
  const latest = files.map((file) => ({ file, at: statSync(path.join(runs, file)).mtimeMs })).sort((a, b) => b.at - a.at)[0].file;
  const summary = JSON.parse(await readFile(path.join(runs, latest), 'utf8'));
  return summary.tasks.map((task) => ({ id: task.taskId, status: task.cache.status, seconds: (task.execution?.endTime - task.execution?.startTime) / 1000 }));
}

/** `  pdf          4 files    12.3 s  (3 reused, 1 made)` lines from press build's plain progress. */
function formatTimes(output) {
  return Object.fromEntries(
    [...output.matchAll(/^ {2}(\w+)\s+(\d+) files\s+([\d.]+) s(?: {2}\((\d+) reused, (\d+) made\))?$/gm)].map((m) => [
      m[1],
      { files: Number(m[2]), seconds: Number(m[3]), reuse: m[4] === undefined ? '' : `${m[4]} reused, ${m[5]} made` },
    ]),
  );
}

const work = await mkdtemp(path.join(os.tmpdir(), 'press-bench-'));
const clone = path.join(work, 'repo');
console.error(`bench in ${clone}; cores ${os.availableParallelism()}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
try {
  const cloned = await measure('git', ['clone', '--quiet', repo, clone], work);
  if (cloned.code !== 0) throw new Error(`git clone failed: ${cloned.output}`);
  for (const file of engineFiles) await cp(path.join(repo, file), path.join(clone, file), { recursive: true });
  let install = await measure('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], clone);
  if (install.code !== 0) install = await measure('pnpm', ['install', '--no-frozen-lockfile', '--offline', '--reporter=silent'], clone);
  if (install.code !== 0) throw new Error(`pnpm install failed: ${install.output}`);
  row('install (pnpm, offline, from the store)', install);

  const turbo = path.join(clone, 'node_modules', '.bin', 'turbo');
  const packages = await measure(turbo, ['run', 'build', '--concurrency=2'], clone);
  if (packages.code !== 0) fail('packages', packages);
  row('compile the packages (turbo build, cold)', packages);

  const cold = await measure(turbo, ['run', ...distTasks, '--concurrency=2', '--summarize'], clone);
  if (cold.code !== 0) fail('cold pipeline', cold);
  const coldTasks = await turboSummary(clone);
  row('cold full build (turbo pipeline, 7 output tasks, concurrency 2)', cold, '< 60 s, < 2 GiB',
    coldTasks.filter((t) => t.id.startsWith('//#')).map((t) => `${t.id.slice(8)} ${t.seconds.toFixed(1)}`).join(', '));

  const noop = await measure(turbo, ['run', ...distTasks, '--concurrency=2', '--summarize'], clone);
  const noopTasks = await turboSummary(clone);
  row('no-op rebuild (turbo)', noop, '< 1 s', `${noopTasks.filter((t) => t.status === 'HIT').length}/${noopTasks.length} tasks cache hits${noop.output.includes('FULL TURBO') ? ', FULL TURBO' : ''}`);
  const noopPress = await measure('node', ['packages/cli/dist/bin.js', 'build', '--quiet', '--formats', 'modules'], clone);
  notes.push(`a no-op is a turbo cache hit; without turbo, even the cheapest press build (--formats modules: load + check) takes ${fmt(noopPress.seconds)}`);

  const moduleFile = path.join(clone, 'modules', editSlug, 'module.md');
  const original = await readFile(moduleFile, 'utf8');
  await writeFile(moduleFile, original.replace(/^tagline: (.*)$/m, 'tagline: $1 (edited)'));
  const edit = await measure(turbo, ['run', ...distTasks, '--concurrency=2', '--summarize'], clone);
  if (edit.code !== 0) fail('edit pipeline', edit);
  const editTasks = await turboSummary(clone);
  row(`rebuild after editing ${editSlug} (turbo)`, edit, '< 5 s', `${editTasks.filter((t) => t.status === 'MISS').length} tasks re-ran (${editTasks.filter((t) => t.status === 'MISS').map((t) => t.id.replace('//#', '')).join(', ')})`);
  await writeFile(moduleFile, original);

  // The same work in one process: one Chromium shared by every output.
  await rm(path.join(clone, '.press-cache'), { recursive: true, force: true });
  const oneCold = await measure('node', ['packages/cli/dist/bin.js', 'build', '--quiet', '--out', path.join(work, 'one')], clone);
  if (oneCold.code !== 0) fail('press build', oneCold);
  row('cold full build, one press build process (cold .press-cache)', oneCold, '< 60 s, < 2 GiB');
  const oneWarm = await measure('node', ['packages/cli/dist/bin.js', 'build', '--quiet', '--out', path.join(work, 'one')], clone);
  row('no-op full build, one press build process (every output from .press-cache/outputs)', oneWarm, '< 1 s');
  const oneFresh = await measure('node', ['packages/cli/dist/bin.js', 'build', '--quiet', '--fresh', '--out', path.join(work, 'one')], clone);
  row('full build, one press build process, --fresh (diagrams cached, every output made)', oneFresh, '< 60 s, < 2 GiB');
  const coldFormats = formatTimes(oneCold.output);
  const freshFormats = formatTimes(oneFresh.output);
  for (const format of Object.keys(freshFormats)) {
    row(`  ${format} (every built module), its time in that process (formats run at once)`, { seconds: freshFormats[format].seconds }, '', `${freshFormats[format].files} files; cold .press-cache ${fmt(coldFormats[format]?.seconds)}`);
  }
  await writeFile(moduleFile, original.replace(/^tagline: (.*)$/m, 'tagline: $1 (edited again)'));
  const oneEdit = await measure('node', ['packages/cli/dist/bin.js', 'build', '--quiet', '--out', path.join(work, 'one')], clone);
  await writeFile(moduleFile, original);
  if (oneEdit.code !== 0) fail('edit, one process', oneEdit);
  const editFormats = formatTimes(oneEdit.output);
  row(`rebuild after editing ${editSlug}, one press build process`, oneEdit, '< 5 s',
    Object.entries(editFormats).map(([format, t]) => `${format} ${t.seconds.toFixed(1)} s${t.reuse ? ` (${t.reuse})` : ''}`).join('; '));
  const ratio = (a, b) => (a && b ? (a.seconds / b.seconds).toFixed(2) : '');
  notes.push(`ratios: turbo cold / one process cold ${ratio(cold, oneCold)}; no-op / cold ${ratio(noop, cold)}; edit / cold ${ratio(edit, cold)}`);
  if (buildsOnly) throw Object.assign(new Error('--builds-only'), { skipRest: true });
  const check = await measure('node', ['scripts/bench-check.mjs', '1000'], clone);
  row('bench:check, 1000 generated modules', check, '', check.output.trim().split('\n').slice(-2).join(' | '));

  const pdfPeer = await measure('node', ['packages/pdf/bench/pdf-bench.mjs'], clone, { ROUNDS: '1' });
  const ours = Number(pdfPeer.output.match(new RegExp(`ours, round 1.*?${editSlug}\\.pdf (\\d+) ms`))?.[1]);
  const naive = Number(pdfPeer.output.match(new RegExp(`naive, round 1: .*?${editSlug}\\.pdf (\\d+) ms`))?.[1]);
  row(`PDF of ${editSlug}: ours vs pandoc + chromium by hand`, { seconds: ours / 1000, peakMiB: pdfPeer.peakMiB }, '', Number.isFinite(naive) ? `naive ${(naive / 1000).toFixed(1)} s; ours/naive ${(ours / naive).toFixed(2)} (naive: no diagrams, raw directives)` : pdfPeer.output.slice(-300));

  const slidesPeer = await measure('node', ['packages/slides/bench/slides-bench.mjs'], clone);
  try {
    const report = JSON.parse(slidesPeer.output.slice(slidesPeer.output.indexOf('{')));
    row(`slides of ${editSlug}: ours (HTML+PDF+PPTX) vs marp-cli (PDF+PPTX)`, { seconds: parseFloat(report.ours['warm cache']), peakMiB: slidesPeer.peakMiB }, '', `marp ${report.marp.total}; ours/marp warm ${report['ours / marp (warm)']}, cold ${report['ours / marp (cold, with browser launch)']}`);
  } catch {
    row('slides vs marp-cli', slidesPeer, '', `could not read its report: ${slidesPeer.output.slice(-300)}`);
  }

  notes.push(`load average at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores (the machine is shared: figures are wall times under that load)`);
} catch (error) {
  if (!error.skipRest) throw error;
  notes.push('--builds-only: bench:check and the peer baselines skipped');
} finally {
  const width = (key) => Math.max(key.length, ...rows.map((r) => String(r[key]).length));
  const keys = ['what', 'time', 'memory', 'target', 'notes'];
  console.log(`| ${keys.map((k) => k.padEnd(width(k))).join(' | ')} |`);
  console.log(`|${keys.map((k) => '-'.repeat(width(k) + 2)).join('|')}|`);
  for (const r of rows) console.log(`| ${keys.map((k) => String(r[k]).padEnd(width(k))).join(' | ')} |`);
  for (const note of notes) console.log(`- ${note}`);
  if (keep) console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
