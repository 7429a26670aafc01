import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { treeMemory } from './tree-memory.mjs';

/**
 * CPU seconds used by this process's children that have ended (user + system,
 * each counting its own ended children): the difference across one awaited run
 * is that run's whole process tree, Chromium's helpers included.
 */
function childrenCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 16 and 17 of stat(5) (cutime, cstime), counted from after the command name, in clock ticks (100 a second on Linux).
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * Runs a command to its end; resolves with its output, wall time, the CPU time
 * of its whole process tree, the peak PSS/RSS of that tree (sampled every
 * 200 ms) and the machine's 1-minute load average when it started. Run one at
 * a time: the CPU figure counts every child this process reaps meanwhile.
 */
const mebibytes = (groups) => Object.fromEntries(Object.entries(groups).sort(([, a], [, b]) => b - a).map(([group, kb]) => [group, Math.round(kb / 1024)]));

export function measure(command, args, cwd, env = {}) {
  return new Promise((resolve) => {
    const load = os.loadavg()[0];
    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    // INIT_CWD: `pnpm bench` sets it to the work tree, and press takes it as the user's folder: without this a
    // clone's press would build the work tree's modules.
    const child = spawn(command, args, { cwd, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true', INIT_CWD: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let peak = 0;
    let peakRss = 0;
    // What held the memory: PSS per process group at the moment of the peak, and each group's own peak.
    let atPeak = {};
    const groupPeaks = {};
    // One scan of /proc at a time: on a loaded machine a scan can take longer than the interval, and
    // overlapping scans would starve the event loop that drains the child's output (the child then
    // blocks on a full pipe and the measurement is of us, not of it).
    let scanning = false;
    const sampler = setInterval(() => {
      if (scanning) return;
      scanning = true;
      void treeMemory(child.pid)
        .then(({ pss, rss, groups }) => {
          if (pss > peak) atPeak = groups;
          for (const [group, kb] of Object.entries(groups)) groupPeaks[group] = Math.max(groupPeaks[group] ?? 0, kb);
          peak = Math.max(peak, pss);
          peakRss = Math.max(peakRss, rss);
        })
        .finally(() => (scanning = false));
    }, 200);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ code, output, seconds: (performance.now() - started) / 1000, cpuSeconds: childrenCpuSeconds() - cpuBefore, peakMiB: peak / 1024, peakRssMiB: peakRss / 1024, load, peakGroupsMiB: mebibytes(atPeak), groupPeaksMiB: mebibytes(groupPeaks) });
    });
  });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
