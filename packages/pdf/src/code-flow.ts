/**
 * A code listing that runs over a page break must say so, as a book's does:
 * "continued on next page" under the first fragment, "(continued)" over the
 * next. Chromium has no such thing in print (no content per fragment, no
 * margin boxes per element), so, as for figures (figure-flow.ts), a
 * measuring print says where each line of code landed: a listing whose lines
 * land on two pages is split into two listings at the first line of the
 * next page, each with its mark, the second starting that page. A split
 * moves what follows it down a little, which can spoil a split made in the
 * same round further on: the next measuring print checks every split, and
 * one that no longer holds is undone and made again (codePlan). Except
 * `codePlan`, these functions run in the page of a part.
 */

/** What the marks say; `.press-code-continues` and `.press-code-continued` in style.ts set them at the label size. */
export interface CodeMarks {
  continues: string;
  continued: string;
}

export const englishCodeMarks: CodeMarks = { continues: 'continued on next page', continued: '(continued)' };

/** A split: listing `block` continues on a new page from its line `line`. */
export interface CodeSplit {
  block: number;
  line: number;
}

/**
 * Gives every line of every listing (`pre`, diagrams aside) a zero-width
 * anchor `press-code-B-L`, linked from a hidden list so the print writes
 * where it lands; returns each listing's line count. Highlighted code has
 * one element per line already (pandoc's `span`); plain code gets one.
 */
export function markCodeLines(): number[] {
  const listings = Array.from(document.querySelectorAll<HTMLPreElement>('pre')).filter((pre) => !pre.closest('.diagram-page'));
  const links = document.createElement('nav');
  links.id = 'press-code-links';
  links.hidden = true;
  const counts = listings.map((pre, block) => {
    const code = pre.querySelector('code') ?? pre;
    let lines = Array.from(code.children).filter((child) => child.tagName === 'SPAN' && child.id !== '');
    if (lines.length === 0 || lines.length !== (code.textContent ?? '').replace(/\n$/, '').split('\n').length) {
      // Plain code: one text, one span per line (the newline stays between them, as in pandoc's).
      const text = code.textContent ?? '';
      code.replaceChildren();
      text
        .replace(/\n$/, '')
        .split('\n')
        .forEach((line, index) => {
          if (index > 0) code.append('\n');
          const span = document.createElement('span');
          span.textContent = line;
          code.append(span);
        });
      lines = Array.from(code.children);
    }
    lines.forEach((line, index) => {
      const marker = document.createElement('a');
      marker.className = 'press-code-marker';
      marker.id = `press-code-${block}-${index}`;
      line.prepend(marker);
      const link = document.createElement('a');
      link.href = `#${marker.id}`;
      links.append(link);
    });
    return lines.length;
  });
  if (listings.length > 0) document.body.append(links);
  return counts;
}

type Positions = ReadonlyMap<string, { page: number; top: number }>;

/**
 * What the next round does, from the last measuring print. A split made
 * that no longer holds (its fragment, or the mark under it, spilled onto
 * the next page, or the next fragment does not open the page after) is
 * undone and, in the same round, made again higher up: at the fragment's
 * first line on a later page, or a line above the one it was at when only
 * the mark spilled. (Undoing alone and splitting a round later left
 * listings unmarked when the rounds ran out, and a spilled fragment made a
 * page of a line or two.) Each fragment of a listing whose lines land on
 * two pages is split at its first line on the later page. A split that
 * holds but ends its fragment over twice the mark's room above the foot is
 * undone, the listing split afresh a round later. Either way the
 * split moves up while the mark under the fragment would not fit above the
 * column's foot (`markRoom` points below the top of the fragment's last
 * line; `columnFoot` in the positions' heights). The other fragments of a
 * listing with a split remade wait for the next round: they moved.
 */
export function codePlan(counts: readonly number[], made: readonly CodeSplit[], positions: Positions, columnFoot: number, markRoom: number): { undo: CodeSplit[]; split: CodeSplit[] } {
  const at = (id: string) => positions.get(id);
  const line = (block: number, index: number) => at(`press-code-${block}-${index}`);
  const startOf = ({ block, line: first }: CodeSplit) => Math.max(0, ...made.filter((other) => other.block === block && other.line < first).map((other) => other.line));
  /** The line to split a fragment from `start` at, given the first line past the page (or past what fits with the mark). */
  const withRoom = (block: number, start: number, next: number) => {
    while (next > start + 1 && line(block, next - 1)!.top - columnFoot < markRoom) next--;
    return next;
  };
  const holds = (split: CodeSplit) => {
    const { block, line: first } = split;
    const last = line(block, first - 1);
    const opening = line(block, startOf(split));
    const continues = at(`press-continues-${block}-${first}`);
    const continued = at(`press-continued-${block}-${first}`);
    const next = line(block, first);
    return (
      !!last && !!opening && !!continues && !!continued && !!next && opening.page === last.page && continues.page === last.page && continued.page === last.page + 1 && next.page === continued.page
    );
  };
  // A split that holds but ends its fragment high on the page (what was above it moved up: a split undone, a fragment
  // shortened) would leave the page short: it is undone, and the listing split afresh a round later where it now breaks.
  const early = ({ block, line: first }: CodeSplit) => line(block, first - 1)!.top - columnFoot > 2 * markRoom;
  /** Where a split that no longer holds is made again, or undefined when its fragment has no line to spare. */
  const remade = (split: CodeSplit): CodeSplit | undefined => {
    const { block, line: first } = split;
    const start = startOf(split);
    const opening = line(block, start);
    if (!opening) return undefined;
    const spilled = Array.from({ length: first - start }, (_, index) => start + index).find((index) => (line(block, index)?.page ?? opening.page) > opening.page);
    const next = withRoom(block, start, Math.min(spilled ?? first - 1, first - 1));
    return next > start ? { block, line: next } : undefined;
  };
  const broken = made.filter((split) => !holds(split));
  const undo = [...broken, ...made.filter((split) => !broken.includes(split) && early(split))].sort((a, b) => a.block - b.block || a.line - b.line);
  const split: CodeSplit[] = [];
  const remadeBlocks = new Set<number>();
  for (const undone of undo) {
    if (remadeBlocks.has(undone.block)) continue;
    remadeBlocks.add(undone.block);
    const again = broken.includes(undone) ? remade(undone) : undefined;
    if (again) split.push(again);
  }
  counts.forEach((count, block) => {
    if (remadeBlocks.has(block)) return;
    const starts = made.filter((made) => made.block === block).map((made) => made.line);
    const bounds = [0, ...starts.sort((a, b) => a - b), count];
    for (let fragment = 0; fragment + 1 < bounds.length; fragment++) {
      const [start, end] = [bounds[fragment]!, bounds[fragment + 1]!];
      const first = line(block, start);
      if (!first) continue;
      const next = Array.from({ length: end - start }, (_, index) => start + index).find((index) => (line(block, index)?.page ?? first.page) > first.page);
      if (next !== undefined) split.push({ block, line: withRoom(block, start, next) });
    }
  });
  return { undo, split };
}

/** Splits listing `block` before its line `line`: the mark under the first fragment, the second starting a page with its own. */
export function splitCode(splits: readonly CodeSplit[], marks: CodeMarks): void {
  const links = document.getElementById('press-code-links');
  for (const { block, line } of splits) {
    const first = document.getElementById(`press-code-${block}-${line}`)?.parentElement;
    const code = first?.parentElement;
    const pre = code?.closest('pre');
    if (!first || !code || !pre) continue;
    // Pandoc wraps a highlighted listing in a div.sourceCode: the new fragment is a copy of those shells, without ids.
    const shell = pre.parentElement?.classList.contains('sourceCode') ? pre.parentElement : pre;
    const copy = (element: Element) => {
      const clone = element.cloneNode(false) as HTMLElement;
      clone.removeAttribute('id');
      return clone;
    };
    const rest = copy(shell);
    const restPre = shell === pre ? rest : (rest.appendChild(copy(pre)) as HTMLElement);
    const restCode = code === pre ? restPre : (restPre.appendChild(copy(code)) as HTMLElement);
    rest.dataset.pressRest = `${block}-${line}`;
    // The newline before the first line moved ends the first fragment's last line: it stays behind, dropped.
    const newline = first.previousSibling;
    for (let node: ChildNode | null = first; node; ) {
      const next: ChildNode | null = node.nextSibling;
      restCode.append(node);
      node = next;
    }
    if (newline?.nodeType === Node.TEXT_NODE && newline.textContent === '\n') newline.remove();
    const mark = (kind: 'continues' | 'continued', text: string) => {
      const element = document.createElement('p');
      element.className = `press-code-${kind}`;
      element.id = `press-${kind}-${block}-${line}`;
      element.textContent = text;
      const link = document.createElement('a');
      link.href = `#${element.id}`;
      links?.append(link);
      return element;
    };
    shell.after(mark('continues', marks.continues), mark('continued', marks.continued), rest);
  }
}

/** Undoes splits made by `splitCode`: the second fragment's lines go back, the marks go. */
export function joinCode(splits: readonly CodeSplit[]): void {
  for (const { block, line } of splits) {
    const rest = document.querySelector<HTMLElement>(`[data-press-rest="${block}-${line}"]`);
    const first = document.getElementById(`press-code-${block}-${line}`)?.parentElement;
    const back = document.getElementById(`press-code-${block}-${line - 1}`)?.parentElement?.parentElement;
    if (!rest || !first || !back) continue;
    back.append('\n');
    for (let node: ChildNode | null = first; node; ) {
      const next: ChildNode | null = node.nextSibling;
      back.append(node);
      node = next;
    }
    for (const id of [`press-continues-${block}-${line}`, `press-continued-${block}-${line}`]) document.getElementById(id)?.remove();
    rest.remove();
  }
}

/** Removes what the measuring added: anchors, the hidden list, the split marks' ids. */
export function clearCodeMarks(): void {
  document.querySelectorAll('#press-code-links, .press-code-marker').forEach((element) => element.remove());
  document.querySelectorAll('.press-code-continues, .press-code-continued').forEach((element) => element.removeAttribute('id'));
  document.querySelectorAll('[data-press-rest]').forEach((element) => element.removeAttribute('data-press-rest'));
}
