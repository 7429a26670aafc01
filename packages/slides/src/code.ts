import type { Element as HastElement, ElementContent, Root as HastRoot } from 'hast';
import { common, createLowlight } from 'lowlight';
import { bodyWidth, layout } from './layout.js';

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

/** Whether the code is open at the end of each line: inside brackets, a string or comment spanning lines, or a statement that goes on. */
function openAfter(lines: readonly CodeLine[]): boolean[] {
  const open: boolean[] = [];
  let depth = 0; // ( and [ only: braces and indentation hold statements, which we may cut between
  let fence: string | undefined; // a """, ''', ` or /* that spans lines
  for (const line of lines) {
    const text = lineText(line);
    let index = 0;
    while (index < text.length) {
      if (fence) {
        const close = text.indexOf(fence === '/*' ? '*/' : fence, index);
        if (close < 0) break;
        index = close + (fence === '/*' ? 2 : fence.length);
        fence = undefined;
        continue;
      }
      const rest = text.slice(index);
      const opener = /^("""|'''|`|\/\*)/.exec(rest)?.[1];
      if (opener) {
        fence = opener;
        index += opener.length;
        continue;
      }
      if (/^(#|\/\/)/.test(rest)) break;
      const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/.exec(rest);
      if (quoted) {
        index += quoted[0].length;
        continue;
      }
      const char = text[index]!;
      if (char === '(' || char === '[') depth++;
      else if ((char === ')' || char === ']') && depth > 0) depth--;
      index++;
    }
    const code = text.replace(/\s+(#|\/\/).*$/, '').trimEnd();
    // A line ending in an opener or an operator is continued by the next one (`try {`, `if x:`, `a = b +`).
    const continues = /(\{|\(|\[|:|,|\\|=|\+|-|\*|\/|&&|\|\||\?|=>|\.)$/.test(code) && !/^\s*(\/\/|#)/.test(text);
    // A decorator belongs to the definition under it.
    open.push(depth > 0 || fence !== undefined || continues || /^\s*@\w/.test(text));
  }
  return open;
}

/** A line that can only follow the one before it: a closing bracket, `else`, `except`, `catch`, a chained call. */
function continuesStatement(text: string): boolean {
  return /^\s*([)\]}]|\.|else\b|elif\b|except\b|finally\b|catch\b|\?|:)/.test(text);
}

/**
 * Where a listing may be cut, best first: 3 at a blank line before a top-level
 * statement, 2 at a blank line between statements inside a block, 1 between
 * two statements, 0 inside one (or at line 0).
 */
function cutQuality(lines: readonly CodeLine[]): number[] {
  const open = openAfter(lines);
  const quality: number[] = [0];
  for (let cut = 1; cut < lines.length; cut++) {
    const text = lineText(lines[cut]!);
    const before = lineText(lines[cut - 1]!);
    let back = cut - 1;
    while (back > 0 && lineText(lines[back]!).trim() === '') back--;
    if (text.trim() === '' || open[back] || continuesStatement(text)) quality.push(0);
    else if (before.trim() === '' && /^\S/.test(text)) quality.push(3);
    else if (before.trim() === '') quality.push(2);
    else quality.push(1);
  }
  // Cutting before blank lines is cutting where they end (the next slide starts after them).
  for (let cut = lines.length - 1; cut > 0; cut--) {
    if (lineText(lines[cut]!).trim() === '' && cut + 1 < lines.length) quality[cut] = quality[cut + 1]!;
  }
  return quality;
}

/**
 * Splits a listing into chunks of at most `maxRows` visual rows, cutting only
 * between statements: at the best place in the second half of a chunk (a blank
 * line before a top-level statement first), else up to `stretchRows` rows to
 * keep a statement whole, else at any earlier place between statements. Only
 * a statement longer than `stretchRows` is ever cut inside.
 */
export function splitCode(lines: readonly CodeLine[], maxRows: number, stretchRows: number = maxRows): CodeLine[][] {
  const quality = cutQuality(lines);
  const chunks: CodeLine[][] = [];
  const fit = (start: number, limit: number) => {
    let rows = 0;
    let end = start;
    while (end < lines.length && rows + codeRows(lines[end]!) <= limit) {
      rows += codeRows(lines[end]!);
      end++;
    }
    return end === start ? start + 1 : end; // one line longer than a slide: wraps, never dropped
  };
  let start = 0;
  while (start < lines.length) {
    let end = fit(start, maxRows);
    if (end < lines.length) {
      let best = -1;
      for (let cut = end; cut > start; cut--) {
        if ((cut - start) * 2 >= end - start && quality[cut]! > (best < 0 ? 0 : quality[best]!)) best = cut;
      }
      if (best < 0) {
        // No place between statements within the cap: a few more rows keep a statement whole.
        const stretched = fit(start, stretchRows);
        for (let cut = stretched; cut > end && best < 0; cut--) if (cut === lines.length || quality[cut]! > 0) best = cut;
      }
      for (let cut = end; cut > start && best < 0; cut--) if (quality[cut]! > 0) best = cut;
      if (best > 0) end = best;
    }
    const chunk = lines.slice(start, end);
    while (chunk.length > 1 && lineText(chunk.at(-1)!).trim() === '') chunk.pop();
    chunks.push(chunk);
    start = end;
    while (start < lines.length && lineText(lines[start]!).trim() === '') start++;
  }
  return chunks;
}
