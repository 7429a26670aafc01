import { createHash } from 'node:crypto';
import { citationsToText, blockPartLabel } from '@pattern-press/format';
import { moduleDiagrams } from '@pattern-press/render';
import type { Block, PatternModule, ResourceLibrary } from '@pattern-press/schema';
import { highlightLines, splitCode, type CodeLine } from './code.js';
import { elementsText, firstSentence, markdownElements, runsLines, runsText, smartText, type Element, type InlineContext, type ListItem, type Run } from './content.js';
import { bodyBox, bodyWidth, layout, textWidth, titleLines, wrappedLines } from './layout.js';

export type SlideKind = 'title' | 'section' | 'outcomes' | 'hook' | 'concept' | 'code' | 'analogy' | 'practice' | 'solution' | 'reflection' | 'challenge' | 'summary';

/** How a slide is laid out: the deck's title, a block's section opener, text points, a large hook, one table, one code listing, one diagram. */
export type SlideLayout = 'title' | 'section' | 'text' | 'hook' | 'table' | 'code' | 'diagram';

export interface TableModel {
  align: Array<'left' | 'right' | 'center' | null>;
  header: Run[][];
  rows: Run[][][];
  /** Column widths in px, adding up to the body width. */
  widths: number[];
}

export interface Slide {
  /** Stable and unique within the deck. */
  id: string;
  kind: SlideKind;
  layout: SlideLayout;
  kicker: string;
  title: string;
  elements: Element[];
  table?: TableModel;
  code?: { language: string; lines: CodeLine[] };
  /** A diagram; `part` when a drawing taller than a slide is shown in bands, one a slide. */
  diagram?: { id: string; source: string; alt: string; part?: { index: number; of: number } };
  /** Speaker notes, plain text; every block's slides start with its timing guide. */
  notes: string;
  /** The author asked for the points to appear one at a time (`:::slides{steps=true}`). */
  steps?: true;
}

/** A bookmark of the deck's PDF: a section's title and the index of its first slide. */
export interface DeckSection {
  title: string;
  slide: number;
}

export interface Deck {
  slug: string;
  title: string;
  tagline: string;
  /** Shown on the title slide under the tagline. */
  meta: string[];
  /** "Review copy" (with the status) when the module is not published. */
  badge?: string;
  footer: string;
  /** Author ids, as the module lists them (the PDF's Author). */
  authors: string[];
  slides: Slide[];
  /** One per part of the session: the opening, each focus block, the challenge, the summary. */
  sections: DeckSection[];
}

export interface DeckOptions {
  library?: ResourceLibrary;
  /** Modules that have decks of their own: links to them point at their deck. */
  builtSlugs?: ReadonlySet<string>;
}

function clock(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function linkWith(builtSlugs: ReadonlySet<string> | undefined): (href: string) => string | undefined {
  return (href) => {
    if (/^(https?:|mailto:)/i.test(href)) return href;
    const module = /^\.\.\/([a-z0-9-]+)\/module\.md(?:#.*)?$/.exec(href)?.[1];
    if (module && builtSlugs?.has(module)) return `../${module}/index.html`;
    return undefined;
  };
}

// ---- heights -------------------------------------------------------------------------

function itemHeight(item: ListItem, size: number, lineHeight: number): number {
  const indent = layout.text.indent * (item.level + 1);
  return runsLines(item.runs, bodyWidth - indent, size) * lineHeight + layout.text.itemGap;
}

/** Estimated height of a text element in px. */
export function elementHeight(element: Element, hook = false): number {
  const { size, lineHeight } = hook ? layout.hook : layout.text;
  switch (element.kind) {
    case 'heading':
      return wrappedLines(runsText(element.runs), bodyWidth, layout.subheading.size, { bold: true }) * layout.subheading.lineHeight + layout.subheading.gap;
    case 'paragraph':
      return runsLines(element.runs, bodyWidth, size) * lineHeight + layout.text.paragraphGap;
    case 'list':
      return element.items.reduce((sum, item) => sum + itemHeight(item, size, lineHeight), 0) + layout.text.paragraphGap;
    default:
      return Infinity;
  }
}

function budget(title: string): number {
  return bodyBox(titleLines(title)).height - layout.safety;
}

// ---- text pagination ------------------------------------------------------------------

interface Unit {
  shown: Element;
  /** What the notes say for it (the whole paragraph behind a point). */
  said: Element;
}

function splitSentences(runs: readonly Run[]): Run[][] {
  const out: Run[][] = [];
  let rest = [...runs];
  while (rest.length > 0) {
    const head = firstSentence(rest);
    const length = runsText(head).length;
    out.push(head);
    let skip = length;
    const next: Run[] = [];
    for (const run of rest) {
      if (skip >= run.text.length) skip -= run.text.length;
      else {
        next.push({ ...run, text: run.text.slice(skip) });
        skip = 0;
      }
    }
    if (next.length > 0) next[0]!.text = next[0]!.text.replace(/^\s+/, '');
    rest = next.filter((run) => run.text !== '');
    if (length === 0) break;
  }
  return out;
}

/** A paragraph that introduces what follows it ("In this state:"): it stays with the next unit. */
function introduces(unit: Unit): boolean {
  return unit.shown.kind === 'paragraph' && /:\s*$/.test(runsText(unit.shown.runs));
}

/**
 * Cuts units into pages that fit under `title`: a page is closed only when
 * the next unit does not fit, an introductory line moves with what it
 * introduces, and a last page of one point takes a neighbour from the page before.
 */
function paginate(units: readonly Unit[], title: string, hook: boolean): Unit[][] {
  const limit = budget(title);
  const heights = new Map<Unit, number>();
  const height = (unit: Unit) => {
    let known = heights.get(unit);
    if (known === undefined) heights.set(unit, (known = elementHeight(unit.shown, hook)));
    return known;
  };
  // Items of one list share its bottom gap: a page is as tall as its merged elements.
  const pageHeight = (page: readonly Unit[]) =>
    page.reduce((sum, unit, index) => sum + height(unit) - (index > 0 && unit.shown.kind === 'list' && page[index - 1]!.shown.kind === 'list' ? layout.text.paragraphGap : 0), 0);
  const expanded: Unit[] = [];
  for (const unit of units) {
    if (unit.shown.kind === 'paragraph' && height(unit) > limit) {
      for (const sentence of splitSentences(unit.shown.runs)) expanded.push({ shown: { kind: 'paragraph', runs: sentence }, said: { kind: 'paragraph', runs: sentence } });
    } else expanded.push(unit);
  }
  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let used = 0;
  for (const unit of expanded) {
    const shared = page.length > 0 && unit.shown.kind === 'list' && page.at(-1)!.shown.kind === 'list' ? layout.text.paragraphGap : 0;
    if (page.length > 0 && used + height(unit) - shared > limit) {
      const carried: Unit[] = [];
      while (page.length > 1 && introduces(page.at(-1)!)) carried.unshift(page.pop()!);
      pages.push(page);
      page = carried;
      used = pageHeight(page);
      page.push(unit);
      used = pageHeight(page);
      continue;
    }
    page.push(unit);
    used += height(unit) - shared;
  }
  if (page.length > 0) pages.push(page);
  const last = pages.at(-1);
  const before = pages.at(-2);
  if (last && before && last.length === 1 && before.length > 2 && pageHeight([before.at(-1)!, ...last]) <= limit) last.unshift(before.pop()!);
  return pages;
}

function mergeLists(elements: readonly Element[], statement = true): Element[] {
  const out: Element[] = [];
  for (const element of elements) {
    const last = out.at(-1);
    if (element.kind === 'list' && last?.kind === 'list') last.items.push(...element.items);
    else out.push(element.kind === 'list' ? { kind: 'list', items: [...element.items] } : element);
  }
  // A slide of one point is a statement, not a list.
  const only = out[0];
  if (statement && out.length === 1 && only?.kind === 'list' && only.items.length === 1 && only.items[0]!.level === 0 && only.items[0]!.marker === '')
    return [{ kind: 'paragraph', runs: only.items[0]!.runs }];
  return out;
}

function toUnits(element: Element, points: boolean, next: Element | undefined): Unit[] {
  if (element.kind === 'list') {
    return element.items.map((item) => ({
      shown: { kind: 'list', items: [points ? { ...item, runs: firstSentence(item.runs) } : item] },
      said: { kind: 'list', items: [item] },
    }));
  }
  if (element.kind === 'paragraph' && points) {
    // An introductory line is shown as it is written, above the items it introduces, not as one of them.
    if (next?.kind === 'list' && /:\s*$/.test(runsText(element.runs))) return [{ shown: element, said: element }];
    return [{ shown: { kind: 'list', items: [{ runs: firstSentence(element.runs), level: 0, marker: '' }] }, said: element }];
  }
  return [{ shown: element, said: element }];
}

// ---- tables ---------------------------------------------------------------------------

function cellWidth(runs: readonly Run[], header: boolean): { word: number; whole: number } {
  const { size } = layout.table;
  const style = { bold: header };
  const words = runs.flatMap((run) =>
    run.text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => textWidth(word, run.code ? size * 0.85 : size, { ...style, mono: run.code === true })),
  );
  return { word: Math.max(0, ...words), whole: textWidth(runsText(runs), size, style) };
}

/**
 * Column widths in px adding up to the body width: every column at least as
 * wide as its longest word (a word is never broken inside a cell), the rest
 * shared by how much text each column holds.
 */
function columnWidths(header: Run[][], rows: Run[][][]): number[] {
  const count = Math.max(header.length, ...rows.map((row) => row.length));
  const pad = 2 * layout.table.cellPadX + 4;
  const measured = Array.from({ length: count }, (_, column) => [header, ...rows].map((row, index) => cellWidth(row[column] ?? [], index === 0 && row === header)));
  const least = measured.map((cells) => Math.ceil(Math.max(...cells.map((cell) => cell.word))) + pad);
  const want = measured.map((cells, column) => Math.max(least[column]!, Math.min(520, Math.max(...cells.map((cell) => cell.whole))) + pad));
  const floor = least.reduce((a, b) => a + b, 0);
  const spare = bodyWidth - floor;
  const extra = want.reduce((sum, w, column) => sum + (w - least[column]!), 0);
  const widths = spare <= 0 ? least.map((w) => Math.floor((w * bodyWidth) / floor)) : least.map((w, column) => Math.floor(w + (extra > 0 ? (spare * (want[column]! - w)) / extra : spare / count)));
  widths[widths.length - 1]! += bodyWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function rowHeight(row: Run[][], widths: readonly number[]): number {
  const { size, lineHeight, cellPadX, cellPadY } = layout.table;
  const lines = Math.max(1, ...row.map((cell, column) => runsLines(cell, widths[column]! - 2 * cellPadX, size)));
  return lines * lineHeight + 2 * cellPadY + 1;
}

function tablePages(element: Extract<Element, { kind: 'table' }>, title: string): TableModel[] {
  const widths = columnWidths(element.header, element.rows);
  const limit = budget(`${title} (continued)`) - rowHeight(element.header, widths);
  const pages: TableModel[] = [];
  let rows: Run[][][] = [];
  let used = 0;
  for (const row of element.rows) {
    const height = rowHeight(row, widths);
    if (rows.length > 0 && used + height > limit) {
      pages.push({ align: element.align, header: element.header, rows, widths });
      rows = [];
      used = 0;
    }
    rows.push(row);
    used += height;
  }
  pages.push({ align: element.align, header: element.header, rows, widths });
  return pages;
}

// ---- the deck -------------------------------------------------------------------------

interface Section {
  idPrefix: string;
  kind: SlideKind;
  kicker: string;
  title: string;
  /** Timing guide and other lines every slide of the section starts its notes with. */
  notes: string;
  /** Points (first sentences, prose in the notes) or the full text. */
  points: boolean;
  /** More notes for the slide titled `title` (the concept's prose behind an author's points). */
  moreNotes?: (title: string) => string;
  steps?: boolean;
}

const continued = (title: string) => `${title} (continued)`;

class DeckBuilder {
  readonly slides: Slide[] = [];
  readonly sections: DeckSection[] = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly diagramIds: ReadonlyMap<string, string>) {}

  push(slide: Omit<Slide, 'id'>, idPrefix: string): void {
    const count = (this.counts.get(idPrefix) ?? 0) + 1;
    this.counts.set(idPrefix, count);
    this.slides.push({ ...slide, id: count === 1 ? idPrefix : `${idPrefix}--${count}` });
  }

  /** The next slide starts a section of the session (a bookmark in the PDF). */
  section(title: string): void {
    this.sections.push({ title, slide: this.slides.length });
  }

  diagramId(source: string): string {
    return this.diagramIds.get(source) ?? `d-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`;
  }

  /** Slides for a part: text pages, with each table, code listing and diagram on slides of its own, in order. */
  part(elements: readonly Element[], section: Section): void {
    let title = section.title;
    let units: Unit[] = [];
    let more = true;
    const flush = () => {
      if (units.length === 0) return;
      const pages = paginate(units, continued(title), section.kind === 'hook');
      pages.forEach((page, index) => {
        const said = elementsText(page.map((unit) => unit.said));
        const shown = mergeLists(page.map((unit) => unit.shown));
        const extra = more && index === 0 ? (section.moreNotes?.(title) ?? '') : '';
        this.push(
          {
            kind: section.kind,
            layout: section.kind === 'hook' ? 'hook' : 'text',
            kicker: section.kicker,
            title: index > 0 ? continued(title) : title,
            elements: shown,
            notes: [section.notes, said, extra].filter(Boolean).join('\n\n'),
            ...(section.steps && shown.some((element) => element.kind === 'list') ? { steps: true as const } : {}),
          },
          section.idPrefix,
        );
      });
      more = false;
      units = [];
    };
    elements.forEach((element, index) => {
      if (element.kind === 'heading') {
        flush();
        title = runsText(element.runs);
        more = true;
      } else if (element.kind === 'diagram') {
        flush();
        this.push(
          {
            kind: section.kind,
            layout: 'diagram',
            kicker: section.kicker,
            title,
            elements: [],
            diagram: { id: this.diagramId(element.source), source: element.source, alt: `${element.source.split(/\s/)[0]} diagram: ${title}` },
            notes: section.notes,
          },
          section.idPrefix,
        );
      } else if (element.kind === 'table') {
        flush();
        const pages = tablePages(element, title);
        pages.forEach((table, page) =>
          this.push(
            {
              kind: section.kind,
              layout: 'table',
              kicker: section.kicker,
              title: page > 0 ? continued(title) : title,
              elements: [],
              table,
              notes: [section.notes, elementsText([{ kind: 'table', align: table.align, header: table.header, rows: table.rows }])].join('\n\n'),
            },
            section.idPrefix,
          ),
        );
      } else if (element.kind === 'code') {
        flush();
        this.code(element.source, element.language, { ...section, title }, '', title);
      } else {
        units.push(...toUnits(element, section.points, elements[index + 1]));
      }
    });
    flush();
  }

  /** A listing on slides of at most `layout.code.maxLines` rows, cut only between statements; `where` names it in the handout. */
  code(source: string, language: string, section: Section, caption: string, where: string): void {
    const fits = Math.floor((budget(continued(section.title)) - 2 * layout.code.pad) / layout.code.lineHeight);
    const chunks = splitCode(highlightLines(source, language), Math.min(layout.code.maxLines, fits), Math.min(layout.code.stretchLines, fits));
    const handout = `Full listing: ${where} in the handbook.`;
    chunks.forEach((lines, index) => {
      this.push(
        {
          kind: 'code',
          layout: 'code',
          kicker: section.kicker,
          title: index > 0 ? continued(section.title) : section.title,
          elements: [],
          code: { language, lines },
          notes: [section.notes, index === 0 ? caption : `Listing continued (${index + 1} of ${chunks.length}).`, chunks.length > 1 ? handout : ''].filter(Boolean).join('\n\n'),
        },
        section.idPrefix,
      );
    });
  }
}

/** The name of the drawing a diagram slide shows: the diagram's id, with the band's number when it is cut. */
export function diagramKey(diagram: NonNullable<Slide['diagram']>): string {
  return diagram.part && diagram.part.of > 1 ? `${diagram.id}-${diagram.part.index + 1}` : diagram.id;
}

/**
 * The deck with each diagram of `parts` shown on that many slides (a drawing
 * too tall to show its labels at their size, cut between its rows), the later
 * ones titled "continued", and the sections' first slides moved along.
 */
export function withDiagramParts(deck: Deck, parts: ReadonlyMap<string, number>): Deck {
  const slides: Slide[] = [];
  const moved = new Map<number, number>();
  deck.slides.forEach((slide, index) => {
    moved.set(index, slides.length);
    const count = slide.diagram ? (parts.get(slide.diagram.id) ?? 1) : 1;
    if (count <= 1) {
      slides.push(slide);
      return;
    }
    for (let part = 0; part < count; part++) {
      slides.push({
        ...slide,
        id: part === 0 ? slide.id : `${slide.id}-part${part + 1}`,
        title: part === 0 ? slide.title : continued(slide.title),
        diagram: { ...slide.diagram!, part: { index: part, of: count } },
        notes:
          part === 0
            ? slide.notes
            : `${slide.notes}

Diagram continued (${part + 1} of ${count}).`,
      });
    }
  });
  return { ...deck, slides, sections: deck.sections.map((section) => ({ ...section, slide: moved.get(section.slide) ?? section.slide })) };
}

/** The concept's text by heading (the text before the first heading under `first`), for the notes behind an author's slides. */
function textByHeading(elements: readonly Element[], first: string): Array<{ title: string; text: string }> {
  const out: Array<{ title: string; elements: Element[] }> = [{ title: first, elements: [] }];
  for (const element of elements) {
    if (element.kind === 'heading') out.push({ title: runsText(element.runs), elements: [] });
    else out.at(-1)!.elements.push(element);
  }
  return out.map((part) => ({ title: part.title, text: elementsText(part.elements) })).filter((part) => part.text !== '');
}

function blockSlides(builder: DeckBuilder, block: Block, index: number, count: number, start: number, module: PatternModule, context: InlineContext): void {
  const kicker = `Block ${index + 1} of ${count} · ${block.title}`;
  const timing = `Timing: block ${index + 1} of ${count}, "${block.title}", ${block.minutes} min (from ${clock(start)} to ${clock(start + block.minutes)} of ${clock(module.duration)}).`;
  const steps = block.slides?.steps === true;
  const section = (kind: SlideKind, what: string, points = false): Section => ({
    idPrefix: `${block.id}-${kind}`,
    kind,
    kicker: `${kicker} · ${what}`,
    title: block.title,
    notes: timing,
    points,
    steps,
  });
  const parse = (markdown: string) => markdownElements(markdown, context);

  builder.section(`${index + 1}. ${block.title}`);
  builder.push(
    {
      kind: 'section',
      layout: 'section',
      kicker: `Block ${index + 1} of ${count}`,
      title: block.title,
      elements: [{ kind: 'paragraph', runs: [{ text: `${block.minutes} min · ${clock(start)}–${clock(start + block.minutes)} of ${clock(module.duration)}` }] }],
      notes: timing,
    },
    `${block.id}-section`,
  );
  if (block.hook)
    builder.part(parse(block.hook.markdown), { ...section('hook', blockPartLabel('hook')), notes: `${timing}\nOpen the block with this question; let the room answer before moving on.` });
  const concept = block.concept ? parse(block.concept.markdown) : [];
  const authored = block.slides && block.slides.markdown.trim() !== '' ? parse(block.slides.markdown) : undefined;
  if (authored) {
    // The author wrote what the slides say: the concept's prose goes to the notes of the slide with its heading; the rest to the first.
    const untitled = authored[0] !== undefined && authored[0].kind !== 'heading';
    const titles = new Set([...(untitled ? [block.title] : []), ...authored.flatMap((element) => (element.kind === 'heading' ? [runsText(element.runs)] : []))]);
    const prose = textByHeading(concept, block.title);
    let first = true;
    const moreNotes = (title: string) => {
      const mine = prose.filter((part) => part.title === title || (first && !titles.has(part.title)));
      first = false;
      return mine.map((part) => part.text).join('\n\n');
    };
    builder.part(authored, { ...section('concept', blockPartLabel('concept')), moreNotes });
    // Its diagrams, tables and code keep their slides.
    builder.part(
      concept.filter((element) => element.kind !== 'paragraph' && element.kind !== 'list'),
      section('concept', blockPartLabel('concept')),
    );
  } else if (concept.length > 0) builder.part(concept, section('concept', blockPartLabel('concept'), true));
  for (const example of block.code) {
    const caption = example.caption ? parse(example.caption) : [];
    const heading = caption[0]?.kind === 'heading' ? runsText(caption[0].runs) : undefined;
    const file = example.file ?? example.id;
    builder.code(
      example.source,
      example.language,
      { ...section('code', blockPartLabel('code')), idPrefix: `${block.id}-code-${example.id}`, title: heading ? `${heading}: ${file}` : file },
      [`Code: ${file} (${example.language})`, elementsText(caption)].filter(Boolean).join('\n\n'),
      `${file}, block ${index + 1} “${block.title}”`,
    );
  }
  if (block.analogy) builder.part(parse(block.analogy.markdown), { ...section('analogy', blockPartLabel('analogy')), title: blockPartLabel('analogy') });
  if (block.practice) {
    builder.part(parse(block.practice.prompt.markdown), { ...section('practice', blockPartLabel('practice')), title: blockPartLabel('practice') });
    if (block.practice.solution) builder.part(parse(block.practice.solution.markdown), { ...section('solution', blockPartLabel('solution')), title: blockPartLabel('solution') });
  }
  if (block.reflection) builder.part(parse(block.reflection.markdown), { ...section('reflection', blockPartLabel('reflection')), title: blockPartLabel('reflection') });
}

/** The slides a module's document implies, in teaching order. Pure: the same module gives the same deck. */
export function deckModel(module: PatternModule, options: DeckOptions = {}): Deck {
  const context: InlineContext = { cite: (text) => citationsToText(text, options.library), link: linkWith(options.builtSlugs) };
  const diagramIds = new Map<string, string>();
  for (const diagram of moduleDiagrams(module)) diagramIds.set(diagram.source, diagram.id);
  const builder = new DeckBuilder(diagramIds);
  const published = module.status === 'published';
  const badge = published ? undefined : `Review copy (status: ${module.status})`;
  const challengeMinutes = module.challenge?.minutes ?? 0;
  const overview = `Timing: ${module.duration} min in total: ${module.blocks.length} blocks${module.challenge ? ` and a ${challengeMinutes}-min integration challenge` : ''}.`;

  builder.section(module.title);
  builder.push(
    {
      kind: 'title',
      layout: 'title',
      kicker: module.category,
      title: module.title,
      elements: [],
      notes: [
        overview,
        module.blocks.map((block) => `- ${block.title}: ${block.minutes} min`).join('\n') + (module.challenge ? `\n- ${module.challenge.title}: ${challengeMinutes} min` : ''),
        module.prerequisites.length > 0 ? `Prerequisites: ${module.prerequisites.join('; ')}.` : '',
        badge ? `${badge}: not yet published.` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    'title',
  );
  if (module.outcomes.length > 0) {
    builder.part([{ kind: 'list', items: module.outcomes.map((outcome) => ({ runs: [{ text: smartText(outcome.text) }], level: 0, marker: '' })) }], {
      idPrefix: 'outcomes',
      kind: 'outcomes',
      kicker: `${module.title} · ${module.duration} min`,
      title: 'By the end of this module you can',
      notes: overview,
      points: false,
    });
  }
  let start = 0;
  module.blocks.forEach((block, index) => {
    blockSlides(builder, block, index, module.blocks.length, start, module, context);
    start += block.minutes;
  });
  if (module.challenge) {
    const challenge = module.challenge;
    const timing = `Timing: integration challenge, ${challenge.minutes} min (from ${clock(start)} to ${clock(start + challenge.minutes)} of ${clock(module.duration)}).`;
    const kicker = `Integration challenge · ${challenge.minutes} min`;
    builder.section(`Integration challenge: ${challenge.title}`);
    builder.push(
      {
        kind: 'section',
        layout: 'section',
        kicker: 'Integration challenge',
        title: challenge.title,
        elements: [{ kind: 'paragraph', runs: [{ text: `${challenge.minutes} min · ${clock(start)}–${clock(start + challenge.minutes)} of ${clock(module.duration)}` }] }],
        notes: timing,
      },
      'challenge-section',
    );
    builder.part(markdownElements(challenge.prompt.markdown, context), { idPrefix: 'challenge', kind: 'challenge', kicker, title: challenge.title, notes: timing, points: false });
    if (challenge.solution) {
      builder.part(markdownElements(challenge.solution.markdown, context), {
        idPrefix: 'challenge-solution',
        kind: 'solution',
        kicker: `${kicker} · Solution`,
        title: 'Solution',
        notes: timing,
        points: false,
      });
    }
  }
  const recap: ListItem[] = module.blocks.flatMap((block) => [
    { runs: [{ text: smartText(block.title), bold: true as const }, { text: ` (${block.minutes} min)` }], level: 0, marker: '' },
    ...(block.summary
      ? markdownElements(block.summary.markdown, context).flatMap((element) =>
          element.kind === 'list' ? element.items.map((item) => ({ ...item, level: item.level + 1 })) : element.kind === 'paragraph' ? [{ runs: element.runs, level: 1, marker: '' }] : [],
        )
      : []),
  ]);
  const summary = (title: string, elements: Element[], id: string, notes: string) =>
    builder.part(elements, { idPrefix: id, kind: 'summary', kicker: `${module.title} · Summary`, title, notes, points: false });
  builder.section('Summary');
  summary('What we covered', [{ kind: 'list', items: recap }], 'summary', `Close by returning to the outcomes:\n${module.outcomes.map((outcome) => `- ${outcome.text}`).join('\n')}`);
  if (module.mistakes && module.mistakes.items.length > 0)
    summary('Common mistakes', markdownElements(module.mistakes.markdown, context), 'summary-mistakes', 'Ask which of these the room has seen in production.');
  if (module.see_also) summary('Where next', markdownElements(module.see_also.markdown, context), 'summary-next', '');

  return {
    slug: module.slug,
    title: module.title,
    tagline: smartText(module.tagline),
    meta: [`${module.duration} min`, module.difficulty, `${module.blocks.length} blocks`, `v${module.version}`],
    ...(badge ? { badge } : {}),
    footer: `${module.title} · v${module.version}${badge ? ` · ${badge}` : ''}`,
    authors: [...module.authors],
    slides: builder.slides,
    sections: builder.sections,
  };
}
