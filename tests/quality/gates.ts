import { squash, type PdfBook, type PdfPage } from './pdf-pages.js';

/** The print's design (packages/pdf/src/style.ts): A4, margins 22 mm top, 24 mm bottom; body 10.5 pt at 1.45 leading. */
const design = {
  body: 10.5,
  /** Every size the stylesheet sets the body face at: paragraphs, the contents' sections, tables. */
  bodyFaceSizes: [10.5, 10, 9.5],
  bodyFace: 'NotoSerif-Regular',
  /** Mermaid's labels (render's mermaidConfig). */
  diagramFace: 'DejaVuSans',
  headingFace: 'NotoSans-Bold',
  /** Listings (style.ts's pre: 8.3 pt), in any of the mono face's styles. */
  codeFace: 'DejaVuSansMono',
  code: 8.3,
  /** h1, h2, h3. */
  headingSizes: [20, 14, 11.5],
  top: 841.89 - (22 * 72) / 25.4,
  bottom: (24 * 72) / 25.4,
  line: 10.5 * 1.45,
};

const near = (a: number, b: number) => Math.abs(a - b) < 0.02;

/** Text of the page's body: not the running header or the footer. */
function bodyRuns(page: PdfPage) {
  return page.runs.filter((run) => run.y > design.bottom - 4 && run.y < design.top + 4);
}

/** Pages with body text at a size the design does not set: a print shrunk to fit (or enlarged). */
export function pagesOffDesign(book: PdfBook): string[] {
  return book.pages.flatMap((page) => {
    const off = [...new Set(page.runs.filter((run) => run.font === design.bodyFace && !design.bodyFaceSizes.some((size) => near(size, run.size))).map((run) => run.size))];
    return off.length > 0 ? [`page ${page.number}: body face at ${off.join(', ')} pt`] : [];
  });
}

/** The body size the book prints at: the size of most of its body-face text. */
export function bodySize(book: PdfBook): number {
  const counts = new Map<number, number>();
  for (const run of book.pages.flatMap((page) => page.runs)) if (run.font === design.bodyFace) counts.set(run.size, (counts.get(run.size) ?? 0) + run.text.length);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** Per page that shows a diagram: its smallest and largest label size. */
export function diagramLabelSizes(book: PdfBook): { page: number; smallest: number; largest: number }[] {
  return book.pages.flatMap((page) => {
    const sizes = page.runs.filter((run) => run.font === design.diagramFace).map((run) => run.size);
    return sizes.length > 0 ? [{ page: page.number, smallest: Math.min(...sizes), largest: Math.max(...sizes) }] : [];
  });
}

export function diagramsOffSize(book: PdfBook, smallest = 7, largest = design.body): string[] {
  return diagramLabelSizes(book).flatMap((sizes) => (sizes.smallest < smallest || sizes.largest > largest + 0.01 ? [`page ${sizes.page}: diagram labels ${sizes.smallest}–${sizes.largest} pt`] : []));
}

/** The headings of the outline by the destination they open (pdf.js gives the destination's name). */
function titleOnPage(book: PdfBook, title: string, page: number): boolean {
  // The outline prints "1.2 Title"; the page may set the number apart.
  return book.pages[page - 1]!.squashed.includes(squash(title.replace(/^[\d.]+\s+/, '')));
}

/** Internal links and outline entries that go nowhere or to a page that does not show their target. */
export function brokenNavigation(book: PdfBook): string[] {
  const problems: string[] = [];
  const references = book.destinations.get('references');
  book.pages.forEach((page) => {
    for (const link of page.links) {
      if (link.page === undefined) problems.push(`page ${page.number}: link to ${link.destination ?? 'an explicit destination'} goes nowhere`);
      else if (link.destination?.startsWith('ref-') && (references === undefined || link.page < references))
        problems.push(`page ${page.number}: citation ${link.destination} opens page ${link.page}, before the references`);
    }
  });
  for (const entry of book.outline) {
    const squashed = squash(entry.title);
    if (squashed.length % 2 === 0 && squashed.slice(0, squashed.length / 2) === squashed.slice(squashed.length / 2)) problems.push(`outline "${entry.title}" is doubled`);
    if (entry.page === undefined) problems.push(`outline "${entry.title}" goes nowhere`);
    else if (!titleOnPage(book, entry.title, entry.page)) problems.push(`outline "${entry.title}" opens page ${entry.page}, which does not show it`);
  }
  return problems;
}

/** Links that work, inside the book. */
export function workingLinks(book: PdfBook): number {
  return book.pages.reduce((sum, page) => sum + page.links.filter((link) => link.page !== undefined).length, 0);
}

/** Headings set in the bottom two lines of a page, cut off from what they introduce. */
export function headingsAtFoot(book: PdfBook): string[] {
  return book.pages.flatMap((page) =>
    bodyRuns(page)
      .filter((run) => run.font === design.headingFace && design.headingSizes.some((size) => near(size, run.size)) && run.y < design.bottom + 2 * design.line)
      .map((run) => `page ${page.number}: heading "${run.text}" at the foot`),
  );
}

/**
 * Pages filled less than a third that do not end a part (a chapter, the
 * front matter, a module's answers, the references): `starts` are the
 * pages where parts begin.
 */
export function nearlyEmptyPages(book: PdfBook, starts: ReadonlySet<number>): string[] {
  return book.pages.flatMap((page) => {
    if (page.number === book.pages.length || starts.has(page.number + 1)) return [];
    const body = bodyRuns(page);
    if (body.length === 0) return [`page ${page.number}: empty`];
    const lowest = Math.min(...body.map((run) => run.y));
    const fill = (design.top - lowest) / (design.top - design.bottom);
    return fill < 1 / 3 ? [`page ${page.number}: filled ${Math.round(fill * 100)}%`] : [];
  });
}

/** The pages where the parts of a book begin: chapters, the answer key, each module's answers, the references. */
export function partStarts(book: PdfBook): Set<number> {
  const starts = new Set<number>();
  let inAnswers = false;
  for (const entry of book.outline) {
    if (entry.level === 1) inAnswers = entry.title === 'Answer key';
    if (entry.page !== undefined && (entry.level === 1 || (inAnswers && entry.level === 2))) starts.add(entry.page);
  }
  return starts;
}

/** Pages of a review copy that do not say so. */
export function pagesWithoutMark(book: PdfBook, mark = 'Review copy'): string[] {
  return book.pages.filter((page) => !page.squashed.includes(squash(mark))).map((page) => `page ${page.number}`);
}

/** A run of a listing's text (not inline code, not a file label). */
const isCode = (run: { font: string; size: number }) => run.font.startsWith(design.codeFace) && Math.abs(run.size - design.code) < 0.05;

/**
 * Listings that run over a page break without saying so: a page whose
 * body ends in code and the next begins in code, not marked "continued on
 * next page" under the first fragment and "(continued)" over the next.
 */
export function unmarkedContinuations(book: PdfBook): string[] {
  const problems: string[] = [];
  for (let index = 0; index + 1 < book.pages.length; index++) {
    const [page, next] = [book.pages[index]!, book.pages[index + 1]!];
    const body = bodyRuns(page);
    const following = bodyRuns(next);
    if (body.length === 0 || following.length === 0) continue;
    const lowest = body.reduce((low, run) => (run.y < low.y ? run : low));
    const highest = following.reduce((high, run) => (run.y > high.y ? run : high));
    if (isCode(lowest) && isCode(highest)) problems.push(`page ${page.number}: a listing runs on to page ${next.number} unmarked`);
    const continues = body.some((run) => run.text.includes('continued on next page'));
    if (continues && !/^\(continued\)/.test(highest.text)) problems.push(`page ${page.number}: "continued on next page", but page ${next.number} does not open with "(continued)"`);
    if (continues && lowest.text.trim() !== 'continued on next page') problems.push(`page ${page.number}: "continued on next page" is not the foot of the page`);
  }
  return problems;
}

/** Listings the book marks as continued: each page break inside a listing. */
export function markedContinuations(book: PdfBook): number {
  return book.pages.filter((page) => bodyRuns(page).some((run) => run.text.includes('continued on next page'))).length;
}

/**
 * Words of diagram labels that the diagrams' sources do not hold: a label
 * broken inside a word ("slowCallDurationThresho" over "ld"). `words` are
 * the words (letters and digits) of every diagram's source.
 */
export function brokenDiagramWords(book: PdfBook, words: ReadonlySet<string>): string[] {
  return book.pages.flatMap((page) =>
    diagramLines(page).flatMap((line) =>
      (line.match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !words.has(word)).map((word) => `page ${page.number}: diagram label line "${line}" holds "${word}", no word of any diagram`),
    ),
  );
}

/**
 * The lines of diagram text on a page: runs drawn one after the other that
 * touch are joined (a ligature, "fi", is a run of its own), whether the
 * diagram is upright or turned (its baselines then run up the page).
 */
function diagramLines(page: PdfPage): string[] {
  const lines: { text: string; x: number; y: number; width: number }[] = [];
  for (const run of page.runs.filter((run) => run.font === design.diagramFace)) {
    const last = lines.at(-1);
    const touches = (a: number, b: number) => Math.abs(a - b) < 0.5;
    const upright = last && touches(last.y, run.y) && touches(last.x + last.width, run.x);
    const turned = last && touches(last.x, run.x) && touches(last.y + last.width, run.y);
    if (last && (upright || turned)) {
      last.text += run.text;
      last.width += run.width;
    } else lines.push({ ...run });
  }
  return lines.map((line) => line.text);
}
