// pnpm bench — the build engine's benchmark, one run, one table. Not a test.
//
// Works on a `git clone` of this repository (the committed content, so others'
// edits in progress do not disturb it) with the engine's files laid over from
// the work tree, installed offline. Measures: the packages' compile; the cold
// full pipeline (turbo, one task per output, two at a time); the README's build
// command as a no-op (`bash scripts/build.sh`: its setup step and turbo); a
// rebuild after editing one module; the same build as one `press build`
// process (one shared Chromium), cold and warm, with each output's time; the
// edit in `press dev` (scripts/bench-edit.mjs);
// `bench:check` of 1000 generated modules; the peers (scripts/bench-peers.mjs:
// pandoc + Chromium by hand for the PDFs, marp-cli for the slides, each side a
// process, interleaved rounds, equivalent outputs); and the PDF build at 9, 36
// and 90 modules (scripts/bench-scale.mjs). Every row has the 1-minute load
// average when it started and, where it is one process tree, its CPU seconds
// (user + system of every process, Chromium's included: the figure load does
// not inflate). Peak memory is the peak sum of PSS over the whole process tree,
// sampled every 200 ms; the RSS sum, which counts shared pages once per
// process, is shown beside it.
//
// Usage: pnpm bench [--keep] [--builds-only] [--scale 9,36,90 | --no-scale] [--rounds N]
//   BENCH_MODULE=slug edits another module; --builds-only skips bench:check,
//   the peers and the scale rows; --rounds sets the peers' rounds (default 2).
import { statSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median } from './measure.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const buildsOnly = process.argv.includes('--builds-only');
const argument = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const scaleSizes = process.argv.includes('--no-scale') ? '' : argument('--scale', '9,36,90');
const peerRounds = argument('--rounds', '2');
const editSlug = process.env.BENCH_MODULE ?? 'circuit-breaker';
const engineFiles = ['turbo.json', 'package.json', 'pnpm-lock.yaml', 'scripts', 'packages/cli/package.json', 'packages/cli/src', 'packages/slides/bench'];
const distTasks = ['dist:modules', 'dist:schedule', 'dist:pdf', 'dist:scorm', 'dist:slides', 'dist:report', 'dist:api'];
const rows = [];
const notes = [];

const fmt = (seconds) => (seconds === undefined ? '' : `${seconds.toFixed(1)} s`);
function row(what, result, target, extra = '') {
  rows.push({
    what,
    time: fmt(result?.seconds),
    cpu: result?.cpuSeconds === undefined ? '' : fmt(result.cpuSeconds),
    load: result?.load === undefined ? '' : result.load.toFixed(1),
    memory: result?.peakMiB ? `${Math.round(result.peakMiB)} MiB${result.peakRssMiB ? ` (RSS sum ${Math.round(result.peakRssMiB)})` : ''}` : '',
    target: target ?? '',
    notes: extra,
  });
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
console.error(
  `bench in ${clone}; cores ${os.availableParallelism()}; load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
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
  row(
    'cold full build (turbo pipeline, 7 output tasks, concurrency 2)',
    cold,
    '< 60 s, < 2 GiB',
    coldTasks
      .filter((t) => t.id.startsWith('//#'))
      .map((t) => `${t.id.slice(8)} ${t.seconds.toFixed(1)}`)
      .join(', '),
  );

  const noop = await measure(turbo, ['run', ...distTasks, '--concurrency=2', '--summarize'], clone);
  const noopTasks = await turboSummary(clone);
  // The README's build command itself, setup step included: what a user waits for. Median of five.
  const readmeNoops = [];
  for (let round = 0; round < 5; round++) readmeNoops.push(await measure('bash', ['scripts/build.sh'], clone));
  const readmeNoop = readmeNoops.find((r) => r.seconds === median(readmeNoops.map((x) => x.seconds))) ?? readmeNoops[0];
  row(
    'no-op: the README build command (bash scripts/build.sh), median of 5',
    readmeNoop,
    '< 1 s',
    `${readmeNoop.output.includes('FULL TURBO') ? 'FULL TURBO' : 'not all cache hits'}; runs ${readmeNoops.map((r) => r.seconds.toFixed(2)).join(', ')} s; turbo run alone ${fmt(noop.seconds)} (${noopTasks.filter((t) => t.status === 'HIT').length}/${noopTasks.length} hits)`,
  );
  const noopPress = await measure('node', ['packages/cli/dist/bin.js', 'build', '--quiet', '--formats', 'modules'], clone);
  notes.push(`a no-op is a turbo cache hit; without turbo, even the cheapest press build (--formats modules: load + check) takes ${fmt(noopPress.seconds)}`);

  const moduleFile = path.join(clone, 'modules', editSlug, 'module.md');
  const original = await readFile(moduleFile, 'utf8');
  await writeFile(moduleFile, original.replace(/^tagline: (.*)$/m, 'tagline: $1 (edited)'));
  const edit = await measure(turbo, ['run', ...distTasks, '--concurrency=2', '--summarize'], clone);
  if (edit.code !== 0) fail('edit pipeline', edit);
  const editTasks = await turboSummary(clone);
  row(
    `rebuild after editing ${editSlug} (turbo)`,
    edit,
    '< 5 s',
    `${editTasks.filter((t) => t.status === 'MISS').length} tasks re-ran (${editTasks
      .filter((t) => t.status === 'MISS')
      .map((t) => t.id.replace('//#', ''))
      .join(', ')})`,
  );
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
    row(
      `  ${format} (every built module), its time in that process (formats run at once)`,
      { seconds: freshFormats[format].seconds },
      '',
      `${freshFormats[format].files} files; cold .press-cache ${fmt(coldFormats[format]?.seconds)}`,
    );
  }
  await writeFile(moduleFile, original.replace(/^tagline: (.*)$/m, 'tagline: $1 (edited again)'));
  const oneEdit = await measure('node', ['packages/cli/dist/bin.js', 'build', '--quiet', '--out', path.join(work, 'one')], clone);
  await writeFile(moduleFile, original);
  if (oneEdit.code !== 0) fail('edit, one process', oneEdit);
  const editFormats = formatTimes(oneEdit.output);
  row(
    `rebuild after editing ${editSlug}, one press build process`,
    oneEdit,
    '< 5 s',
    Object.entries(editFormats)
      .map(([format, t]) => `${format} ${t.seconds.toFixed(1)} s${t.reuse ? ` (${t.reuse})` : ''}`)
      .join('; '),
  );
  // press dev: the edit loop in one warm process (scripts/bench-edit.mjs: the save until the engine reports the rebuild).
  const devEdit = await measure('node', ['scripts/bench-edit.mjs', '--runs', '3', '--no-build', '--module', editSlug], clone);
  const devRows = [...devEdit.output.matchAll(/^\| press dev: edit \d+ [^|]*\| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) \|/gm)].map((m) => ({
    seconds: Number(m[1]),
    cpuSeconds: Number(m[2]),
    load: Number(m[3]),
  }));
  if (devRows.length === 0) fail('press dev edit', devEdit);
  else
    row(
      `rebuild after editing one sentence of ${editSlug}, press dev (its PDF, deck, SCORM player, API and the handbook), median of ${devRows.length}`,
      { seconds: median(devRows.map((r) => r.seconds)), cpuSeconds: median(devRows.map((r) => r.cpuSeconds)), load: devRows[0].load },
      '< 5 s',
      `runs ${devRows.map((r) => `${r.seconds.toFixed(1)} s / ${r.cpuSeconds.toFixed(1)} CPU-s [${r.load.toFixed(1)}]`).join(', ')}`,
    );
  const ratio = (a, b) => (a && b ? (a.seconds / b.seconds).toFixed(2) : '');
  notes.push(`ratios: turbo cold / one process cold ${ratio(cold, oneCold)}; no-op / cold ${ratio(noop, cold)}; edit / cold ${ratio(edit, cold)}`);
  if (buildsOnly) throw Object.assign(new Error('--builds-only'), { skipRest: true });
  const check = await measure('node', ['scripts/bench-check.mjs', '1000'], clone);
  row('bench:check, 1000 generated modules', check, '', check.output.trim().split('\n').slice(-2).join(' | '));

  const peers = await measure('node', ['scripts/bench-peers.mjs', '--rounds', peerRounds], clone);
  try {
    const report = JSON.parse(peers.output.slice(peers.output.indexOf('\n{') + 1));
    for (const [format, label] of [
      ['pdf', 'PDF outputs (9 module PDFs, handbook PDF, EPUB, DOCX)'],
      ['slides', 'slides (HTML, PDF, PPTX per module)'],
    ]) {
      const { ours, peer } = report[format];
      const loads = (r) => r.loads.join('/');
      row(`${label}: ours, press build --fresh, median of ${report.rounds}`, { seconds: ours.seconds, cpuSeconds: ours.cpuSeconds, peakMiB: ours.peakMiB }, '', `loads ${loads(ours)}`);
      row(
        `  same outputs: ${peer.name}, interleaved`,
        { seconds: peer.seconds, cpuSeconds: peer.cpuSeconds, peakMiB: peer.peakMiB },
        '',
        `loads ${loads(peer)}; ours/peer wall ${report[format]['ours / peer (wall)']}, CPU ${report[format]['ours / peer (CPU)']}`,
      );
    }
  } catch {
    row('peers', peers, '', `could not read their report: ${peers.output.slice(-300)}`);
  }

  if (scaleSizes) {
    const scale = await measure('node', ['scripts/bench-scale.mjs', scaleSizes, '--json'], clone);
    try {
      for (const r of JSON.parse(scale.output.slice(scale.output.lastIndexOf('\n[') + 1))) {
        row(
          `press build --formats pdf, ${r.modules} modules (${r.pages} handbook pages), cold`,
          r.cold,
          r.modules === 90 ? 'succeeds, < 2 GiB' : '',
          `${r.cold.pagesPerCpuSecond} pages per CPU second`,
        );
        row(`  ${r.modules} modules: after editing one sentence of one module`, r.edit, '< 10 s', r.edit.printed);
      }
    } catch {
      row('scale', scale, '', `could not read its report: ${scale.output.slice(-300)}`);
    }
  }

  notes.push(
    `load average at the end: ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} on ${os.availableParallelism()} cores (the machine is shared: figures are wall times under that load)`,
  );
} catch (error) {
  if (!error.skipRest) throw error;
  notes.push('--builds-only: bench:check, the peers and the scale rows skipped');
} finally {
  const width = (key) => Math.max(key.length, ...rows.map((r) => String(r[key]).length));
  const keys = ['what', 'time', 'cpu', 'load', 'memory', 'target', 'notes'];
  console.log(`| ${keys.map((k) => k.padEnd(width(k))).join(' | ')} |`);
  console.log(`|${keys.map((k) => '-'.repeat(width(k) + 2)).join('|')}|`);
  for (const r of rows) console.log(`| ${keys.map((k) => String(r[k]).padEnd(width(k))).join(' | ')} |`);
  for (const note of notes) console.log(`- ${note}`);
  if (keep) console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
