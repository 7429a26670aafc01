import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, toPublication, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineText, splitCode, highlightLines } from './code.js';
import { deckModel, elementHeight, type Deck } from './deck.js';
import { bodyBox, titleLines, layout } from './layout.js';

const modulesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../modules');

let publication: Publication;
let breaker: PatternModule;
let deck: Deck;

beforeAll(async () => {
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  publication = toPublication(collection);
  breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
  deck = deckModel(breaker, { library: publication.library, builtSlugs: new Set(['circuit-breaker']) });
});

describe('deckModel (circuit-breaker)', () => {
  it('opens with a title slide that says Review copy, then the learning outcomes', () => {
    expect(deck.slides[0]!.layout).toBe('title');
    expect(deck.badge).toMatch(/^Review copy/);
    expect(deck.footer).toContain('Review copy');
    expect(deck.meta).toEqual(expect.arrayContaining(['150 min', 'intermediate']));
    expect(deck.slides[1]!.kind).toBe('outcomes');
    const outcomes = deck.slides[1]!.elements.flatMap((element) => (element.kind === 'list' ? element.items.map((item) => item.runs.map((run) => run.text).join('')) : []));
    expect(outcomes).toEqual(breaker.outcomes.map((outcome) => outcome.text));
  });

  it('gives every block its sequence: hook, concept, code, analogy, practice, solution right after, reflection', () => {
    for (const block of breaker.blocks) {
      const slides = deck.slides.filter((slide) => slide.id.startsWith(`${block.id}-`));
      const kinds = slides.map((slide) => slide.kind);
      expect(kinds[0]).toBe('hook');
      const order = ['hook', 'concept', 'code', 'analogy', 'practice', 'solution', 'reflection'];
      expect([...new Set(kinds)]).toEqual(order);
      const lastPractice = kinds.lastIndexOf('practice');
      expect(kinds[lastPractice + 1]).toBe('solution');
      for (const slide of slides) expect(slide.notes).toContain(`${block.minutes} min`);
    }
  });

  it('puts each diagram on a slide of its own, in the block it belongs to', () => {
    for (const block of breaker.blocks) {
      const shown = deck.slides.filter((slide) => slide.id.startsWith(`${block.id}-`) && slide.layout === 'diagram').map((slide) => slide.diagram!.id);
      expect(shown).toEqual(block.diagrams.map((diagram) => diagram.id));
    }
    const challenge = deck.slides.filter((slide) => slide.id.startsWith('challenge') && slide.layout === 'diagram').map((slide) => slide.diagram!.id);
    expect(challenge).toEqual(breaker.challenge!.diagrams!.map((diagram) => diagram.id));
  });

  it('splits long code across slides without losing a line', () => {
    for (const block of breaker.blocks) {
      for (const example of block.code) {
        const slides = deck.slides.filter((slide) => slide.id === `${block.id}-code-${example.id}` || slide.id.startsWith(`${block.id}-code-${example.id}--`));
        const shown = slides.flatMap((slide) => slide.code!.lines.map(lineText)).filter((line) => line.trim() !== '');
        expect(shown).toEqual(example.source.split('\n').filter((line) => line.trim() !== ''));
        if (slides.length > 1) expect(slides.map((slide) => slide.title).at(-1)).toContain(`(${slides.length}/${slides.length})`);
      }
    }
  });

  it('keeps the concept as short points on the slide and the prose in the notes', () => {
    const concept = deck.slides.find((slide) => slide.id === 'cascade-concept')!;
    const shown = JSON.stringify(concept.elements);
    expect(shown).toContain('A failure travels ');
    expect(shown).not.toContain('A dependency that fails fast is cheap');
    expect(concept.notes).toContain('A dependency that fails fast is cheap');
  });

  it('estimates every text slide within its body box', () => {
    for (const slide of deck.slides.filter((s) => s.layout === 'text' || s.layout === 'hook')) {
      const used = slide.elements.reduce((sum, element) => sum + elementHeight(element, slide.layout === 'hook'), 0);
      expect(used, slide.id).toBeLessThanOrEqual(bodyBox(titleLines(slide.title)).height - layout.safety);
    }
  });

  it('ends with the integration challenge, its solution and a summary; ids are unique', () => {
    const kinds = deck.slides.map((slide) => slide.kind);
    expect(kinds.indexOf('challenge')).toBeGreaterThan(kinds.lastIndexOf('reflection'));
    expect(kinds.lastIndexOf('solution')).toBeGreaterThan(kinds.indexOf('challenge'));
    expect(kinds.at(-1)).toBe('summary');
    expect(new Set(deck.slides.map((slide) => slide.id)).size).toBe(deck.slides.length);
    expect(deckModel(breaker, { library: publication.library })).toEqual(deckModel(breaker, { library: publication.library }));
  });

  it('resolves citations from the library and leaves no [@id] on a slide', () => {
    const text = JSON.stringify(deck.slides.map((slide) => [slide.elements, slide.table, slide.notes]));
    expect(text).not.toMatch(/\[@/);
    expect(text).toContain('Nygard 2018');
  });
});

describe('deckModel (edge cases)', () => {
  it('a published module has no review badge', () => {
    const published = deckModel({ ...breaker, status: 'published' });
    expect(published.badge).toBeUndefined();
    expect(published.footer).not.toContain('Review');
  });

  it('a code line longer than the box wraps, and a listing taller than any slide is split, never cut', () => {
    const source = Array.from({ length: 130 }, (_, index) => (index === 7 ? `x = "${'y'.repeat(400)}"` : `value_${index} = ${index}`)).join('\n');
    const chunks = splitCode(highlightLines(source, 'python'), 20);
    expect(chunks.length).toBeGreaterThan(6);
    expect(chunks.flat().map(lineText)).toEqual(source.split('\n'));
  });
});
