import { open, type FileHandle } from 'node:fs/promises';
import { PDFArray, PDFCrossRefSection, PDFDict, PDFHeader, PDFName, PDFRef, PDFStream, PDFTrailer, PDFTrailerDict, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * A PDF written to its file while it is merged. pdf-lib keeps every object of
 * a document in memory until it saves, and a book of 2600 pages is millions
 * of small objects (Chromium tags every paragraph and span): 4 GiB at 90
 * modules. Most of them are final as soon as a part's pages are copied
 * (content streams, fonts, images, structure elements); {@link spillObjects}
 * writes those to the file and drops them, and {@link finishSpilledPdf}
 * writes what stayed in memory (the pages, their annotations and resources,
 * the trees built at the end), the cross-reference table and the trailer.
 * The layout is pdf-lib's own `save({ useObjectStreams: false })`: a header,
 * `N 0 obj ... endobj` blocks, one xref section.
 */
export interface SpilledPdf {
  handle: FileHandle;
  /** Bytes written so far. */
  offset: number;
  /** Object number → its offset in the file. */
  offsets: Map<number, number>;
}

const encoder = new TextEncoder();

/** Opens `file` for a spilled PDF and writes its header. */
export async function openSpilledPdf(file: string): Promise<SpilledPdf> {
  const handle = await open(file, 'w');
  const spill: SpilledPdf = { handle, offset: 0, offsets: new Map() };
  const header = PDFHeader.forVersion(1, 7);
  const bytes = new Uint8Array(header.sizeInBytes() + 2);
  header.copyBytesInto(bytes, 0);
  bytes.set(encoder.encode('\n\n'), header.sizeInBytes());
  await write(spill, bytes);
  return spill;
}

async function write(spill: SpilledPdf, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) done += (await spill.handle.write(bytes, done, bytes.length - done, spill.offset + done)).bytesWritten;
  spill.offset += bytes.length;
}

/** `N 0 obj`, the object, `endobj`, as pdf-lib's writer lays them out. */
function indirectObjectBytes(ref: PDFRef, object: PDFObject): Uint8Array {
  const head = encoder.encode(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
  const tail = encoder.encode('\nendobj\n\n');
  const bytes = new Uint8Array(head.length + object.sizeInBytes() + tail.length);
  bytes.set(head, 0);
  const end = head.length + object.copyBytesInto(bytes, head.length);
  bytes.set(tail, end);
  return bytes;
}

/** Writes the objects `refs` names (in that order) to the file and removes them from `context`. */
export async function spillObjects(spill: SpilledPdf, context: PDFContext, refs: readonly PDFRef[]): Promise<void> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const ref of refs) {
    const object = context.lookup(ref);
    if (object === undefined) continue;
    const bytes = indirectObjectBytes(ref, object);
    spill.offsets.set(ref.objectNumber, spill.offset + size);
    chunks.push(bytes);
    size += bytes.length;
    context.delete(ref);
  }
  const batch = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    batch.set(chunk, at);
    at += chunk.length;
  }
  await write(spill, batch);
}

/**
 * Writes every object still in memory (after pdf-lib's own last steps:
 * embedded fonts and attachments), then the cross-reference table of all
 * objects and the trailer, and closes the file. Returns its size.
 */
export async function finishSpilledPdf(spill: SpilledPdf, document: PDFDocument): Promise<number> {
  try {
    await document.flush();
    const context = document.context;
    const remaining = context.enumerateIndirectObjects().sort(([a], [b]) => a.objectNumber - b.objectNumber);
    await spillObjects(spill, context, remaining.map(([ref]) => ref));
    const xref = PDFCrossRefSection.create();
    for (const [objectNumber, offset] of [...spill.offsets].sort(([a], [b]) => a - b)) xref.addEntry(PDFRef.of(objectNumber), offset);
    const xrefOffset = spill.offset;
    const trailerDict = PDFTrailerDict.of(
      context.obj({ Size: context.largestObjectNumber + 1, Root: context.trailerInfo.Root, Encrypt: context.trailerInfo.Encrypt, Info: context.trailerInfo.Info, ID: context.trailerInfo.ID }),
    );
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    const bytes = new Uint8Array(xref.sizeInBytes() + 1 + trailerDict.sizeInBytes() + 2 + trailer.sizeInBytes());
    let at = xref.copyBytesInto(bytes, 0);
    bytes[at++] = 0x0a;
    at += trailerDict.copyBytesInto(bytes, at);
    bytes[at++] = 0x0a;
    bytes[at++] = 0x0a;
    trailer.copyBytesInto(bytes, at);
    await write(spill, bytes);
    return spill.offset;
  } finally {
    await spill.handle.close();
  }
}

/** Closes the file of a merge that failed (the caller removes it). */
export async function abandonSpilledPdf(spill: SpilledPdf): Promise<void> {
  await spill.handle.close().catch(() => undefined);
}

const pageResourceKeys = ['Font', 'XObject', 'ExtGState', 'ColorSpace', 'Pattern', 'Shading', 'Properties'].map((key) => PDFName.of(key));

/**
 * The objects of a copied page that the rest of the merge still reads or
 * changes, and so must stay in memory: the page, its resources dictionary
 * and that dictionary's sub-dictionaries (the footer adds a font there),
 * its annotations and their actions (links are resolved after the last part),
 * its boxes. Its content streams become an array of references first, so
 * that adding the footer's stream needs none of them.
 */
export function pageSkeleton(context: PDFContext, page: PDFDict): PDFRef[] {
  const keep: PDFRef[] = [];
  const held = (value: PDFObject | undefined): PDFObject | undefined => {
    if (!(value instanceof PDFRef)) return value;
    keep.push(value);
    return context.lookup(value);
  };
  const contents = page.get(PDFName.of('Contents'));
  if (contents instanceof PDFRef && context.lookup(contents) instanceof PDFStream) page.set(PDFName.of('Contents'), context.obj([contents]));
  else held(contents);
  for (const key of ['MediaBox', 'CropBox']) held(page.get(PDFName.of(key)));
  const resources = held(page.get(PDFName.of('Resources')));
  if (resources instanceof PDFDict) for (const key of pageResourceKeys) held(resources.get(key));
  const annotations = held(page.get(PDFName.of('Annots')));
  if (annotations instanceof PDFArray) {
    for (let i = 0; i < annotations.size(); i++) {
      const annotation = held(annotations.get(i));
      if (annotation instanceof PDFDict) held(annotation.get(PDFName.of('A')));
    }
  }
  return keep;
}
