import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Fills `target` through `write(staging)`: everything is written to a sibling
 * staging folder and swapped in only when `write` succeeds, so a failed build
 * leaves the previous output intact and a reader never sees half an output.
 */
export async function replaceDirectory(target: string, write: (staging: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
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
