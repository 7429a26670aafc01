import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** `.<name>.<kind>-<pid>-<tag>` beside `target`: dot-names, so servers and listings skip them. */
function siblingName(target: string, kind: 'staging' | 'old'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * The one atomic folder swap: `fresh` (a complete folder on the same file
 * system) becomes `target` with two renames, so a reader sees the old or the
 * new folder, never half of one. On any failure `target` is left as it was
 * (the old folder put back) and the error is thrown; `fresh` is then the
 * caller's to remove. A process killed between the two renames leaves the
 * old folder as `.<name>.old-<pid>-<tag>`, which removeStaleStaging puts back.
 */
export async function swapFolder(fresh: string, target: string): Promise<void> {
  const retired = siblingName(target, 'old');
  const hadOld = await rename(target, retired).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(fresh, target);
  } catch (error) {
    // Another writer may have put a complete folder there in the meantime: then theirs stays and ours goes.
    if (hadOld) await rename(retired, target).catch(() => rm(retired, { recursive: true, force: true }));
    throw error;
  }
  if (hadOld) await rm(retired, { recursive: true, force: true });
}

/**
 * Fills `target` through `write(staging)`: everything is written to a sibling
 * staging folder and swapped in (swapFolder) only when `write` succeeds, so a
 * failed write leaves the previous output whole and a reader never sees half
 * an output. The error of `write` or of the swap is thrown.
 */
export async function replaceDirectory(target: string, write: (staging: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  await removeStaleStaging(parent);
  const staging = siblingName(target, 'staging');
  await mkdir(staging, { recursive: true });
  try {
    await write(staging);
    await swapFolder(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Names of the temporary folders a writer leaves beside its outputs while it runs, with the writer's process id. */
const temporaryName = /^(?:\.staging-(\d+)-[a-z0-9]+|\.([^/]+)\.(?:staging|old)-(\d+)-[a-z0-9]+|[^/]+\.old-(\d+))$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clears what writers killed before they could clean up left in `folder`
 * (their process is no longer running): staging folders are removed; a
 * retired folder whose target is missing (killed between swapFolder's two
 * renames) is put back, else removed. Folders of writers still running
 * beside this one are left alone. Returns the names cleared.
 */
export async function removeStaleStaging(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const match = temporaryName.exec(name);
    const pid = Number(match?.[1] ?? match?.[3] ?? match?.[4]);
    return match !== null && pid !== process.pid && !isRunning(pid);
  });
  for (const name of stale) {
    const owner = temporaryName.exec(name)?.[2];
    const from = path.join(folder, name);
    if (owner !== undefined && name.startsWith(`.${owner}.old-`)) {
      const restored = await rename(from, path.join(folder, owner)).then(() => true, () => false);
      if (restored) continue;
    }
    await rm(from, { recursive: true, force: true });
  }
  return stale;
}
