import { createRequire } from 'node:module';
import type { PandocNode } from './pandoc.js';

const require = createRequire(import.meta.url);
// The package has no exports map, so ESM cannot name its language folders; its types describe this path.
const { hyphenateSync } = require('hyphen/en-gb') as typeof import('hyphen/en-gb.js');

/** Words of this many letters or more get break points; shorter ones justify well without. */
const shortest = 7;

/** Soft hyphens are inserted only into plain words (no digits, no inner punctuation such as a URL's). */
const plainWord = /^[A-Za-z\u00C0-\u024F]+[,.;:!?)’”]*$/;

const cache = new Map<string, string>();

function hyphenatedWord(word: string): string {
  let known = cache.get(word);
  if (known === undefined) {
    known = word.length >= shortest && plainWord.test(word) ? hyphenateSync(word, { minWordLength: shortest }) : word;
    cache.set(word, known);
  }
  return known;
}

/** Nodes whose text is never hyphenated: headings, links (often URLs), code, raw markup; and the cover. */
const kept = new Set(['Header', 'Link', 'Code', 'CodeBlock', 'RawBlock', 'RawInline', 'Math']);

/**
 * The blocks with soft hyphens (U+00AD) at the British English break
 * points of long words: justified text in Chromium without a hyphenation
 * dictionary (Debian's has none) otherwise sets loose lines. A soft hyphen
 * shows only where a line breaks.
 */
export function hyphenated<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => hyphenated(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const node = value as unknown as PandocNode;
  if (typeof node.t !== 'string') return value;
  if (kept.has(node.t)) return value;
  // The cover's title and tagline are display type, set ragged: never broken.
  if (node.t === 'Div' && ((node.c as [[string, string[]]])[0][1] ?? []).includes('cover')) return value;
  if (node.t === 'Str') return { t: 'Str', c: hyphenatedWord(node.c as string) } as T;
  return node.c === undefined ? value : ({ ...node, c: hyphenated(node.c) } as T);
}
