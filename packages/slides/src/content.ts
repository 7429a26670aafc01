import type { List, PhrasingContent, Root, RootContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { layout, piecesLines, textWidth, type Piece } from './layout.js';

/** A run of text with one formatting: what both the HTML and the PPTX render. */
export interface Run {
  text: string;
  bold?: true;
  italic?: true;
  code?: true;
  href?: string;
}

export interface ListItem {
  runs: Run[];
  level: number;
  /** "1." for ordered items, "" for bullets, "☐"/"☑" for tasks. */
  marker: string;
}

export type Element =
  | { kind: 'heading'; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; items: ListItem[] }
  | { kind: 'table'; align: Array<'left' | 'right' | 'center' | null>; header: Run[][]; rows: Run[][][] }
  | { kind: 'code'; language: string; source: string }
  | { kind: 'diagram'; source: string };

export interface InlineContext {
  /** Text with its citation groups in short form, e.g. "(Nygard 2018; Fowler 2014)". */
  cite: (text: string) => string;
  /** Where a link points in the deck, or undefined to show its text only. */
  link: (href: string) => string | undefined;
}

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = out.at(-1);
    if (last && last.bold === run.bold && last.italic === run.italic && last.code === run.code && last.href === run.href) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

function inlineRuns(nodes: PhrasingContent[], context: InlineContext, style: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        runs.push({ ...style, text: smartText(context.cite(node.value.replace(/\s*\n\s*/g, ' '))) });
        break;
      case 'strong':
        runs.push(...inlineRuns(node.children, context, { ...style, bold: true }));
        break;
      case 'emphasis':
        runs.push(...inlineRuns(node.children, context, { ...style, italic: true }));
        break;
      case 'delete':
        runs.push(...inlineRuns(node.children, context, style));
        break;
      case 'inlineCode':
        runs.push({ ...style, code: true, text: node.value });
        break;
      case 'break':
        runs.push({ ...style, text: ' ' });
        break;
      case 'link': {
        const href = context.link(node.url);
        runs.push(...inlineRuns(node.children, context, href === undefined ? style : { ...style, href }));
        break;
      }
      case 'image':
        runs.push({ ...style, italic: true, text: `[image: ${node.alt ?? ''}]` });
        break;
      default:
        // Raw HTML is never shown: the checks reject it, and slides are no place to smuggle it in.
        break;
    }
  }
  return mergeRuns(runs);
}

function listItems(list: List, level: number, context: InlineContext): ListItem[] {
  const items: ListItem[] = [];
  list.children.forEach((item, index) => {
    const marker = item.checked === true ? '☑' : item.checked === false ? '☐' : list.ordered ? `${(list.start ?? 1) + index}.` : '';
    const runs: Run[] = [];
    const nested: ListItem[] = [];
    for (const child of item.children) {
      if (child.type === 'paragraph' || child.type === 'heading') {
        if (runs.length > 0) runs.push({ text: ' ' });
        runs.push(...inlineRuns(child.children, context));
      } else if (child.type === 'list') {
        nested.push(...listItems(child, level + 1, context));
      } else if (child.type === 'code') {
        runs.push({ text: ' ' }, { code: true, text: child.value.replace(/\n/g, ' ') });
      }
    }
    items.push({ runs: mergeRuns(runs), level, marker }, ...nested);
  });
  return items;
}

function tableElement(table: Table, context: InlineContext): Element {
  const [head, ...body] = table.children;
  const cells = (row: Table['children'][number]) => row.children.map((cell) => inlineRuns(cell.children, context));
  return { kind: 'table', align: (table.align ?? []).map((a) => a ?? null), header: head ? cells(head) : [], rows: body.map(cells) };
}

function blockElements(nodes: RootContent[], context: InlineContext): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        out.push({ kind: 'heading', runs: inlineRuns(node.children, context) });
        break;
      case 'paragraph': {
        const runs = inlineRuns(node.children, context);
        if (runs.some((run) => run.text.trim() !== '')) out.push({ kind: 'paragraph', runs });
        break;
      }
      case 'list':
        out.push({ kind: 'list', items: listItems(node, 0, context) });
        break;
      case 'table':
        out.push(tableElement(node, context));
        break;
      case 'code':
        if (node.lang === 'mermaid') out.push({ kind: 'diagram', source: node.value });
        else out.push({ kind: 'code', language: node.lang ?? 'text', source: node.value });
        break;
      case 'blockquote':
        out.push(...blockElements(node.children, context));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The elements of a Markdown part, in order: what slides are cut from. */
export function markdownElements(markdown: string, context: InlineContext): Element[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  return blockElements(tree.children, context);
}

export function runsText(runs: readonly Run[]): string {
  return runs.map((run) => run.text).join('');
}

/** Plain text of elements for speaker notes (diagrams and code are on their slides). */
export function elementsText(elements: readonly Element[]): string {
  const parts: string[] = [];
  for (const element of elements) {
    switch (element.kind) {
      case 'heading':
      case 'paragraph':
        parts.push(runsText(element.runs));
        break;
      case 'list':
        parts.push(element.items.map((item) => `${'  '.repeat(item.level)}${item.marker || '-'} ${runsText(item.runs)}`).join('\n'));
        break;
      case 'table':
        parts.push([element.header, ...element.rows].map((row) => row.map(runsText).join(' | ')).join('\n'));
        break;
      default:
        break;
    }
  }
  return parts.join('\n\n');
}

const sentenceEnd = /[.!?](?=\s+["'(*“‘]?[A-Z0-9])/;

/**
 * The first sentence of a paragraph, as runs, whole: a slide point; the whole
 * paragraph goes to the notes. An author's sentence is never cut.
 */
export function firstSentence(runs: readonly Run[]): Run[] {
  const text = runsText(runs);
  const match = sentenceEnd.exec(text);
  const end = match ? match.index + 1 : text.length;
  const out: Run[] = [];
  let offset = 0;
  for (const run of runs) {
    if (offset >= end) break;
    out.push({ ...run, text: run.text.slice(0, end - offset) });
    offset += run.text.length;
  }
  const last = out.at(-1);
  if (last) last.text = last.text.replace(/\s+$/, '');
  return out;
}

/**
 * Pandoc's `smart` typography, as the handbook gets it: curly quotes and
 * apostrophes, `--` and `---` as dashes, `...` as an ellipsis. Code is left as written.
 */
export function smartText(text: string): string {
  return text
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/\.\.\./g, '…')
    .replace(/(^|[\s([{\u2014\u2013-])"/g, '$1“')
    .replace(/"/g, '”')
    .replace(/(^|[\s([{\u2014\u2013-])'/g, '$1‘')
    .replace(/'/g, '’');
}

/** The words of runs as pieces of a line, measured in the deck's fonts (inline code as the deck sets it). */
export function runsPieces(runs: readonly Run[], size: number): Piece[] {
  const pieces: Piece[] = [];
  let glue = false;
  for (const run of runs) {
    const codeSize = size * 0.85;
    const parts = run.text.split(/(\s+)/);
    parts.forEach((part, index) => {
      if (part === '') return;
      if (/^\s+$/.test(part)) {
        glue = false;
        return;
      }
      const width = run.code ? textWidth(part, codeSize, { mono: true }) + (index === 0 || index === parts.length - 1 ? 0.2 * size : 0) : textWidth(part, size, { bold: run.bold === true });
      pieces.push({ width, space: textWidth(' ', size), glued: glue && pieces.length > 0 });
      glue = true;
    });
    if (/\s$/.test(run.text)) glue = false;
  }
  return pieces;
}

/** Lines runs take when wrapped at `width` px (2% to spare for kerning and hinting). */
export function runsLines(runs: readonly Run[], width: number, size: number = layout.text.size): number {
  return piecesLines(runsPieces(runs, size), width * 0.98);
}
