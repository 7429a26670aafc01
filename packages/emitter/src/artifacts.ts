import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Artifact } from './contract.js';

/** What an emitter knows about one of its files: undefined when the file is part of a download, not one. */
export type ArtifactKind = Pick<Artifact, 'module' | 'format' | 'mediaType'>;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Code-unit order, so a listing never depends on the locale or on how folders nest. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every regular file under `dir`, relative and `/`-separated, sorted; hidden entries (staging folders) skipped. */
export async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await filesUnder(path.join(dir, entry.name), relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort(byCodeUnits);
}

/**
 * The artifacts in an output folder (`folder`, swapped in as `dist/<name>`),
 * sorted by path: each file the emitter's `kindOf` names, measured and hashed.
 */
export async function artifactsIn(folder: string, name: string, kindOf: (relative: string) => ArtifactKind | undefined): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const relative of await filesUnder(folder)) {
    const kind = kindOf(relative);
    if (!kind) continue;
    const file = path.join(folder, relative);
    artifacts.push({ ...kind, path: `${name}/${relative}`, bytes: (await stat(file)).size, sha256: await sha256Of(file) });
  }
  return artifacts;
}
