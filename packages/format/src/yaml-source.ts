import { report, type Place } from '@pattern-press/diagnostics';
import type { VFile } from 'vfile';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
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
export function parseYamlSource(
  file: VFile,
  text: string,
  origin: YamlOrigin = wholeFile,
  pointerBase = '',
  pointers = new PointerMap(),
): YamlSource | undefined {
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
    value = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // The yaml package throws for alias bombs and similar; that is bad content, not a bug.
    report(file, 'yaml-syntax', firstLine((error as Error).message), { place: toPlace(0) });
    return undefined;
  }
  pointers.set(pointerBase, { value: toPlace(document.contents?.range?.[0] ?? 0) });
  recordPlaces(document.contents, pointerBase, pointers, toPlace);
  return { value, pointers };
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
