import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, toPublication, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeRows, lineText, splitCode, highlightLines } from './code.js';
import { firstSentence } from './content.js';
import { deckModel, elementHeight, withDiagramParts, type Deck } from './deck.js';
import { bodyBox, titleLines, layout } from './layout.js';

const modulesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../modules');

let publication: Publication;
let breaker: PatternModule;
let deck: Deck;
/** Every module's deck, made once for the tests that look at all of them. */
let everyDeck: Array<{ slug: string; module: PatternModule; deck: Deck }>;

beforeAll(async () => {
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  publication = toPublication(collection);
  breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
  deck = deckModel(breaker, { library: publication.library, builtSlugs: new Set(['circuit-breaker']) });
  everyDeck = publication.modules.filter((m) => m.blocks.length > 0).map((module) => ({ slug: module.slug, module, deck: deckModel(module, { library: publication.library }) }));
});

describe('deckModel (circuit-breaker)', () => {
  it('opens with a title slide that says Review copy, then the learning outcomes', () => {
    expect(deck.slides[0]!.layout).toBe('title');
    expect(deck.badge).toMatch(/^Review copy/);
    expect(deck.footer).toContain('Review copy');
    expect(deck.meta).toEqual(expect.arrayContaining(['220 min', 'intermediate']));
    expect(deck.slides[1]!.kind).toBe('outcomes');
    const outcomes = deck.slides[1]!.elements.flatMap((element) => (element.kind === 'list' ? element.items.map((item) => item.runs.map((run) => run.text).join('')) : []));
    expect(outcomes).toEqual(breaker.outcomes.map((outcome) => outcome.text));
  });

  it('gives every block its sequence: a section slide, hook, concept, code, analogy, practice, solution right after, reflection', () => {
    for (const block of breaker.blocks) {
      const slides = deck.slides.filter((slide) => slide.id.startsWith(`${block.id}-`));
      const kinds = slides.map((slide) => slide.kind);
      expect(kinds[0]).toBe('section');
      expect(slides[0]!.title).toBe(block.title);
      expect(deck.sections.map((section) => deck.slides[section.slide]!.id)).toContain(slides[0]!.id);
      const order = ['section', 'hook', 'concept', 'code', 'analogy', 'practice', 'solution', 'reflection'];
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
        for (const [index, slide] of slides.entries()) {
          expect(
            slide.code!.lines.reduce((sum, line) => sum + codeRows(line), 0),
            slide.id,
          ).toBeLessThanOrEqual(layout.code.stretchLines);
          if (index > 0) expect(slide.title).toMatch(/\(continued\)$/);
          if (slides.length > 1) expect(slide.notes).toContain('Full listing');
        }
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

describe('deckModel: what the audience reads', () => {
  const textOf = (d: Deck) => JSON.stringify(d.slides.map((slide) => [slide.title, slide.elements, slide.table]));

  it("never cuts an author's sentence: no ellipsis the source does not have", () => {
    for (const { slug, module, deck: d } of everyDeck) {
      const source = JSON.stringify(module).replace(/\.\.\./g, '…');
      expect((textOf(d).match(/…/g) ?? []).length, slug).toBeLessThanOrEqual((source.match(/…/g) ?? []).length);
    }
    const long = [
      {
        text: 'A sentence that goes on well past the old limit of one hundred and seventy characters, with clause after clause, each one adding a detail the speaker wants the room to see, and the circuit still closing at the end.',
      },
    ];
    expect(firstSentence(long)[0]!.text).toBe(long[0]!.text);
  });

  it('shows an introductory line above the items it introduces, not as one of them', () => {
    const said = (element: { kind: string; runs?: { text: string }[] }) => element.kind === 'paragraph' && element.runs!.map((run) => run.text).join('') === 'In this state:';
    const slide = deck.slides.find((s) => s.elements.some(said));
    expect(slide, 'a slide with "In this state:"').toBeDefined();
    const at = slide!.elements.findIndex(said);
    expect(slide!.elements[at + 1]?.kind).toBe('list');
  });

  it('makes no slide of a single bullet and no needless continuation', () => {
    for (const { slug, deck: d } of everyDeck) {
      const module = { slug };
      for (const [index, slide] of d.slides.entries()) {
        const lists = slide.elements.filter((element) => element.kind === 'list');
        if (slide.elements.length === 1 && lists[0]?.kind === 'list') expect(lists[0].items.length, `${module.slug}#${slide.id}`).toBeGreaterThan(1);
        // A continuation exists only because the two slides' text would not fit on one.
        const before = d.slides[index - 1];
        if (slide.layout === 'text' && before?.layout === 'text' && slide.title === `${before.title.replace(/ \(continued\)$/, '')} (continued)`) {
          const used = [...before.elements, ...slide.elements].reduce((sum, element) => sum + elementHeight(element), 0);
          expect(used, `${module.slug}#${slide.id}`).toBeGreaterThan(bodyBox(titleLines(before.title)).height - layout.safety);
        }
      }
    }
  });

  it("uses the handbook's typography: curly quotes and apostrophes, never in code", () => {
    const hook = deck.slides.find((slide) => slide.kind === 'hook')!;
    const text = JSON.stringify(hook.elements);
    expect(text).toContain('“stuck”');
    expect(text).not.toContain('\\"stuck\\"');
    const code = deck.slides.filter((slide) => slide.code).flatMap((slide) => slide.code!.lines.map(lineText));
    expect(code.join('\n')).not.toMatch(/[“”‘’]/);
  });

  it("shows the author's slide text where they wrote one: their points on the slide, the concept in the notes, the diagrams kept, steps when asked", () => {
    const block = breaker.blocks[0]!;
    const markdown = '### Why one hung call spreads\n\n- Waiting holds a thread\n- Pools run dry in seconds\n\n### Three defences\n\n- Timeouts\n- Isolation\n- The circuit breaker';
    const authored = { ...breaker, blocks: [{ ...block, slides: { markdown, steps: true } }, ...breaker.blocks.slice(1)] };
    const d = deckModel(authored, { library: publication.library });
    const concept = d.slides.filter((slide) => slide.kind === 'concept' && slide.id.startsWith(`${block.id}-`));
    const text = concept.filter((slide) => slide.layout === 'text');
    expect(text.map((slide) => slide.title)).toEqual(['Why one hung call spreads', 'Three defences']);
    expect(text[0]!.elements).toEqual([
      {
        kind: 'list',
        items: [
          { runs: [{ text: 'Waiting holds a thread' }], level: 0, marker: '' },
          { runs: [{ text: 'Pools run dry in seconds' }], level: 0, marker: '' },
        ],
      },
    ]);
    expect(text.every((slide) => slide.steps === true)).toBe(true);
    expect(text.map((slide) => slide.notes).join('\n')).toContain('A dependency that fails fast is cheap');
    expect(concept.filter((slide) => slide.layout === 'diagram').map((slide) => slide.diagram!.id)).toEqual(block.diagrams.map((diagram) => diagram.id));
    // Steps only where an author asked for them.
    const asked = breaker.blocks.filter((b) => b.slides?.steps).map((b) => `${b.id}-`);
    expect(deck.slides.filter((slide) => slide.steps).every((slide) => asked.some((prefix) => slide.id.startsWith(prefix)))).toBe(true);
    expect(deckModel({ ...breaker, blocks: breaker.blocks.map(({ slides: _, ...rest }) => rest) }).slides.some((slide) => slide.steps)).toBe(false);
  });

  it('shows a diagram cut into bands on consecutive slides, the later ones continued, sections moved along', () => {
    const id = deck.slides.find((slide) => slide.diagram)!.diagram!.id;
    const parted = withDiagramParts(deck, new Map([[id, 3]]));
    expect(parted.slides).toHaveLength(deck.slides.length + 2);
    const shown = parted.slides.filter((slide) => slide.diagram?.id === id);
    expect(shown.map((slide) => slide.diagram!.part)).toEqual([0, 1, 2].map((index) => ({ index, of: 3 })));
    expect(shown[2]!.title).toMatch(/\(continued\)$/);
    expect(parted.sections.map((section) => parted.slides[section.slide]!.id)).toEqual(deck.sections.map((section) => deck.slides[section.slide]!.id));
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

  it('cuts code only between statements: never after `try {`, inside a call or a docstring', () => {
    const js = [
      'function a() {',
      ...Array.from({ length: 6 }, (_, i) => `  step${i}();`),
      '  try {',
      ...Array.from({ length: 6 }, (_, i) => `    risky${i}();`),
      '  } catch (error) {',
      '    log(error);',
      '  }',
      '}',
      '',
      'call(',
      '  1,',
      '  2,',
      ')',
    ].join('\n');
    for (const chunk of splitCode(highlightLines(js, 'javascript'), 10)) expect(lineText(chunk.at(-1)!)).not.toMatch(/[{(,]$/);
    const quote = '"""';
    const py = ['class A:', `    ${quote}Doc`, ...Array.from({ length: 12 }, (_, i) => `    line ${i}`), `    ${quote}`, '', '    def f(self):', '        return 1'].join('\n');
    expect(splitCode(highlightLines(py, 'python'), 10, 18)[0]!.map(lineText)).toContain(`    ${quote}`);
  });
});
