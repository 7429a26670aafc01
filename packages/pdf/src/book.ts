import { cacheKey } from '@pattern-press/cache';
import { isReviewCopy } from '@pattern-press/format';
import type { DocumentSpec } from './assemble.js';
import { mergeParts, type OutlineEntry } from './merge.js';
import type { BookPart, PrintedPart, PrintEnvironment, PrintTime } from './parts.js';
import { printedPart } from './parts.js';
import { rm } from 'node:fs/promises';
import { attachFiles } from './pdf-info.js';
import { abandonSpilledPdf, finishSpilledPdf, openSpilledPdf } from './spill.js';
import { stampPageNumbers } from './stamp.js';
import type { TocEntry } from './ast.js';

export interface AssembledDocument {
  /** Bytes written to the output file. */
  size: number;
  pageCount: number;
  /** Page (1-based) of every heading, as the contents print it. */
  headingPages: Map<string, number>;
  /** Links to ids no part holds, removed at the merge. */
  unresolved: string[];
}

export interface DocumentMeta {
  author: string;
  keywords: string[];
  language: string;
  date: Date;
}

/** The footer's mark of a document holding a module that is not published, else undefined. */
function reviewMark(document: DocumentSpec): string | undefined {
  return document.modules.some(isReviewCopy) ? `Review copy: ${document.modules.every(isReviewCopy) ? 'not published' : 'not all published'}` : undefined;
}

function headingText(entry: TocEntry): string {
  return entry.number ? `${entry.number} ${entry.text}` : entry.text;
}

/**
 * A finished PDF from its printed parts: the front matter is printed last,
 * with the page of every heading (its part's place in the book plus its page
 * in the part); then the parts are merged (outline from our headings, links
 * between parts resolved, tagged structure kept), every page but the cover
 * gets "page N of M", and the files the text links to are attached.
 * Written to `output` as it is merged (see spill.ts): the parts are read
 * from their files one at a time and the book is never whole in memory.
 */
export async function assembleDocument(
  document: DocumentSpec,
  front: BookPart,
  body: readonly PrintedPart[],
  environment: PrintEnvironment,
  meta: DocumentMeta,
  output: string,
): Promise<AssembledDocument & { front?: PrintTime | undefined; mergeMilliseconds: number }> {
  const bodyPage = new Map<string, number>();
  let before = 0;
  for (const printed of body) {
    for (const [id, page] of printed.meta.pages) if (!bodyPage.has(id)) bodyPage.set(id, before + page);
    before += printed.meta.pageCount;
  }
  const contents = body.flatMap((printed) => printed.meta.toc);
  // The front matter's bytes depend on its own Markdown and on the contents it lists: their headings and the
  // page each one starts on. An edit that moves no heading to another page leaves it as it was: from the store.
  const frontKey = cacheKey(
    front.key,
    contents,
    contents.map((entry) => bodyPage.get(entry.id) ?? null),
  );
  const frontPart = await printedPart(
    { ...front, key: frontKey },
    document,
    environment,
    (id, frontPages) => {
      const page = bodyPage.get(id);
      return page === undefined ? undefined : frontPages + page;
    },
    contents,
  );
  const frontPages = frontPart.meta.pageCount;
  const headingPages = new Map([...bodyPage].map(([id, page]) => [id, frontPages + page]));
  const outline: OutlineEntry[] = [
    { level: 1, title: 'Contents', id: 'contents' },
    ...contents.filter((entry) => entry.level <= 3 && entry.id !== '').map((entry) => ({ level: entry.level, title: headingText(entry), id: entry.id })),
  ];
  // A module's PDF holds the handbook's chapter: its links to other modules open the handbook beside it.
  const others = document.kind === 'module' ? document.book.filter((module) => !document.modules.includes(module)).map((module) => module.slug) : [];
  const elsewhere = others.length > 0 ? { file: 'handbook.pdf', holds: (id: string) => others.some((slug) => id === slug || id.startsWith(`${slug}--`)) } : undefined;
  const mergeStarted = performance.now();
  const spill = await openSpilledPdf(output);
  try {
    const merged = await mergeParts(
      [frontPart.file, ...body.map((printed) => printed.file)],
      outline,
      {
        title: document.title,
        author: meta.author,
        subject: document.subtitle,
        keywords: meta.keywords,
        language: meta.language,
        date: meta.date,
      },
      elsewhere,
      spill,
    );
    await stampPageNumbers(merged.document, { skip: 1, mark: reviewMark(document) });
    const attachments = new Map<string, Uint8Array>();
    for (const printed of [frontPart, ...body]) {
      for (const attachment of printed.meta.attachments) if (!attachments.has(attachment.name)) attachments.set(attachment.name, Buffer.from(attachment.base64, 'base64'));
    }
    await attachFiles(
      merged.document,
      [...attachments].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, bytes]) => ({ name, bytes })),
      meta.date,
    );
    const size = await finishSpilledPdf(spill, merged.document);
    return { size, pageCount: merged.document.getPageCount(), headingPages, unresolved: merged.unresolved, front: frontPart.time, mergeMilliseconds: performance.now() - mergeStarted };
  } catch (error) {
    await abandonSpilledPdf(spill);
    await rm(output, { force: true });
    throw error;
  }
}
