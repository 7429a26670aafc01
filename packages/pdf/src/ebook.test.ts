import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentJson, writeEbookSources } from './ebook.js';
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

describe('writeEbookSources', () => {
  /** The order things happen in: the EPUB's source announced, the DOCX's document made. */
  async function sourcesOf(document: PandocDocument): Promise<{ events: string[]; small: boolean | undefined; epubText: string }> {
    const work = await mkdtemp(path.join(os.tmpdir(), 'press-ebook-sources-'));
    try {
      const events: string[] = [];
      let small: boolean | undefined;
      let epubText = '';
      await writeEbookSources(
        {
          epub: () => document,
          docx: () => {
            events.push('docx made');
            return { document, contents: [] };
          },
        },
        work,
        (epub, isSmall) => {
          events.push('epub announced');
          small = isSmall;
          epubText = readFileSync(epub.file, 'utf8');
        },
      );
      return { events, small, epubText };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  it("announces a small book's EPUB source, written whole, before it makes the DOCX's: the two writers can overlap", async () => {
    const { events, small, epubText } = await sourcesOf(book);
    expect(events).toEqual(['epub announced', 'docx made']);
    expect(small).toBe(true);
    // Whole: its data: URL image moved to a media file, the rest as it was.
    expect(JSON.parse(epubText).blocks[0]).toEqual(book.blocks[0]);
  });

  it('says a large book is not small: its writers run one at a time', async () => {
    const words = 'word '.repeat((13 * 1024 * 1024) / 5);
    const large: PandocDocument = { ...book, blocks: [{ t: 'Para', c: [{ t: 'Str', c: words }] }] };
    expect((await sourcesOf(large)).small).toBe(false);
  });
});
