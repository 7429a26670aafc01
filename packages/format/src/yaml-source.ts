import { report, type Place } from '@pattern-press/diagnostics';
import type { VFile } from 'vfile';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';
import { joinPointer, PointerMap } from './pointers.js';

/** Where a YAML text sits in its file: front matter starts on line 2, a fenced block inside the body elsewhere. */
export interface YamlOrigin {
  /** File line of the YAML text's first line. */
  line: number;
  /** File column of the YAML text's first column. */
  column: number;
}

export interface YamlSource {
  value: unknown;
  pointers: PointerMap;
}

const wholeFile: YamlOrigin = { line: 1, column: 1 };

/**
 * Parses YAML keeping the source place of every key and value (as JSON
 * pointers), reporting syntax errors on `file`. Returns undefined when the
 * text does not parse.
 */
export function parseYamlSource(file: VFile, text: string, origin: YamlOrigin = wholeFile, pointerBase = '', pointers = new PointerMap()): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const toPlace = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: origin.line + line - 1, column: line === 1 ? origin.column + col - 1 : col + origin.column - 1 };
  };
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const opener = unclosedOpener(text, error.message, error.pos[0]);
      report(file, 'yaml-syntax', firstLine(error.message), {
        place: toPlace(opener ?? error.pos[0]),
        hint: opener === undefined ? undefined : `the \`${text[opener]}\` here is never closed`,
      });
    }
    return undefined;
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount });
  } catch (error) {
    // The yaml package throws for alias bombs and aliases of no anchor; that is bad content, not a bug.
    const problem = aliasProblem(document);
    if (problem) {
      report(file, 'yaml-syntax', problem.reason, {
        place: toPlace(problem.alias.range?.[0] ?? 0),
        hint: problem.hint,
        ...(problem.anchor?.range
          ? { cause: { path: file.path, place: toPlace(anchorOffset(text, problem.alias.source, problem.anchor.range[0])), reason: `the anchor \`&${problem.alias.source}\`` } }
          : {}),
      });
    } else {
      report(file, 'yaml-syntax', firstLine((error as Error).message), { place: toPlace(document.contents?.range?.[0] ?? 0) });
    }
    return undefined;
  }
  pointers.set(pointerBase, { value: toPlace(document.contents?.range?.[0] ?? 0) });
  recordPlaces(document.contents, pointerBase, pointers, toPlace);
  return { value, pointers };
}

/** How many values aliases may expand to in one YAML text: far more than any module needs, far fewer than a "billion laughs". */
const maxAliasCount = 50;

interface AliasProblem {
  alias: Alias;
  /** The anchored node the alias repeats, when there is one. */
  anchor?: YamlNode | undefined;
  reason: string;
  hint?: string | undefined;
}

/**
 * The alias that makes `document.toJS({ maxAliasCount })` fail: the first one
 * naming no earlier anchor, or the one at which the expansion passes the
 * limit. The count mirrors the yaml package's (each alias resolved once, in
 * document order; an anchor's weight is the largest expansion inside it), so
 * the place is the very alias the package refused, not the file's first line.
 */
function aliasProblem(document: Document): AliasProblem | undefined {
  const ordered: YamlNode[] = [];
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node) || node.anchor) ordered.push(node);
    },
  });
  const targets = new Map<Alias, YamlNode>();
  const latest = new Map<string, YamlNode>();
  for (const node of ordered) {
    if (isAlias(node)) {
      const anchor = latest.get(node.source);
      if (anchor) targets.set(node, anchor);
    }
    if (node.anchor) latest.set(node.anchor, node);
  }
  const counts = new Map<YamlNode, { count: number; weight: number }>();
  const weightOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      const data = target ? counts.get(target) : undefined;
      return data ? data.count * data.weight : 0;
    }
    if (isCollection(node)) return Math.max(0, ...node.items.map(weightOf));
    if (isPair(node)) return Math.max(weightOf(node.key), weightOf(node.value));
    return 1;
  };
  for (const node of ordered) {
    if (!isAlias(node)) continue;
    const anchor = targets.get(node);
    if (!anchor) {
      return { alias: node, reason: `alias \`*${node.source}\` names no anchor`, hint: `define \`&${node.source}\` on a value before this alias` };
    }
    const data = counts.get(anchor) ?? { count: 0, weight: 0 };
    counts.set(anchor, data);
    data.count += 1;
    if (data.weight === 0) data.weight = weightOf(anchor);
    if (data.count * data.weight > maxAliasCount) {
      return {
        alias: node,
        anchor,
        reason: `alias \`*${node.source}\` takes the YAML past ${maxAliasCount} alias expansions (an alias bomb)`,
        hint: 'write the values out instead of nesting aliases of aliases',
      };
    }
  }
  return undefined;
}

/** Where `&name` is written for a node starting at `nodeStart` (yaml's range starts after the anchor). */
function anchorOffset(text: string, name: string, nodeStart: number): number {
  const at = text.lastIndexOf(`&${name}`, nodeStart);
  return at >= 0 ? at : nodeStart;
}

function recordPlaces(node: unknown, pointer: string, pointers: PointerMap, toPlace: (offset: number) => Place): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const valueNode = pair.value as YamlNode | null;
      const keyPlace = toPlace(keyNode?.range?.[0] ?? 0);
      const child = joinPointer(pointer, key);
      pointers.set(child, { key: keyPlace, value: valueNode?.range ? toPlace(valueNode.range[0]) : keyPlace });
      recordPlaces(valueNode, child, pointers, toPlace);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const itemNode = item as YamlNode | null;
      const child = joinPointer(pointer, index);
      if (itemNode?.range) pointers.set(child, { value: toPlace(itemNode.range[0]) });
      recordPlaces(itemNode, child, pointers, toPlace);
    });
  }
}

/**
 * yaml reports an unterminated flow collection where it gave up (the next
 * line); the author's mistake is the bracket that was opened, so point there.
 */
function unclosedOpener(text: string, message: string, errorOffset: number): number | undefined {
  const closer = /end with an? ([\]}])/.exec(message)?.[1];
  if (!closer) return undefined;
  const openerChar = closer === ']' ? '[' : '{';
  let depth = 0;
  for (let index = Math.min(errorOffset, text.length) - 1; index >= 0; index--) {
    const char = text[index];
    if (char === closer) depth++;
    else if (char === openerChar) {
      if (depth === 0) return index;
      depth--;
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
