import { readdir, readFile } from 'node:fs/promises';

/** The group a process's memory is reported under: node, chromium, pandoc, or its command name. */
function groupOf(command) {
  if (/chrom/i.test(command)) return 'chromium';
  return command;
}

/**
 * Memory of `pid` and all its descendants (kB): the sum of PSS (shared pages
 * split among the processes sharing them, so Chromium's many processes are
 * not counted several times over), for comparison the sum of RSS, and the PSS
 * per group of processes (node, chromium, pandoc, ...), to say what holds it.
 */
export async function treeMemory(pid) {
  const parents = new Map();
  const commands = new Map();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    parents.set(Number(entry), Number(status.match(/^PPid:\s+(\d+)/m)?.[1] ?? 0));
    commands.set(Number(entry), status.match(/^Name:\s+(.*)$/m)?.[1] ?? '?');
  }
  const wanted = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of parents) if (wanted.has(parent) && !wanted.has(child)) { wanted.add(child); grew = true; }
  }
  let pss = 0;
  let rss = 0;
  const groups = {};
  for (const id of wanted) {
    // The process may have ended while we looked.
    const rollup = await readFile(`/proc/${id}/smaps_rollup`, 'utf8').catch(() => '');
    const own = Number(rollup.match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
    pss += own;
    rss += Number(rollup.match(/^Rss:\s+(\d+)/m)?.[1] ?? 0);
    const group = groupOf(commands.get(id) ?? '?');
    groups[group] = (groups[group] ?? 0) + own;
  }
  return { pss, rss, groups };
}
