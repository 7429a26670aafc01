import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Fills `target` through `write(staging)`: everything is written to a sibling
 * staging folder and swapped in only when `write` succeeds, so a failed build
 * leaves the previous output intact and a reader never sees half an output.
 */
export async function replaceDirectory(target: string, write: (staging: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  await removeStaleStaging(parent);
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const staging = path.join(parent, `.${path.basename(target)}.staging-${tag}`);
  const retired = path.join(parent, `.${path.basename(target)}.old-${tag}`);
  await mkdir(staging, { recursive: true });
  try {
    await write(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const hadPrevious = await rename(target, retired).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await rename(staging, target);
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}

/** Names of the temporary folders a build leaves beside its outputs while it runs, with the writer's process id. */
const temporaryName = /^(?:\.staging-(\d+)-[a-z0-9]+|\.[^/]+\.(?:staging|old)-(\d+)-[a-z0-9]+|[^/]+\.old-(\d+))$/;

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
 * Removes the staging and retired folders that builds killed before they
 * could clean up left in `folder` (their writer is no longer running);
 * folders of builds still running beside this one (turbo runs formats in
 * parallel) are left alone. Returns the names removed.
 */
export async function removeStaleStaging(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const match = temporaryName.exec(name);
    const pid = Number(match?.[1] ?? match?.[2] ?? match?.[3]);
    return match !== null && pid !== process.pid && !isRunning(pid);
  });
  await Promise.all(stale.map((name) => rm(path.join(folder, name), { recursive: true, force: true })));
  return stale;
}
