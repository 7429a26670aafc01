// pnpm bench:edit — the edit loop, measured: one sentence of one module edited, then
//   1. `press dev` (one process kept running): from the save until the dev engine reports the
//      rebuild done (its `dev: rebuilt ...` line: every preview of that module and the handbook);
//   2. `press build` (one process, warm .press-cache) after the same kind of edit.
// Not a test. Works on a temporary copy of modules/ (the work tree's), so nothing of the repository
// changes; the first dev build and the first press build are cold and shown apart.
//
// Every row has wall seconds, the CPU seconds of the whole process tree (node, Chromium, pandoc:
// user + system, the figure load does not inflate) and the 1-minute load average when it started.
//
// Usage: node scripts/bench-edit.mjs [--runs N] [--module slug] [--no-build] [--no-dev] [--keep] [--cpu-prof] [--work DIR]
//   --cpu-prof writes V8 CPU profiles of press dev and press build into <work>/profiles (kept);
//   --work DIR runs in a folder a --keep run left (its modules/ and warm .press-cache), and keeps it.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median } from './measure.mjs';
import { descendants } from './tree-memory.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const argument = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(argument('--runs', '3'));
const slug = argument('--module', 'circuit-breaker');
const reused = argument('--work', undefined);
const keep = process.argv.includes('--keep') || reused !== undefined;
const profile = process.argv.includes('--cpu-prof');
const bin = path.join(repo, 'packages', 'cli', 'dist', 'bin.js');

/** CPU seconds (user + system, own and reaped children) of `pid` and every live descendant. */
async function treeCpuSeconds(pid) {
  const parents = new Map();
  const ticks = new Map();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(entry), Number(fields[1]));
    // utime, stime, cutime, cstime: fields 14-17 of stat(5), counted here from the state field.
    ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
  }
  let total = 0;
  for (const id of descendants(pid, parents)) total += ticks.get(id) ?? 0;
  return total / 100;
}

/** The module's text with one sentence of its body changed (a marker added before its full stop). */
function editedSentence(text, marker) {
  const bodyStart = text.indexOf('\n---', 4) + 4;
  const lines = text.slice(bodyStart).split('\n');
  const index = lines.findIndex((line) => /^[A-Z][^:|#!<>`*[\]]*\.$/.test(line.trim()) && line.length > 20);
  if (index < 0) throw new Error('no plain sentence found to edit');
  lines[index] = lines[index].replace(/\.\s*$/, ` (${marker}).`);
  return text.slice(0, bodyStart) + lines.join('\n');
}

const fmt = (n) => `${n.toFixed(1)} s`;
const rows = [];
function report(what, r, notes = '') {
  rows.push({ what, wall: fmt(r.seconds), cpu: fmt(r.cpuSeconds), load: r.load.toFixed(1), notes });
  console.error(`  ${what}: ${fmt(r.seconds)} wall, ${fmt(r.cpuSeconds)} CPU [load ${r.load.toFixed(1)}] ${notes}`);
}

const work = reused ? path.resolve(reused) : await mkdtemp(path.join(os.tmpdir(), 'press-bench-edit-'));
const moduleFile = path.join(work, 'modules', slug, 'module.md');
const profiles = path.join(work, 'profiles');
const nodeArgs = (name) => (profile ? [`--cpu-prof`, `--cpu-prof-dir=${profiles}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : []);
console.error(`bench:edit in ${work}; editing ${slug}; cores ${os.availableParallelism()}; load ${os.loadavg()[0].toFixed(1)}`);
try {
  if (!reused) await cp(path.join(repo, 'modules'), path.join(work, 'modules'), { recursive: true });
  if (profile) await mkdir(profiles, { recursive: true });
  const original = await readFile(moduleFile, 'utf8');

  if (!process.argv.includes('--no-dev')) {
    // --port 0: any free port; the engine's log lines on stderr say when a rebuild is done.
    const dev = spawn(process.execPath, [...nodeArgs('dev'), bin, 'dev', '--port', '0'], { cwd: work, env: { ...process.env, INIT_CWD: work }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const waiters = [];
    dev.stdout.on('data', (chunk) => (log += chunk));
    dev.stderr.on('data', (chunk) => {
      log += chunk;
      for (const waiter of waiters.splice(0)) waiter();
    });
    /** Resolves with the log from `from` on when a rebuild has ended (its summary and time lines printed). */
    const rebuilt = (from) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const tail = log.slice(from);
          if (/^dev: rebuilt .*\n(dev: .*\n)*?dev: time spent: .*\n/m.test(tail) || /^dev: (rebuild failed|\d+ error)/m.test(tail)) resolve(tail);
          else if (dev.exitCode !== null) reject(new Error(`press dev ended:\n${log}`));
          else waiters.push(look);
        };
        look();
      });
    const step = async (what, action) => {
      const from = log.length;
      const load = os.loadavg()[0];
      const cpuBefore = await treeCpuSeconds(dev.pid);
      const started = performance.now();
      await action();
      const tail = await rebuilt(from);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = (await treeCpuSeconds(dev.pid)) - cpuBefore;
      const lines = tail.match(/^dev: (rebuilt|parts|inside|time spent|rebuild failed|\d+ error).*$/gm) ?? [];
      report(what, { seconds, cpuSeconds, load }, lines.map((line) => line.replace(/^dev: /, '')).join(' | '));
      return { seconds, cpuSeconds, load };
    };
    await step(`press dev: first build (${reused ? 'warm' : 'cold'} .press-cache)`, async () => {});
    const edits = [];
    for (let run = 1; run <= runs; run++) edits.push(await step(`press dev: edit ${run} of ${slug}`, () => writeFile(moduleFile, editedSentence(original, `dev edit ${run}`))));
    const wall = median(edits.map((e) => e.seconds));
    const cpu = median(edits.map((e) => e.cpuSeconds));
    console.error(`  press dev edit, median of ${runs}: ${fmt(wall)} wall, ${fmt(cpu)} CPU (target < 5 s)`);
    dev.kill('SIGTERM');
    await new Promise((resolve) => dev.once('close', resolve));
    await writeFile(moduleFile, original);
  }

  if (!process.argv.includes('--no-build')) {
    const out = path.join(work, 'dist');
    const build = (name) => measure(process.execPath, [...nodeArgs(name), bin, 'build', '--quiet', '--out', out], work);
    const first = await build('build-first');
    if (first.code !== 0) throw new Error(`press build failed:\n${first.output.slice(-3000)}`);
    report('press build: first (warm parse and part caches from dev, if it ran)', first);
    const edits = [];
    for (let run = 1; run <= runs; run++) {
      await writeFile(moduleFile, editedSentence(original, `build edit ${run}`));
      const result = await build(`build-edit-${run}`);
      if (result.code !== 0) throw new Error(`press build failed:\n${result.output.slice(-3000)}`);
      const formats = [...result.output.matchAll(/^ {2}(\w+)\s+\d+ files\s+([\d.]+) s(?: {2}\((\d+ reused, \d+ made)\))?$/gm)].map((m) => `${m[1]} ${m[2]} s${m[3] ? ` (${m[3]})` : ''}`);
      report(`press build: edit ${run} of ${slug}`, result, formats.join('; '));
      edits.push(result);
    }
    console.error(`  press build edit, median of ${runs}: ${fmt(median(edits.map((e) => e.seconds)))} wall, ${fmt(median(edits.map((e) => e.cpuSeconds)))} CPU (target < 10 s)`);
    await writeFile(moduleFile, original);
  }

  console.log('| what | wall | CPU | load | notes |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.what} | ${r.wall} | ${r.cpu} | ${r.load} | ${r.notes} |`);
  if (profile) console.error(`profiles in ${profiles}`);
} finally {
  if (!keep && !profile) await rm(work, { recursive: true, force: true });
}
