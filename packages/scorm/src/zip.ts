import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/**
 * Every entry gets this time, so zips depend on their content only. DOS times are
 * local wall-clock fields, hence a local Date (same fields in every time zone), and
 * no UTC extra field (it would differ between time zones).
 */
export function fixedZipTime(): Date {
  return new Date(1980, 0, 1, 12, 0, 0);
}

/** Writes a zip whose bytes depend only on `entries`: sorted names, fixed times and modes, fixed compression. */
export async function writeDeterministicZip(outPath: string, entries: ReadonlyMap<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const name of [...entries.keys()].sort()) {
    zip.addBuffer(entries.get(name)!, name, { mtime: fixedZipTime(), mode: 0o100644, compress: true, forceZip64Format: false, forceDosTimestamp: true });
  }
  zip.end();
  await mkdir(path.dirname(outPath), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(outPath));
}
