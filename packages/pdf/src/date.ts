import { execFile } from 'node:child_process';
import type { Publication } from '@pattern-press/format';

/** Seconds since 1970 of the last commit that touched `folder`, or undefined outside a git work tree. */
function lastCommitEpoch(folder: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['log', '-1', '--format=%ct', '--', '.'], { cwd: folder, timeout: 30_000 }, (error, stdout) => {
      const epoch = Number(stdout.trim());
      resolve(error || !Number.isInteger(epoch) || epoch <= 0 ? undefined : epoch);
    });
  });
}

/**
 * The date the documents carry (title pages, PDF dates, zip entries): a real
 * date that the same content always gets. `SOURCE_DATE_EPOCH` when set;
 * else the last commit that touched the modules; else (a copy outside git)
 * the start of the catalog's timeline.
 */
export async function contentEpoch(publication: Pick<Publication, 'root' | 'catalog'>): Promise<number> {
  const fromEnvironment = Number(process.env.SOURCE_DATE_EPOCH);
  if (process.env.SOURCE_DATE_EPOCH && Number.isFinite(fromEnvironment)) return fromEnvironment;
  const committed = await lastCommitEpoch(publication.root);
  if (committed !== undefined) return committed;
  const start = Date.parse(`${publication.catalog.timeline?.start ?? ''}T00:00:00Z`);
  return Number.isFinite(start) ? start / 1000 : 0;
}
