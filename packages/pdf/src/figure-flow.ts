/**
 * A diagram too tall for what is left of a page moves to the next one and
 * leaves a gap behind it, which Chromium cannot fill (it has no floats in
 * print). These run in the page of a part, around a measuring print: the
 * first marks each large diagram, the print says where each landed, and
 * the second moves a pushed diagram below the paragraphs that fit into the
 * gap it left, as a book's figure floats to the top of the next page.
 */

/** The column's height in CSS px (251 mm): style.ts's @page box. */
const columnPx = (251 * 96) / 25.4;

/** Marks every diagram taller than a third of the column or turned (`press-figure-N`, a zero-height `press-before-N` just before it); returns how many. */
export function markLargeFigures(): number {
  const column = (251 * 96) / 25.4;
  const figures = Array.from(document.querySelectorAll<HTMLElement>('.diagram-page')).filter(
    (figure) => figure.classList.contains('diagram-turned') || figure.getBoundingClientRect().height > column / 3,
  );
  const links = document.createElement('nav');
  links.id = 'press-figure-links';
  links.hidden = true;
  figures.forEach((figure, index) => {
    const marker = document.createElement('div');
    marker.id = `press-before-${index}`;
    marker.className = 'press-marker';
    figure.before(marker);
    figure.id = `press-figure-${index}`;
    for (const id of [marker.id, figure.id]) {
      const link = document.createElement('a');
      link.href = `#${id}`;
      links.append(link);
    }
  });
  if (figures.length > 0) document.body.append(links);
  return figures.length;
}

/** Moves each listed diagram below the blocks after it that fit in `gap` (CSS px), never past a section heading or another diagram. */
export function floatFigures(moves: readonly { index: number; gap: number }[]): number {
  let moved = 0;
  // A listing split at a page break (code-flow.ts), its first fragment or its marks: a figure moved past part of it
  // would stand between a fragment and its mark; moved past all of it, the split no longer holds. It stops the run.
  const marks = '.press-code-continues, .press-code-continued';
  const splitListing = (element: Element) => element.matches(marks) || element.querySelector(marks) !== null || element.nextElementSibling?.matches('.press-code-continues') === true;
  // Measured at the print's column width (170 mm), so that blocks are as tall as they print. (Not by resizing the
  // viewport: a page that is not in front gets no frame, and the resize would wait for one.)
  const width = document.body.style.width;
  document.body.style.width = '170mm';
  for (const { index, gap } of moves) {
    const figure = document.getElementById(`press-figure-${index}`);
    if (!figure) continue;
    const start = figure.getBoundingClientRect().bottom;
    // The blocks after the figure in reading order: its siblings, then (at the end of the block that holds it, say
    // a concept) its container's siblings, so that a listing after the block can fill the gap too.
    const following: Element[] = [];
    for (let node: Element | null = figure; node && node !== document.body; node = node.parentElement) {
      for (let next = node.nextElementSibling; next; next = next.nextElementSibling) following.push(next);
    }
    let last: Element | undefined;
    // Measured on screen, blocks print a little taller (widows and orphans, keeps): what must fit leaves three
    // lines to spare, or the last block spills over and pushes the figure a page further, leaving a page nearly blank.
    const room = gap - 3 * 10.5 * 1.45 * (96 / 72);
    for (const next of following) {
      // A figure floats within its section, and past subsection headings (as in a book), never into the next section
      // or past another figure.
      const stop = (element: Element) => /^H[12]$/.test(element.tagName) || element.classList.contains('diagram-page') || element.tagName === 'NAV';
      if (stop(next) || next.querySelector('h1, h2, .diagram-page') || splitListing(next)) break;
      // The space the blocks take, margins included: from the figure's foot to this block's.
      if (next.getBoundingClientRect().bottom - start > room) break;
      last = next;
    }
    // Never end the run on a heading: the figure would stand between the heading and its text, a page away. The
    // heading takes its first block along (which then flows on past the gap, the figure after it); only when no such
    // block follows does the run stop before the heading.
    if (last && /^H[3-6]$/.test(last.tagName)) {
      const follower = last.nextElementSibling;
      if (follower && !/^H[1-6]$/.test(follower.tagName) && !follower.classList.contains('diagram-page') && follower.tagName !== 'NAV') last = follower;
      else while (last && /^H[3-6]$/.test(last.tagName)) last = last.previousElementSibling === figure ? undefined : (last.previousElementSibling ?? undefined);
    }
    if (last) {
      // The figure goes to the next page: what now precedes it must not be kept with it.
      (last as HTMLElement).style.breakAfter = 'auto';
      // The marker goes along, so that a later measuring print sees whether the figure, moved, is pushed again.
      const marker = document.getElementById(`press-before-${index}`);
      last.after(...(marker ? [marker] : []), figure);
      moved++;
      continue;
    }
    // Nothing to move past (a section heading follows): an upright diagram a little too tall for the gap is drawn smaller
    // to fit it, as long as its labels stay at 7 pt or more.
    const svg = figure.querySelector<SVGSVGElement>('svg');
    const labels = Number(svg?.dataset.labelPoints);
    const height = figure.getBoundingClientRect().height;
    const drawing = svg?.getBoundingClientRect().height ?? 0;
    const factor = (gap - (height - drawing) - 8) / drawing;
    if (svg && !figure.classList.contains('diagram-turned') && factor < 1 && labels * factor >= 7) {
      svg.style.width = `${parseFloat(svg.style.width) * factor}pt`;
      svg.style.height = `${parseFloat(svg.style.height) * factor}pt`;
      moved++;
    }
  }
  document.body.style.width = width;
  return moved;
}

/**
 * Removes the ids and links `markLargeFigures` added. The markers stay, empty
 * and without ids: the code rounds (code-flow.ts) measure with them in place,
 * and a page broken beside an empty block may break differently without it.
 */
export function clearFigureMarks(): void {
  document.getElementById('press-figure-links')?.remove();
  document.querySelectorAll('.press-marker, [id^="press-figure-"]').forEach((element) => element.removeAttribute('id'));
}

/**
 * Which marked diagrams left a gap of over a quarter page: their marker is on
 * one page, they are on the next. `columnFoot` is where the column ends in
 * the positions' heights: Chromium writes a destination's height as if the
 * page had no top margin, so the foot is the top margin higher than the
 * bottom margin alone (taken for the foot, the gap came out 62 pt too large,
 * and the blocks moved into it spilled and pushed the diagram a page on).
 */
export function pushedFigures(count: number, positions: ReadonlyMap<string, { page: number; top: number }>, columnFoot: number): { index: number; gap: number }[] {
  const moves: { index: number; gap: number }[] = [];
  for (let index = 0; index < count; index++) {
    const before = positions.get(`press-before-${index}`);
    const figure = positions.get(`press-figure-${index}`);
    if (!before || !figure || figure.page !== before.page + 1) continue;
    const gap = (before.top - columnFoot) / 0.75;
    if (gap > columnPx / 4) moves.push({ index, gap });
  }
  return moves;
}
