import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * The DOS time fields zip stores for `date`: its UTC wall clock (1980 at the
 * earliest, zip's epoch). yazl reads a Date's local fields, hence a local
 * Date with the UTC fields: the same bytes in every time zone.
 */
function dosTime(date: Date): Date {
  if (date.getUTCFullYear() < 1980) return new Date(1980, 0, 1, 0, 0, 0);
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

/** Names in the order they are written: `mimetype` first (the EPUB container requires it), then sorted. */
function entryOrder(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => Number(b === 'mimetype') - Number(a === 'mimetype') || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The one zip writer: bytes that depend only on `entries` and `date`. Every
 * entry gets `date` (DOS time, no extra fields), mode 0644 and deflate, in a
 * fixed order; `mimetype` is first and stored, as EPUB requires.
 */
export async function zipBytes(entries: ReadonlyMap<string, Uint8Array>, date: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = dosTime(date);
  for (const name of entryOrder(entries.keys())) {
    zip.addBuffer(Buffer.from(entries.get(name)!), name, { mtime, mode: 0o100644, compress: name !== 'mimetype', forceZip64Format: false, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes zipBytes(entries, date) to `outPath`, creating its folder. */
export async function writeZip(outPath: string, entries: ReadonlyMap<string, Uint8Array>, date: Date): Promise<void> {
  await mkdir(path.dirname(outPath), { recursive: true });
  await writeFile(outPath, await zipBytes(entries, date));
}

/**
 * The files of a zip (folders left out), by name: to rewrite a zip another
 * tool made (pandoc, pptxgenjs) with zipBytes. Inflated by zlib off the main
 * thread (a pure-JS inflater cost the handbook's build a second of it).
 */
export async function zipEntries(zip: Uint8Array): Promise<Map<string, Buffer>> {
  const archive = await yauzl.fromBufferPromise(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength), { lazyEntries: true, decodeStrings: true, validateEntrySizes: true });
  const entries = new Map<string, Buffer>();
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      archive
        .once('entry', resolve)
        .once('end', () => resolve(undefined))
        .once('error', reject);
      archive.readEntry();
    });
    archive.removeAllListeners();
    if (!entry) return entries;
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await archive.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
}
