import { rm } from 'node:fs/promises';
import { threadId } from 'node:worker_threads';
import { mergeParts, type ElsewhereLinks, type MergeInfo, type OutlineEntry } from './merge.js';
import { attachFiles } from './pdf-info.js';
import { abandonSpilledPdf, finishSpilledPdf, openSpilledPdf } from './spill.js';
import { stampPageNumbers } from './stamp.js';

/**
 * Everything the merge of one document needs, as plain data: it is posted to
 * a merge worker (merge-pool.ts), so nothing here may be a function, a Date
 * or a file handle. The parts go as file paths: the worker reads them one at
 * a time, as the merge reaches them, and writes the book to `output` as it
 * goes (spill.ts), so neither thread ever holds the whole book.
 */
export interface MergeJob {
  /** The finished PDF: written while it is merged, removed if the merge fails. */
  output: string;
  /** The parts' PDF files, in book order (the front matter first). */
  parts: string[];
  outline: OutlineEntry[];
  /** The Info dictionary, its date as milliseconds since 1970. */
  info: Omit<MergeInfo, 'date'> & { date: number };
  /** Links to ids no part holds that open another PDF: its file name, and the slugs of the modules it holds. */
  elsewhere?: { file: string; slugs: string[] } | undefined;
  /** The footer (see stampPageNumbers). */
  stamp: { skip: number; mark?: string | undefined };
  /** The files to attach, by name (sorted, each once), as the parts' meta holds them (base64, decoded where the merge runs), with their media type. */
  attachments: { name: string; base64: string; mediaType: string }[];
}

export interface MergeResult {
  /** Bytes written to the output file. */
  size: number;
  pageCount: number;
  /** Links to ids no part holds, removed at the merge. */
  unresolved: string[];
  /** The thread the merge ran on (0: the main thread): the tests check the build merges beside it. */
  threadId: number;
}

/** The `holds` test of a module PDF's links into the handbook: an id of one of those modules, or inside one. */
function elsewhereLinks(elsewhere: NonNullable<MergeJob['elsewhere']>): ElsewhereLinks {
  const slugs = elsewhere.slugs;
  return { file: elsewhere.file, holds: (id) => slugs.some((slug) => id === slug || id.startsWith(`${slug}--`)) };
}

/**
 * Merges the parts (mergeParts), stamps "page N of M" (stampPageNumbers),
 * attaches the files and finishes the spilled file: a document's merge,
 * deterministic (equal jobs give equal bytes, on whichever thread). On
 * failure the output file is closed and removed, and the error rethrown.
 */
export async function runMergeJob(job: MergeJob): Promise<MergeResult> {
  const spill = await openSpilledPdf(job.output);
  try {
    const date = new Date(job.info.date);
    const merged = await mergeParts(job.parts, job.outline, { ...job.info, date }, job.elsewhere ? elsewhereLinks(job.elsewhere) : undefined, spill);
    await stampPageNumbers(merged.document, job.stamp);
    await attachFiles(
      merged.document,
      job.attachments.map((attachment) => ({ name: attachment.name, mediaType: attachment.mediaType, bytes: Buffer.from(attachment.base64, 'base64') })),
      date,
    );
    const size = await finishSpilledPdf(spill, merged.document);
    return { size, pageCount: merged.document.getPageCount(), unresolved: merged.unresolved, threadId };
  } catch (error) {
    await abandonSpilledPdf(spill);
    await rm(job.output, { force: true });
    throw error;
  }
}
