// The handbook as a book editor reads it: the real build of the repository's modules, read once
// (pdf.js for glyph sizes, positions, links and the outline), each gate a test on that one reading.
// PRESS_QUALITY_DIST=<folder holding pdf/> checks an existing build instead of making one.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { press, repoRoot, repositoryCopyBuilding } from '../helpers.js';
import {
  bodySize,
  brokenDiagramWords,
  brokenNavigation,
  diagramLabelSizes,
  diagramsOffSize,
  headingsAtFoot,
  markedContinuations,
  nearlyEmptyPages,
  pagesOffDesign,
  pagesWithoutMark,
  partStarts,
  unmarkedContinuations,
  workingLinks,
} from './gates.js';
import { epubcheck, epubLinks, readDocx, readEpubDocuments } from './ebooks.js';
import { readPdfBook, squash, type PdfBook } from './pdf-pages.js';

let dist: string;
let handbook: PdfBook;
let modulePdf: PdfBook;
let epub: Awaited<ReturnType<typeof epubcheck>>;
let docx: Awaited<ReturnType<typeof readDocx>>;
let epubDocuments: Map<string, string>;
/** Every glossary term of the modules (id → term), and the terms each module defines or lists in `terms`. */
let terms: Map<string, string>;
let termsOf: Map<string, string[]>;

beforeAll(async () => {
  if (process.env.PRESS_QUALITY_DIST) {
    dist = process.env.PRESS_QUALITY_DIST;
  } else {
    const slugs = (await readdir(path.join(repoRoot, 'modules'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const dir = await repositoryCopyBuilding(slugs, 'press-quality-');
    const built = press(['build', '--formats', 'pdf'], dir);
    expect(built.code, built.stderr + built.stdout).toBe(0);
    dist = path.join(dir, 'dist');
  }
  // epubcheck (a JVM) runs while pdf.js reads the PDFs.
  [handbook, modulePdf, epub, docx, epubDocuments] = await Promise.all([
    readPdfBook(path.join(dist, 'pdf', 'handbook.pdf')),
    readPdfBook(path.join(dist, 'pdf', 'load-balancing.pdf')),
    epubcheck(path.join(dist, 'pdf', 'handbook.epub')),
    readDocx(path.join(dist, 'pdf', 'handbook.docx')),
    readEpubDocuments(path.join(dist, 'pdf', 'handbook.epub')),
  ]);
  ({ terms, termsOf } = await moduleTerms());
  const sizes = diagramLabelSizes(handbook);
  console.info(
    `handbook: ${handbook.pages.length} pages, body ${bodySize(handbook)} pt, diagram labels ${Math.min(...sizes.map((s) => s.smallest))}–${Math.max(...sizes.map((s) => s.largest))} pt on ${sizes.length} pages, ${workingLinks(handbook)} working internal links, ${markedContinuations(handbook)} listings marked as continued; epubcheck: ${epub.summary}`,
  );
}, 900_000);

describe('the handbook as printed', () => {
  it('prints every page at the designed size: nothing widens the column and shrinks the print', () => {
    expect(bodySize(handbook)).toBe(10.5);
    expect(pagesOffDesign(handbook)).toEqual([]);
    // The module whose references held a long URL, printed on its own.
    expect(pagesOffDesign(modulePdf)).toEqual([]);
    for (const page of handbook.pages) expect([Math.round(page.width), Math.round(page.height)], `page ${page.number}`).toEqual([595, 842]);
  });

  it('sets diagram labels between 7 pt and body size', () => {
    expect(diagramLabelSizes(handbook).length).toBeGreaterThan(40);
    expect(diagramsOffSize(handbook)).toEqual([]);
    expect(diagramsOffSize(modulePdf)).toEqual([]);
  });

  it('numbers every diagram in a caption and gives it a text alternative', async () => {
    const text = handbook.pages.map((page) => page.runs.map((run) => run.text).join(' ')).join('\n');
    const numbers = [...text.matchAll(/Figure (\d+)\.(\d+):/g)].map((match) => `${match[1]}.${match[2]}`);
    expect(numbers.length).toBeGreaterThanOrEqual(diagramLabelSizes(handbook).length);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toContain('1.1');
    // Tagged PDF: each diagram is a figure whose alternative text is not just "Diagram".
    const bytes = (await readFile(path.join(dist, 'pdf', 'handbook.pdf'))).toString('latin1');
    expect(bytes).not.toMatch(/\/Alt\s*\(Diagram\)/);
  });

  it('lands every internal link and outline entry on its target, with no title doubled', () => {
    expect(workingLinks(handbook)).toBeGreaterThan(300);
    expect(brokenNavigation(handbook)).toEqual([]);
    expect(brokenNavigation(modulePdf)).toEqual([]);
  });

  it('marks every listing that runs over a page break, at the foot of one page and the head of the next', () => {
    expect(unmarkedContinuations(handbook)).toEqual([]);
    expect(unmarkedContinuations(modulePdf)).toEqual([]);
    expect(markedContinuations(handbook)).toBeGreaterThan(0);
  });

  it('breaks diagram labels only between words', async () => {
    // Every word of every diagram source of the repository's modules: a printed label word outside them was cut.
    const words = new Set<string>();
    for (const slug of await readdir(path.join(repoRoot, 'modules'))) {
      const markdown = await readFile(path.join(repoRoot, 'modules', slug, 'module.md'), 'utf8').catch(() => '');
      for (const [, source] of markdown.matchAll(/^```mermaid[^\n]*\n([\s\S]*?)^```/gm)) for (const word of source!.match(/[\p{L}\p{N}]+/gu) ?? []) words.add(word);
    }
    expect(words.size).toBeGreaterThan(100);
    expect(brokenDiagramWords(handbook, words)).toEqual([]);
  });

  it('keeps headings off the foot of a page', () => {
    expect(headingsAtFoot(handbook)).toEqual([]);
  });

  it('leaves no page less than a third full except where a part ends', () => {
    expect(nearlyEmptyPages(handbook, partStarts(handbook))).toEqual([]);
  });

  it('marks every page of a review copy, in the running footer', () => {
    expect(handbook.pages[0]!.squashed).toContain('reviewcopy');
    expect(pagesWithoutMark(handbook)).toEqual([]);
    expect(pagesWithoutMark(modulePdf)).toEqual([]);
  });

  it('shows no role ids as authors and carries a real date', () => {
    expect(handbook.pages[0]!.squashed).not.toContain('author-a');
    expect(modulePdf.pages.flatMap((page) => (page.squashed.includes('authors') ? [page.number] : []))).toEqual([]);
    expect(String(handbook.info.CreationDate)).not.toMatch(/^D:1970/);
  });
});

describe('the handbook as read', () => {
  it('keeps the capitals of names and acronyms in the references', () => {
    const references = handbook.pages
      .slice((handbook.destinations.get('references') ?? 1) - 1)
      .map((page) => page.runs.map((run) => run.text).join(' '))
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(references).toContain('Amazon EC2');
    expect(references).toContain('gobreaker');
    expect(references).toContain('martinfowler.com');
    expect(references).not.toMatch(/Amazon Ec2|Gobreaker|Martinfowler\.com/);
  });

  it("prints none of the authors' workshop notes", () => {
    const text = handbook.pages.map((page) => page.runs.map((run) => run.text).join(' ')).join(' ');
    expect(text).not.toMatch(/the seed['’]s (first draft|outline)/i);
  });
});

/** The glossary terms of the repository's modules, read from their front matter (each `- id:` with its `term:` under `glossary:`). */
async function moduleTerms(): Promise<{ terms: Map<string, string>; termsOf: Map<string, string[]> }> {
  const terms = new Map<string, string>();
  const termsOf = new Map<string, string[]>();
  const slugs = (await readdir(path.join(repoRoot, 'modules'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const slug of slugs) {
    const front = (await readFile(path.join(repoRoot, 'modules', slug, 'module.md'), 'utf8')).split(/^---$/m)[1] ?? '';
    const glossary = /^glossary:\n((?:[ ].*\n)+)/m.exec(front)?.[1] ?? '';
    const defined = [...glossary.matchAll(/- id: (\S+)\n\s+term: "?([^"\n]+)"?/g)].map((match) => [match[1]!, match[2]!] as const);
    for (const [id, term] of defined) terms.set(id, term);
    const used =
      /^terms: \[([^\]]*)\]/m
        .exec(front)?.[1]
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean) ?? [];
    termsOf.set(slug, [...defined.map(([id]) => id), ...used]);
  }
  return { terms, termsOf };
}

/** Whether a page shows a term as written in the front matter (the print curls its apostrophes). */
function shows(page: PdfBook['pages'][number], term: string): boolean {
  return page.squashed.replace(/’/g, "'").includes(squash(term));
}

/** Links to glossary entries that do not land on the page showing their term. */
function strayGlossaryLinks(book: PdfBook): string[] {
  return book.pages.flatMap((page) =>
    page.links.flatMap((link) => {
      if (!link.destination?.startsWith('glossary-')) return [];
      const term = terms.get(link.destination.slice('glossary-'.length));
      const entryPage = book.destinations.get(link.destination);
      if (term === undefined || entryPage === undefined || link.page !== entryPage || !shows(book.pages[entryPage - 1]!, term)) {
        return [`page ${page.number}: link to ${link.destination} opens page ${link.page} (entry on ${entryPage ?? 'no page'})`];
      }
      return [];
    }),
  );
}

describe('the glossary', () => {
  it('is back matter of the handbook, in its contents and outline, every term on the page its destination opens', () => {
    expect(terms.size).toBeGreaterThanOrEqual(30);
    const start = handbook.destinations.get('glossary');
    expect(start).toBeDefined();
    expect(handbook.outline.filter((entry) => entry.title === 'Glossary').map((entry) => [entry.level, entry.page])).toEqual([[1, start]]);
    // The contents (from its page to the first chapter's) lists it with its page number.
    const contents = handbook.pages.slice(handbook.destinations.get('contents')! - 1, handbook.destinations.get('load-balancing')! - 1);
    expect(contents.some((page) => page.squashed.includes(`glossary${start}`))).toBe(true);
    // After the answer key, before the references.
    expect(start!).toBeGreaterThan(handbook.destinations.get('answer-key')!);
    expect(start!).toBeLessThan(handbook.destinations.get('references')!);
    for (const [id, term] of terms) {
      const page = handbook.destinations.get(`glossary-${id}`);
      expect(page, id).toBeDefined();
      expect(shows(handbook.pages[page! - 1]!, term), id).toBe(true);
    }
    // Alphabetical: each term's entry on the same page as, or after, the one before it.
    const order = [...terms].sort(([, a], [, b]) => a.localeCompare(b, 'en', { sensitivity: 'base' })).map(([id]) => handbook.destinations.get(`glossary-${id}`)!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('links terms in the text to their entries, and each entry to the chapters that use it', () => {
    const links = handbook.pages.flatMap((page) => page.links.filter((link) => link.destination?.startsWith('glossary-')).map((link) => ({ ...link, from: page.number })));
    const unlinked = [...terms.keys()].filter((id) => !links.some((link) => link.destination === `glossary-${id}`));
    console.info(`glossary: ${links.length} term links in the handbook to ${terms.size - unlinked.length} of ${terms.size} terms (never linked: ${unlinked.join(', ') || 'none'})`);
    expect(new Set(links.map((link) => link.destination)).size).toBeGreaterThanOrEqual(terms.size * 0.8);
    // From the chapters, not from the glossary itself or the answer key.
    expect(links.filter((link) => link.from >= handbook.destinations.get('answer-key')!)).toEqual([]);
    expect(strayGlossaryLinks(handbook)).toEqual([]);
    const glossaryPages = handbook.pages.slice(handbook.destinations.get('glossary')! - 1, handbook.destinations.get('references')! - 1);
    const chapterLinks = glossaryPages.flatMap((page) => page.links.filter((link) => link.destination !== undefined && termsOf.has(link.destination)));
    expect(chapterLinks.length).toBeGreaterThanOrEqual(terms.size);
    for (const link of chapterLinks) expect(link.page).toBe(handbook.destinations.get(link.destination!));
  });

  it("gives a module's PDF the glossary of its own terms, linked from its text", () => {
    const own = termsOf.get('load-balancing')!;
    const listed = [...modulePdf.destinations.keys()].filter((name) => name.startsWith('glossary-')).map((name) => name.slice('glossary-'.length));
    expect(listed.sort()).toEqual([...own].sort());
    expect(modulePdf.outline.some((entry) => entry.level === 1 && entry.title === 'Glossary')).toBe(true);
    expect(modulePdf.pages.some((page) => page.links.some((link) => link.destination?.startsWith('glossary-')))).toBe(true);
    expect(strayGlossaryLinks(modulePdf)).toEqual([]);
  });

  it('links terms to their entries in the EPUB and the DOCX too', () => {
    const links = epubLinks(epubDocuments, 'glossary-');
    expect(links.length).toBeGreaterThan(50);
    expect(links.filter((link) => !link.lands)).toEqual([]);
    const anchors = docx.hyperlinks.filter((anchor) => anchor.startsWith('glossary-'));
    expect(anchors.length).toBeGreaterThan(50);
    expect(anchors.filter((anchor) => !docx.bookmarks.has(anchor))).toEqual([]);
  });
});

describe('the handbook as an e-book and a word-processor document', () => {
  it('passes epubcheck with no error and no warning', () => {
    expect(epub.problems).toEqual([]);
  });

  it('sets the DOCX on A4, starts each module on a new page, gives every picture a raster, and fills the contents', () => {
    expect(docx.pageSizes.length).toBeGreaterThan(0);
    for (const size of docx.pageSizes) expect(size).toEqual({ width: 11906, height: 16838 });
    const chapters = handbook.outline.filter((entry) => entry.level === 1 && /^\d+ /.test(entry.title)).length;
    expect(chapters).toBe(9);
    expect(docx.pageBreaks).toBeGreaterThanOrEqual(chapters);
    expect(docx.pictures.length).toBeGreaterThan(40);
    expect(docx.pictures.filter((picture) => !picture.parts.some((part) => /\.(png|jpe?g)$/i.test(part)))).toEqual([]);
    expect(docx.hyperlinks.length).toBeGreaterThan(100);
    expect(docx.hyperlinks.filter((anchor) => !docx.bookmarks.has(anchor))).toEqual([]);
  });
});
