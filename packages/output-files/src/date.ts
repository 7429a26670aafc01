import { execFile } from 'node:child_process';

/** What the date is read from: the collection folder (modules/) and its catalog's timeline. */
export interface DatedContent {
  root: string;
  catalog: { timeline?: { start?: string | undefined } | undefined };
}

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
 * The date every output carries (title pages, PDF and Office dates, zip
 * entries), in seconds since 1970: a real date that the same content always
 * gets. `SOURCE_DATE_EPOCH` when set; else the last commit that touched the
 * modules; else (a copy outside git) the start of the catalog's timeline.
 */
export async function contentEpoch(content: DatedContent): Promise<number> {
  const fromEnvironment = Number(process.env.SOURCE_DATE_EPOCH);
  if (process.env.SOURCE_DATE_EPOCH && Number.isFinite(fromEnvironment)) return fromEnvironment;
  const committed = await lastCommitEpoch(content.root);
  if (committed !== undefined) return committed;
  const start = Date.parse(`${content.catalog.timeline?.start ?? ''}T00:00:00Z`);
  return Number.isFinite(start) ? start / 1000 : 0;
}

/** contentEpoch as a Date. */
export async function contentDate(content: DatedContent): Promise<Date> {
  return new Date((await contentEpoch(content)) * 1000);
}
