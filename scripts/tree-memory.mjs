import { readdir, readFile } from 'node:fs/promises';

/**
 * Memory of `pid` and all its descendants (kB): the sum of PSS (shared pages
 * split among the processes sharing them, so Chromium's many processes are
 * not counted several times over) and, for comparison, the sum of RSS.
 */
export async function treeMemory(pid) {
  const parents = new Map();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    parents.set(Number(entry), Number(status.match(/^PPid:\s+(\d+)/m)?.[1] ?? 0));
  }
  const wanted = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of parents) if (wanted.has(parent) && !wanted.has(child)) { wanted.add(child); grew = true; }
  }
  let pss = 0;
  let rss = 0;
  for (const id of wanted) {
    // The process may have ended while we looked.
    const rollup = await readFile(`/proc/${id}/smaps_rollup`, 'utf8').catch(() => '');
    pss += Number(rollup.match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
    rss += Number(rollup.match(/^Rss:\s+(\d+)/m)?.[1] ?? 0);
  }
  return { pss, rss };
}
