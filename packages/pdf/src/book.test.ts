import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Publication } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitPdf, type EmitPdfResult } from './emit.js';
import { circuitBreakerPublication } from './fixtures.test-helpers.js';
import { mergeParts, partLinkPrefix } from './merge.js';
import { loadPdf, readNavigation, savePdf, type PdfNavigation } from './pdf-info.js';
import { finishSpilledPdf, openSpilledPdf } from './spill.js';
import { stampPageNumbers } from './stamp.js';

// A catalogue of 30 modules (copies of circuit-breaker's first block and first two exam questions, each
// linking to the next one's exam): the handbook must be assembled from chapters printed on their own.
const count = 30;
const edited = 7;
const slugOf = (index: number) => `pattern-${String(index + 1).padStart(2, '0')}`;

let browser: Browser;
let work: string;
let publication: Publication;
let cold: EmitPdfResult;
let book: PdfNavigation;
let bookBytes: Buffer;
let text: string[];

function copyOf(source: PatternModule, index: number): PatternModule {
  const module = structuredClone(source);
  const slug = slugOf(index);
  const next = slugOf((index + 1) % count);
  const block = module.blocks[0]!;
  block.concept = { ...block.concept!, markdown: `${block.concept!.markdown}\n\nThe next pattern's exam is [its assessment](../${next}/module.md#exam).` };
  return {
    ...module,
    slug,
    title: `Pattern ${index + 1}`,
    related: [],
    depends_on: [],
    blocks: [block],
    case_studies: [],
    exam: { ...module.exam!, questions: module.exam!.questions.slice(0, 2) },
  };
}

function pdftotextPages(file: string): string[] {
  // Without the soft hyphens (U+00AD) the text layer keeps where a line did not break at them.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .replace(/\u00ad/g, '')
    .split('\f');
}

const squash = (line: string) => line.replace(/\s+/g, ' ').trim();

/** The contents page's lines (heading, printed page number) and the outline's entries it should list (title, page as printed). */
function contentsAndOutline(pages: readonly string[], navigation: PdfNavigation): { lines: { title: string; page: number }[]; listed: { title: string; page: number }[] } {
  const contents = pages.slice(1, navigation.outline.find((item) => item.title === '1 Pattern 1')!.page).join('\n');
  // Each contents line: a heading's number and text, then its page number.
  const lines = contents
    .split('\n')
    .map((line) => /^(.*\S)\s+(\d+)\s*$/.exec(line))
    // Not the footer ("Review copy: not published   page 2 of 40").
    .filter((match): match is RegExpExecArray => match !== null && !/(^|\s)page \d+ of/.test(match[1]!.trim()))
    .map((match) => ({ title: squash(match[1]!), page: Number(match[2]) }));
  const listed = navigation.outline.filter((entry) => entry.level <= 2 && entry.title !== 'Contents').map((entry) => ({ title: squash(entry.title), page: entry.page! + 1 }));
  return { lines, listed };
}

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-book-'));
  const base = (await circuitBreakerPublication()).publication;
  const source = base.modules.find((module) => module.slug === 'circuit-breaker')!;
  publication = { ...base, modules: Array.from({ length: count }, (_, index) => copyOf(source, index)), assets: new Map() };
  cold = await emitPdf(publication, { outDir: path.join(work, 'cold'), cacheDir: path.join(work, 'cache'), browser, moduleDocuments: new Set() });
  bookBytes = await readFile(path.join(work, 'cold', 'handbook.pdf'));
  book = await readNavigation(bookBytes);
  text = pdftotextPages(path.join(work, 'cold', 'handbook.pdf'));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await rm(work, { recursive: true, force: true });
});

describe('a handbook of 30 modules', () => {
  it('is printed chapter by chapter: no print job holds more than one module', () => {
    expect(cold.problems).toEqual([]);
    const printed = cold.parts.printed;
    expect(printed.filter((name) => name.startsWith('chapter-'))).toHaveLength(count);
    expect(printed.filter((name) => name.startsWith('answers-'))).toHaveLength(count);
    expect(printed.filter((name) => !/^(chapter|answers)-/.test(name)).sort()).toEqual(['handbook/answer-key', 'handbook/front', 'handbook/glossary', 'handbook/references']);
  });

  it('has one tagged part per printed part, and a page count that adds up', () => {
    expect(book.structureParts).toEqual(Array.from({ length: 2 * count + 4 }, () => 'Part'));
    expect(text.length - 1).toBe(book.pageCount);
  });

  it('numbers every page but the cover "page N of M"', () => {
    for (let page = 2; page <= book.pageCount; page++) expect(text[page - 1], `page ${page}`).toContain(`page ${page} of ${book.pageCount}`);
    expect(text[0]).not.toMatch(/page 1 of/);
  });

  it('has an outline of every chapter with its sections, each opening its heading', () => {
    const top = book.outline.filter((item) => item.level === 1).map((item) => item.title);
    expect(top).toEqual(['Contents', ...Array.from({ length: count }, (_, index) => `${index + 1} Pattern ${index + 1}`), 'Answer key', 'Glossary', 'References']);
    for (const item of book.outline) expect(item.page, item.title).toBeDefined();
    // Chapters come in order, each after the one before.
    const chapters = book.outline.filter((item) => item.level === 1 && /^\d+ /.test(item.title)).map((item) => item.page!);
    expect([...chapters].sort((a, b) => a - b)).toEqual(chapters);
    for (let index = 0; index < count; index++) {
      const heading = text[chapters[index]!]!;
      expect(heading, `chapter ${index + 1}`).toContain(`${index + 1} Pattern ${index + 1}`);
    }
  });

  it('prints in its contents the page each heading is on', () => {
    const { listed, lines } = contentsAndOutline(text, book);
    expect(lines.map((line) => line.title)).toEqual(listed.map((entry) => entry.title));
    expect(lines.map((line) => line.page)).toEqual(listed.map((entry) => entry.page));
  });

  it('resolves every internal link, across chapters too, and leaves no placeholder behind', () => {
    const internal = book.links.filter((link) => link.uri === undefined);
    expect(internal.length).toBeGreaterThan(4 * count);
    for (const link of internal) expect(link.target, `${link.destination} on page ${link.page + 1}`).toBeDefined();
    expect(book.links.filter((link) => link.uri?.startsWith(partLinkPrefix))).toEqual([]);
    // Each chapter links the next chapter's exam: it lands on that exam.
    for (let index = 0; index < count; index++) {
      const target = `${slugOf((index + 1) % count)}--exam`;
      const links = internal.filter((link) => link.destination === target);
      expect(links.length, target).toBeGreaterThan(0);
      for (const link of links) expect(text[link.target!], target).toMatch(/Exam/);
    }
    // The practice exercises point at the answer key, at the end of the book.
    const solutions = internal.filter((link) => link.destination?.includes('--solution-'));
    expect(solutions.length).toBeGreaterThanOrEqual(count);
    const answerKey = book.outline.find((item) => item.title === 'Answer key')!.page!;
    for (const link of solutions) expect(link.target!).toBeGreaterThanOrEqual(answerKey);
    // Citations land in the references.
    const references = book.outline.find((item) => item.title === 'References')!.page!;
    const citations = internal.filter((link) => link.destination?.startsWith('ref-'));
    expect(citations.length).toBeGreaterThan(0);
    for (const link of citations) expect(link.target!).toBeGreaterThanOrEqual(references);
  });

  it('after an edit to one module prints only its chapter, and the front matter only when the contents change; equals a fresh assembly', async () => {
    const withEdited = (markdown: (text: string) => string): Publication => ({
      ...publication,
      modules: publication.modules.map((module, index) => {
        if (index !== edited) return module;
        const block = structuredClone(module.blocks[0]!);
        block.concept = { ...block.concept!, markdown: markdown(block.concept!.markdown) };
        return { ...module, blocks: [block] };
      }),
    });
    const chapter = `chapter-${edited + 1}-${slugOf(edited)}`;
    const emit = (input: Publication, out: string) => emitPdf(input, { outDir: path.join(work, out), cacheDir: path.join(work, 'cache'), browser, moduleDocuments: new Set() });

    // A sentence: no heading moves to another page, so the contents are the same and the front matter comes from the store.
    const edit = await emit(
      withEdited((markdown) => `${markdown}\n\nAn edited sentence.`),
      'edit',
    );
    expect(edit.parts.printed.sort()).toEqual([chapter]);
    expect(edit.parts.reused).toHaveLength(2 * count + 4 - 1);
    const edited_ = await readNavigation(await readFile(path.join(work, 'edit', 'handbook.pdf')));
    expect(edited_.outline.map((item) => [item.title, item.page])).toEqual(book.outline.map((item) => [item.title, item.page]));
    expect(pdftotextPages(path.join(work, 'edit', 'handbook.pdf')).join('\n')).toContain('An edited sentence.');

    // Two pages more in that chapter: every later heading moves, so the front matter is printed again with the new numbers.
    const longer = await emit(
      withEdited((markdown) => `${markdown}${'\n\nA paragraph added to make the chapter longer, line after line, until it fills more pages than it did.'.repeat(40)}`),
      'longer',
    );
    expect(longer.parts.printed.sort()).toEqual([chapter, 'handbook/front']);
    const longerText = pdftotextPages(path.join(work, 'longer', 'handbook.pdf'));
    const longerBook = await readNavigation(await readFile(path.join(work, 'longer', 'handbook.pdf')));
    const moved = longerBook.outline.find((item) => item.title === `${edited + 2} Pattern ${edited + 2}`)!.page!;
    expect(moved).toBeGreaterThan(book.outline.find((item) => item.title === `${edited + 2} Pattern ${edited + 2}`)!.page!);
    const { lines, listed } = contentsAndOutline(longerText, longerBook);
    expect(lines).toEqual(listed);

    // Unchanged input: nothing printed, every part from the store, the same bytes as the first assembly.
    const again = await emit(publication, 'again');
    expect(again.parts.printed).toEqual([]);
    expect(Buffer.compare(await readFile(path.join(work, 'again', 'handbook.pdf')), bookBytes)).toBe(0);
    await writeFile(path.join(work, 'done'), '');
  }, 600_000);

  it('is written to its file as it is merged: the same document as a merge held in memory, every cross-reference right', async () => {
    // The stored chapters and answers of the build above, in book order.
    const store = path.join(work, 'cache', 'pdf-parts');
    const parts: { name: string; file: string }[] = [];
    for (const entry of await readdir(store, { recursive: true })) {
      if (!entry.endsWith('part.json')) continue;
      const folder = path.join(store, path.dirname(entry));
      parts.push({ name: (JSON.parse(await readFile(path.join(folder, 'part.json'), 'utf8')) as { name: string }).name, file: path.join(folder, 'part.pdf') });
    }
    const order = (name: string) => [/^chapter-(\d+)-/.exec(name)?.[1], /^answers-pattern-(\d+)/.exec(name)?.[1]].map((n) => (n === undefined ? 999 : Number(n)));
    parts.sort((a, b) => order(a.name)[0]! - order(b.name)[0]! || order(a.name)[1]! - order(b.name)[1]! || (a.name < b.name ? -1 : 1));
    expect(parts.length).toBeGreaterThanOrEqual(2 * count);
    const outline = [{ level: 1, title: '1 Pattern 1', id: slugOf(0) }];
    const info = { title: 'Book', author: '', subject: '', keywords: [], language: 'en-GB', date: new Date(0) };
    const files = parts.map((part) => part.file);

    // Every page stamped: a stamped page's contents become an array in both merges (the spilled one makes them so up front).
    const held = await mergeParts(files, outline, info);
    await stampPageNumbers(held.document, { skip: 0 });
    const inMemory = await savePdf(held.document);
    const spilledFile = path.join(work, 'spilled.pdf');
    const spill = await openSpilledPdf(spilledFile);
    const streamed = await mergeParts(files, outline, info, undefined, spill);
    await stampPageNumbers(streamed.document, { skip: 0 });
    await finishSpilledPdf(spill, streamed.document);
    const spilled = await readFile(spilledFile);

    // The same objects under the same numbers: pdf-lib writes both out to the same bytes.
    expect(Buffer.compare(Buffer.from(await savePdf(await loadPdf(spilled))), Buffer.from(await savePdf(await loadPdf(inMemory))))).toBe(0);
    // Every xref entry points at its object (pdf-lib reads objects in file order and would not notice a wrong offset).
    const latin = spilled.toString('latin1');
    const xref = latin.lastIndexOf('\nxref\n');
    expect(Number(/startxref\n(\d+)/.exec(latin.slice(xref))![1])).toBe(xref + 1);
    let number = 0;
    let inUse = 0;
    for (const line of latin
      .slice(xref + 6, latin.indexOf('trailer', xref))
      .trim()
      .split('\n')) {
      const [a, b, kind] = line.trim().split(' ');
      // A subsection's header: its first object number and how many follow.
      if (kind === undefined) number = Number(a);
      else {
        if (kind === 'n') {
          inUse++;
          expect(latin.startsWith(`${number} ${Number(b)} obj\n`, Number(a)), `object ${number}`).toBe(true);
        }
        number++;
      }
    }
    expect(inUse).toBeGreaterThan(1000);
    const navigation = await readNavigation(spilled);
    expect(navigation.pageCount).toBe(held.document.getPageCount());
    expect(navigation.structureParts).toHaveLength(parts.length);
  }, 600_000);
});
