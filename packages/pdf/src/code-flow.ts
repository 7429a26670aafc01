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
      text.replace(/\n$/, '').split('\n').forEach((line, index) => {
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
 * What the next round does, from the last measuring print: the splits made
 * that no longer hold (the fragment before the split is not on one page
 * with its mark, the next fragment not on the page after) are undone; each
 * fragment of a listing whose lines land on two pages is split at its first
 * line on the later page, or earlier when the mark under the first fragment
 * would not fit above the column's foot (`markRoom` points below the top of
 * the fragment's last line; `columnFoot` in the positions' heights). Fragments touched by an undo wait for the next round.
 */
export function codePlan(counts: readonly number[], made: readonly CodeSplit[], positions: Positions, columnFoot: number, markRoom: number): { undo: CodeSplit[]; split: CodeSplit[] } {
  const at = (id: string) => positions.get(id);
  const line = (block: number, index: number) => at(`press-code-${block}-${index}`);
  const holds = ({ block, line: first }: CodeSplit) => {
    // The fragment it ends must be on one page: one that spilled over (a split above moved it down) is split again from its start.
    const start = Math.max(0, ...made.filter((other) => other.block === block && other.line < first).map((other) => other.line));
    const last = line(block, first - 1);
    const opening = line(block, start);
    const continues = at(`press-continues-${block}-${first}`);
    const continued = at(`press-continued-${block}-${first}`);
    const next = line(block, first);
    return !!last && !!opening && !!continues && !!continued && !!next && opening.page === last.page && continues.page === last.page && continued.page === last.page + 1 && next.page === continued.page;
  };
  const undo = made.filter((split) => !holds(split));
  const split: CodeSplit[] = [];
  counts.forEach((count, block) => {
    const starts = made.filter((made) => made.block === block).map((made) => made.line);
    if (undo.some((undone) => undone.block === block)) return;
    const bounds = [0, ...starts.sort((a, b) => a - b), count];
    for (let fragment = 0; fragment + 1 < bounds.length; fragment++) {
      const [start, end] = [bounds[fragment]!, bounds[fragment + 1]!];
      const first = line(block, start);
      if (!first) continue;
      let next = Array.from({ length: end - start }, (_, index) => start + index).find((index) => (line(block, index)?.page ?? first.page) > first.page);
      if (next === undefined) continue;
      while (next > start + 1 && line(block, next - 1)!.top - columnFoot < markRoom) next--;
      split.push({ block, line: next });
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
