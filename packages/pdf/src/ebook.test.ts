import { describe, expect, it } from 'vitest';
import { documentJson } from './ebook.js';
import type { PandocDocument } from './pandoc.js';

const book: PandocDocument = {
  'pandoc-api-version': [1, 22, 2, 1],
  meta: { title: { t: 'MetaInlines', c: [{ t: 'Str', c: 'Résumé “quoted” \u2028' }] } },
  blocks: [
    { t: 'Header', c: [1, ['ch', ['chapter'], [['data-n', '1']]], [{ t: 'Str', c: 'One' }]] },
    { t: 'Para', c: [{ t: 'Image', c: [['', [], []], [], ['data:image/png;base64,AAAA', '']] }] },
    { t: 'HorizontalRule' },
  ],
};

describe('documentJson', () => {
  it('is JSON.stringify of the document, in pieces no larger than a block', () => {
    const pieces = [...documentJson(book)];
    expect(pieces.join('')).toBe(JSON.stringify(book));
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(Math.max(...book.blocks.map((block) => JSON.stringify(block).length)) + 1);
  });

  it('passes each block through the given function, and keeps empty documents valid', () => {
    const marked = [...documentJson(book, (node) => ({ ...node, seen: true }))].join('');
    expect(JSON.parse(marked)).toEqual({ ...book, blocks: book.blocks.map((node) => ({ ...node, seen: true })) });
    const empty = { 'pandoc-api-version': [1, 22], meta: {}, blocks: [] };
    expect([...documentJson(empty)].join('')).toBe(JSON.stringify(empty));
  });
});
