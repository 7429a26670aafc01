import { createHash } from 'node:crypto';
import type { Block, PatternModule, ResourceLibrary } from '@pattern-press/schema';
import { highlightLines, splitCode, type CodeLine } from './code.js';
import { elementsText, firstSentence, markdownElements, runsText, type Element, type InlineContext, type ListItem, type Run } from './content.js';
import { bodyBox, bodyWidth, layout, titleLines, wrappedLines } from './layout.js';

export type SlideKind =
  | 'title'
  | 'outcomes'
  | 'hook'
  | 'concept'
  | 'code'
  | 'analogy'
  | 'practice'
  | 'solution'
  | 'reflection'
  | 'challenge'
  | 'summary';

/** How a slide is laid out: text points, a large hook, one table, one code listing, one diagram. */
export type SlideLayout = 'title' | 'text' | 'hook' | 'table' | 'code' | 'diagram';

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
  diagram?: { id: string; source: string; alt: string };
  /** Speaker notes, plain text; every block's slides start with its timing guide. */
  notes: string;
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
  slides: Slide[];
}

export interface DeckOptions {
  library?: ResourceLibrary;
  /** Modules that have decks of their own: links to them point at their deck. */
  builtSlugs?: ReadonlySet<string>;
}

function clock(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function citeWith(library: ResourceLibrary | undefined): (ids: string[]) => string {
  const byId = new Map((library?.references ?? []).map((reference) => [reference.id, reference]));
  return (ids) =>
    `(${ids
      .map((id) => {
        const reference = byId.get(id);
        if (!reference) return id;
        const names = (reference.author ?? []).map((author) => author.family ?? author.literal ?? '').filter(Boolean);
        const who = names.length === 0 ? reference.title : names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
        const year = reference.issued?.['date-parts'][0][0];
        return year === undefined ? who : `${who} ${year}`;
      })
      .join('; ')})`;
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
  return wrappedLines(runsText(item.runs), bodyWidth - indent, size) * lineHeight + layout.text.itemGap;
}

/** Estimated height of a text element in px. */
export function elementHeight(element: Element, hook = false): number {
  const { size, lineHeight } = hook ? layout.hook : layout.text;
  switch (element.kind) {
    case 'heading':
      return wrappedLines(runsText(element.runs), bodyWidth, layout.subheading.size) * layout.subheading.lineHeight + layout.subheading.gap;
    case 'paragraph':
      return wrappedLines(runsText(element.runs), bodyWidth, size) * lineHeight + layout.text.paragraphGap;
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
    const head = firstSentence(rest, Infinity);
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

/** Cuts units into pages that fit under `title`, merging neighbouring list items back into lists. */
function paginate(units: readonly Unit[], title: string, hook: boolean): Unit[][] {
  const limit = budget(title);
  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let used = 0;
  const expanded: Unit[] = [];
  for (const unit of units) {
    if (unit.shown.kind === 'paragraph' && elementHeight(unit.shown, hook) > limit) {
      for (const sentence of splitSentences(unit.shown.runs)) expanded.push({ shown: { kind: 'paragraph', runs: sentence }, said: { kind: 'paragraph', runs: sentence } });
    } else expanded.push(unit);
  }
  for (const unit of expanded) {
    const height = elementHeight(unit.shown, hook);
    if (page.length > 0 && used + height > limit) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(unit);
    used += height;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function mergeLists(elements: readonly Element[]): Element[] {
  const out: Element[] = [];
  for (const element of elements) {
    const last = out.at(-1);
    if (element.kind === 'list' && last?.kind === 'list') last.items.push(...element.items);
    else out.push(element.kind === 'list' ? { kind: 'list', items: [...element.items] } : element);
  }
  return out;
}

function toUnits(element: Element, points: boolean): Unit[] {
  if (element.kind === 'list') {
    return element.items.map((item) => ({
      shown: { kind: 'list', items: [points ? { ...item, runs: firstSentence(item.runs) } : item] },
      said: { kind: 'list', items: [item] },
    }));
  }
  if (element.kind === 'paragraph' && points) return [{ shown: { kind: 'list', items: [{ runs: firstSentence(element.runs), level: 0, marker: '' }] }, said: element }];
  return [{ shown: element, said: element }];
}

// ---- tables ---------------------------------------------------------------------------

function columnWidths(header: Run[][], rows: Run[][][]): number[] {
  const count = Math.max(header.length, ...rows.map((row) => row.length));
  const desire = Array.from({ length: count }, (_, column) => Math.min(42, Math.max(...[header, ...rows].map((row) => runsText(row[column] ?? []).length), 4)) + 6);
  const total = desire.reduce((a, b) => a + b, 0);
  const widths = desire.map((d) => Math.floor((bodyWidth * d) / total));
  widths[widths.length - 1]! += bodyWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function rowHeight(row: Run[][], widths: readonly number[]): number {
  const { size, lineHeight, cellPadX, cellPadY } = layout.table;
  const lines = Math.max(1, ...row.map((cell, column) => wrappedLines(runsText(cell), widths[column]! - 2 * cellPadX, size)));
  return lines * lineHeight + 2 * cellPadY + 1;
}

function tablePages(element: Extract<Element, { kind: 'table' }>, title: string): TableModel[] {
  const widths = columnWidths(element.header, element.rows);
  const limit = budget(title) - rowHeight(element.header, widths);
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
}

class DeckBuilder {
  readonly slides: Slide[] = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly diagramIds: ReadonlyMap<string, string>) {}

  push(slide: Omit<Slide, 'id'>, idPrefix: string): void {
    const count = (this.counts.get(idPrefix) ?? 0) + 1;
    this.counts.set(idPrefix, count);
    this.slides.push({ ...slide, id: count === 1 ? idPrefix : `${idPrefix}--${count}` });
  }

  diagramId(source: string): string {
    return this.diagramIds.get(source) ?? `d-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`;
  }

  /** Slides for a part: text pages, with each table, code listing and diagram on slides of its own, in order. */
  part(elements: readonly Element[], section: Section): void {
    let title = section.title;
    let units: Unit[] = [];
    let continued = false;
    const flush = () => {
      if (units.length === 0) return;
      const pages = paginate(units, title, section.kind === 'hook');
      pages.forEach((page, index) => {
        const pageTitle = continued || index > 0 ? `${title} (cont.)` : title;
        const said = elementsText(page.map((unit) => unit.said));
        this.push(
          {
            kind: section.kind,
            layout: section.kind === 'hook' ? 'hook' : 'text',
            kicker: section.kicker,
            title: pageTitle,
            elements: mergeLists(page.map((unit) => unit.shown)),
            notes: [section.notes, said].filter(Boolean).join('\n\n'),
          },
          section.idPrefix,
        );
      });
      continued = true;
      units = [];
    };
    for (const element of elements) {
      if (element.kind === 'heading') {
        flush();
        title = runsText(element.runs);
        continued = false;
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
        pages.forEach((table, index) =>
          this.push(
            {
              kind: section.kind,
              layout: 'table',
              kicker: section.kicker,
              title: pages.length > 1 ? `${title} (${index + 1}/${pages.length})` : title,
              elements: [],
              table,
              notes: [section.notes, elementsText([{ kind: 'table', align: table.align, header: table.header, rows: table.rows }])].join('\n\n'),
            },
            section.idPrefix,
          ),
        );
      } else if (element.kind === 'code') {
        flush();
        this.code(element.source, element.language, { ...section, title }, '');
      } else {
        units.push(...toUnits(element, section.points));
      }
    }
    flush();
  }

  code(source: string, language: string, section: Section, caption: string): void {
    const maxRows = Math.floor((budget(`${section.title} (10/10)`) - 2 * layout.code.pad) / layout.code.lineHeight);
    const chunks = splitCode(highlightLines(source, language), maxRows);
    chunks.forEach((lines, index) => {
      this.push(
        {
          kind: 'code',
          layout: 'code',
          kicker: section.kicker,
          title: chunks.length > 1 ? `${section.title} (${index + 1}/${chunks.length})` : section.title,
          elements: [],
          code: { language, lines },
          notes: [section.notes, index === 0 ? caption : `Listing continued (${index + 1} of ${chunks.length}).`].filter(Boolean).join('\n\n'),
        },
        section.idPrefix,
      );
    });
  }
}

function blockSlides(builder: DeckBuilder, block: Block, index: number, count: number, start: number, module: PatternModule, context: InlineContext): void {
  const kicker = `Block ${index + 1} of ${count} · ${block.title}`;
  const timing = `Timing: block ${index + 1} of ${count}, "${block.title}", ${block.minutes} min (from ${clock(start)} to ${clock(start + block.minutes)} of ${clock(module.duration)}).`;
  const section = (kind: SlideKind, what: string, points = false): Section => ({ idPrefix: `${block.id}-${kind}`, kind, kicker: `${kicker} · ${what}`, title: block.title, notes: timing, points });
  const parse = (markdown: string) => markdownElements(markdown, context);

  if (block.hook) builder.part(parse(block.hook.markdown), { ...section('hook', 'Hook'), kicker: `Block ${index + 1} of ${count} · ${block.minutes} min`, notes: `${timing}\nOpen the block with this question; let the room answer before moving on.` });
  if (block.concept) builder.part(parse(block.concept.markdown), section('concept', 'Concept', true));
  for (const example of block.code) {
    const caption = example.caption ? parse(example.caption) : [];
    const heading = caption[0]?.kind === 'heading' ? runsText(caption[0].runs) : undefined;
    const file = example.file ?? example.id;
    builder.code(example.source, example.language, { ...section('code', 'Code'), idPrefix: `${block.id}-code-${example.id}`, title: heading ? `${heading}: ${file}` : file }, [`Code: ${file} (${example.language})`, elementsText(caption)].filter(Boolean).join('\n\n'));
  }
  if (block.analogy) builder.part(parse(block.analogy.markdown), { ...section('analogy', 'Analogy'), title: 'Analogy' });
  if (block.practice) {
    builder.part(parse(block.practice.prompt.markdown), { ...section('practice', 'Practice'), title: 'Practice' });
    if (block.practice.solution) builder.part(parse(block.practice.solution.markdown), { ...section('solution', 'Solution'), title: 'Solution' });
  }
  if (block.reflection) builder.part(parse(block.reflection.markdown), { ...section('reflection', 'Reflection'), title: 'Reflect' });
}

/** The slides a module's document implies, in teaching order. Pure: the same module gives the same deck. */
export function deckModel(module: PatternModule, options: DeckOptions = {}): Deck {
  const context: InlineContext = { cite: citeWith(options.library), link: linkWith(options.builtSlugs) };
  const diagramIds = new Map<string, string>();
  for (const diagram of [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])]) diagramIds.set(diagram.source, diagram.id);
  const builder = new DeckBuilder(diagramIds);
  const published = module.status === 'published';
  const badge = published ? undefined : `Review copy (status: ${module.status})`;
  const challengeMinutes = module.challenge?.minutes ?? 0;
  const overview = `Timing: ${module.duration} min in total: ${module.blocks.length} blocks${module.challenge ? ` and a ${challengeMinutes}-min integration challenge` : ''}.`;

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
    builder.part([{ kind: 'list', items: module.outcomes.map((outcome) => ({ runs: [{ text: outcome.text }], level: 0, marker: '' })) }], {
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
    builder.part(markdownElements(challenge.prompt.markdown, context), { idPrefix: 'challenge', kind: 'challenge', kicker, title: challenge.title, notes: timing, points: false });
    if (challenge.solution) {
      builder.part(markdownElements(challenge.solution.markdown, context), { idPrefix: 'challenge-solution', kind: 'solution', kicker: `${kicker} · Solution`, title: 'Solution', notes: timing, points: false });
    }
  }
  const recap: ListItem[] = module.blocks.flatMap((block) => [
    { runs: [{ text: block.title, bold: true as const }, { text: ` (${block.minutes} min)` }], level: 0, marker: '' },
    ...(block.summary ? markdownElements(block.summary.markdown, context).flatMap((element) => (element.kind === 'list' ? element.items.map((item) => ({ ...item, level: item.level + 1 })) : element.kind === 'paragraph' ? [{ runs: element.runs, level: 1, marker: '' }] : [])) : []),
  ]);
  const summary = (title: string, elements: Element[], id: string, notes: string) =>
    builder.part(elements, { idPrefix: id, kind: 'summary', kicker: `${module.title} · Summary`, title, notes, points: false });
  summary('What we covered', [{ kind: 'list', items: recap }], 'summary', `Close by returning to the outcomes:\n${module.outcomes.map((outcome) => `- ${outcome.text}`).join('\n')}`);
  if (module.mistakes && module.mistakes.items.length > 0) summary('Common mistakes', markdownElements(module.mistakes.markdown, context), 'summary-mistakes', 'Ask which of these the room has seen in production.');
  if (module.see_also) summary('Where next', markdownElements(module.see_also.markdown, context), 'summary-next', '');

  return {
    slug: module.slug,
    title: module.title,
    tagline: module.tagline,
    meta: [`${module.duration} min`, module.difficulty, `${module.blocks.length} blocks`, `v${module.version}`],
    ...(badge ? { badge } : {}),
    footer: `${module.title} · v${module.version}${badge ? ` · ${badge}` : ''}`,
    slides: builder.slides,
  };
}
