import type { Element as HastElement, ElementContent, Root as HastRoot } from 'hast';
import { common, createLowlight } from 'lowlight';
import { bodyWidth, layout, wrappedLines } from './layout.js';

/** A piece of a highlighted line: its text and highlight.js classes. */
export interface Token {
  text: string;
  classes: string[];
}
export type CodeLine = Token[];

const lowlight = createLowlight(common);

function tokens(nodes: readonly ElementContent[], classes: string[], out: Token[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push({ text: node.value, classes });
    else if (node.type === 'element') {
      const own = ((node as HastElement).properties.className as string[] | undefined) ?? [];
      tokens(node.children, [...classes, ...own], out);
    }
  }
}

/**
 * Code highlighted with highlight.js (the engine the handbook uses), cut into
 * lines so that a listing can be split across slides without breaking a token.
 */
export function highlightLines(source: string, language: string): CodeLine[] {
  let tree: HastRoot;
  try {
    tree = lowlight.registered(language) ? lowlight.highlight(language, source) : { type: 'root', children: [{ type: 'text', value: source }] };
  } catch {
    tree = { type: 'root', children: [{ type: 'text', value: source }] };
  }
  const flat: Token[] = [];
  tokens(tree.children as ElementContent[], [], flat);
  const lines: CodeLine[] = [[]];
  for (const token of flat) {
    const pieces = token.text.split('\n');
    pieces.forEach((piece, index) => {
      if (index > 0) lines.push([]);
      if (piece !== '') lines.at(-1)!.push({ text: piece, classes: token.classes });
    });
  }
  while (lines.length > 1 && lines.at(-1)!.length === 0) lines.pop();
  return lines;
}

export function lineText(line: CodeLine): string {
  return line.map((token) => token.text).join('');
}

/** Visual rows a code line takes once wrapped in the code box. */
export function codeRows(line: CodeLine): number {
  const width = bodyWidth - 2 * layout.code.pad;
  const perRow = Math.floor(width / (layout.code.size * layout.monoCharWidth));
  return Math.max(1, Math.ceil(lineText(line).replace(/\t/g, '    ').length / perRow));
}

/**
 * Splits a listing into chunks of at most `maxRows` visual rows, preferring to
 * cut at a blank line (between functions and classes) in the last third of a chunk.
 */
export function splitCode(lines: readonly CodeLine[], maxRows: number): CodeLine[][] {
  const chunks: CodeLine[][] = [];
  let start = 0;
  while (start < lines.length) {
    let rows = 0;
    let end = start;
    while (end < lines.length && rows + codeRows(lines[end]!) <= maxRows) {
      rows += codeRows(lines[end]!);
      end++;
    }
    if (end === start) end = start + 1; // one line longer than a slide: wraps, never dropped
    if (end < lines.length) {
      const floor = start + Math.floor(((end - start) * 2) / 3);
      const blank = (index: number) => lineText(lines[index]!).trim() === '';
      // Where a reader would turn the page: after a blank line, else before a top-level statement.
      const topLevel = (index: number) => /^[^\s)\]}]/.test(lineText(lines[index]!));
      let cutAt = -1;
      for (let cut = end; cut > floor && cutAt < 0; cut--) if (blank(cut - 1)) cutAt = cut;
      for (let cut = end; cut > floor && cutAt < 0; cut--) if (topLevel(cut)) cutAt = cut;
      if (cutAt > 0) end = cutAt;
    }
    const chunk = lines.slice(start, end);
    while (chunk.length > 1 && lineText(chunk.at(-1)!).trim() === '') chunk.pop();
    chunks.push(chunk);
    start = end;
    while (start < lines.length && lineText(lines[start]!).trim() === '') start++;
  }
  return chunks;
}

export function codeHeight(lines: readonly CodeLine[]): number {
  return lines.reduce((sum, line) => sum + codeRows(line), 0) * layout.code.lineHeight + 2 * layout.code.pad;
}

export { wrappedLines };
