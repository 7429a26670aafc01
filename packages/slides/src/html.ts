import { escapeHtml, svgViewBoxSize } from '@pattern-press/render';
import type { CodeLine } from './code.js';
import type { Element, ListItem, Run } from './content.js';
import { diagramKey, type Deck, type Slide, type TableModel } from './deck.js';
import { bodyWidth, fonts, layout, slideSize, titleLines } from './layout.js';

/** A rendered diagram as the deck uses it: a file in the deck folder and its size on the slide. */
export type DiagramAsset = { file: string; width: number; height: number } | { error: string };

/** Natural size of an SVG from its viewBox (Mermaid sets one on every diagram). */
export function svgSize(svg: string): { width: number; height: number } {
  return svgViewBoxSize(svg) ?? { width: 800, height: 450 };
}

const diagramMargin = 24;

/** Where a diagram may go on its slide: the body's height, and nearly the slide's full width (labels need every pixel). */
export function diagramArea(title: string): { left: number; top: number; width: number; height: number } {
  // A diagram slide has no kicker above its title: the drawing takes that room.
  const top = layout.padTop + titleLines(title) * layout.title.lineHeight + layout.title.gap / 2;
  return { left: diagramMargin, top, width: slideSize.width - 2 * diagramMargin, height: slideSize.height - layout.footer.height - top - 8 };
}

/** The box a diagram takes on its slide: as large as fits, but never blown up past 1.6x. */
export function diagramBox(natural: { width: number; height: number }, title: string): { width: number; height: number } {
  const box = diagramArea(title);
  const scale = Math.min(box.width / natural.width, box.height / natural.height, 1.6);
  return { width: Math.floor(natural.width * scale), height: Math.floor(natural.height * scale) };
}

function runsHtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.code) html = `<code>${html}</code>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.href !== undefined) html = `<a href="${escapeHtml(run.href)}">${html}</a>`;
      return html;
    })
    .join('');
}

function itemHtml(item: ListItem, steps: boolean): string {
  const marker = item.marker === '' ? (item.level === 0 ? '•' : '–') : item.marker;
  return `<li class="level-${Math.min(item.level, 4)}${steps ? ' fragment' : ''}"><span class="marker">${escapeHtml(marker)}</span>${runsHtml(item.runs)}</li>`;
}

function elementHtml(element: Element, steps = false): string {
  switch (element.kind) {
    case 'heading':
      return `<h3>${runsHtml(element.runs)}</h3>`;
    case 'paragraph':
      return `<p>${runsHtml(element.runs)}</p>`;
    case 'list':
      return `<ul class="points">${element.items.map((item) => itemHtml(item, steps)).join('')}</ul>`;
    default:
      return '';
  }
}

function tableHtml(table: TableModel): string {
  const align = (column: number) => (table.align[column] ? ` style="text-align:${table.align[column]}"` : '');
  const row = (cells: Run[][], tag: 'th' | 'td') => `<tr>${cells.map((cell, column) => `<${tag}${align(column)}>${runsHtml(cell)}</${tag}>`).join('')}</tr>`;
  return (
    `<table class="grid"><colgroup>${table.widths.map((width) => `<col style="width:${width}px">`).join('')}</colgroup>` +
    `<thead>${row(table.header, 'th')}</thead><tbody>${table.rows.map((cells) => row(cells, 'td')).join('')}</tbody></table>`
  );
}

function codeHtml(language: string, lines: readonly CodeLine[]): string {
  const body = lines
    .map((line) => line.map((token) => (token.classes.length > 0 ? `<span class="${escapeHtml(token.classes.join(' '))}">${escapeHtml(token.text)}</span>` : escapeHtml(token.text))).join(''))
    .join('\n');
  return `<pre class="code"><code class="hljs language-${escapeHtml(language)}">${body}</code></pre>`;
}

function bodyHtml(slide: Slide, diagrams: ReadonlyMap<string, DiagramAsset>): string {
  switch (slide.layout) {
    case 'table':
      return tableHtml(slide.table!);
    case 'code':
      return codeHtml(slide.code!.language, slide.code!.lines);
    case 'diagram': {
      const asset = diagrams.get(diagramKey(slide.diagram!));
      if (!asset || 'error' in asset) {
        return `<p class="diagram-error">This diagram did not render.</p><pre class="code"><code>${escapeHtml(slide.diagram!.source)}</code></pre>`;
      }
      return `<figure class="diagram"><img src="${escapeHtml(asset.file)}" width="${asset.width}" height="${asset.height}" alt="${escapeHtml(slide.diagram!.alt)}"></figure>`;
    }
    case 'hook':
      return `<div class="hook">${slide.elements.map((element) => elementHtml(element, slide.steps === true)).join('')}</div>`;
    default:
      return slide.elements.map((element) => elementHtml(element, slide.steps === true)).join('');
  }
}

function notesHtml(notes: string): string {
  return notes
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function slideHtml(deck: Deck, slide: Slide, diagrams: ReadonlyMap<string, DiagramAsset>): string {
  const footer = `<footer>${escapeHtml(deck.footer)}</footer>`;
  const notes = `<aside class="notes">${notesHtml(slide.notes)}</aside>`;
  if (slide.layout === 'title') {
    return (
      `<section id="${slide.id}" class="layout-title" data-kind="title"><div class="frame">` +
      `<p class="kicker">${escapeHtml(slide.kicker)}</p><h1>${escapeHtml(deck.title)}</h1><p class="tagline">${escapeHtml(deck.tagline)}</p>` +
      `<ul class="meta">${deck.meta.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` +
      (deck.badge ? `<p class="badge">${escapeHtml(deck.badge)}</p>` : '') +
      `${footer}</div>${notes}</section>`
    );
  }
  if (slide.layout === 'section') {
    return (
      `<section id="${slide.id}" class="layout-section" data-kind="section"><div class="frame">` +
      `<p class="kicker">${escapeHtml(slide.kicker)}</p><h2>${escapeHtml(slide.title)}</h2><div class="body">${slide.elements.map((element) => elementHtml(element)).join('')}</div>` +
      `${footer}</div>${notes}</section>`
    );
  }
  return (
    `<section id="${slide.id}" class="layout-${slide.layout}" data-kind="${slide.kind}"><div class="frame">` +
    `<header>${slide.layout === 'diagram' ? '' : `<p class="kicker">${escapeHtml(slide.kicker)}</p>`}<h2>${escapeHtml(slide.title)}</h2></header>` +
    `<div class="body">${bodyHtml(slide, diagrams)}</div>${footer}</div>${notes}</section>`
  );
}

const palette = { ink: '#1d2433', muted: '#5b6475', accent: '#1f5fae', accentSoft: '#e8f0fb', rule: '#d5dbe5', codeBg: '#f6f8fa', badge: '#b3261e', tint: '#f3f6fb' } as const;
export { palette };

/** The deck's stylesheet, generated from the shared layout so that the estimates hold. */
export function deckCss(): string {
  const { padX, padTop, kicker, title, footer, text, subheading, code, table, hook } = layout;
  return `
.reveal { font-family: ${fonts.sans}, 'Liberation Sans', Arimo, 'Nimbus Sans', Helvetica, sans-serif; color: ${palette.ink}; }
.reveal .slides { text-align: left; }
.reveal .slides > section { padding: 0; width: ${slideSize.width}px; height: ${slideSize.height}px; top: 0; }
.reveal .frame { position: relative; box-sizing: border-box; width: ${slideSize.width}px; height: ${slideSize.height}px; padding: ${padTop}px ${padX}px 0; display: flex; flex-direction: column; font-size: ${text.size}px; line-height: ${text.lineHeight}px; background: #fff; border-top: 6px solid ${palette.accent}; }
.reveal .frame header { flex: none; }
.reveal .frame .kicker { margin: 0 0 ${kicker.gap}px; font-size: ${kicker.size}px; line-height: ${kicker.lineHeight}px; height: ${kicker.lineHeight}px; letter-spacing: 0.06em; text-transform: uppercase; color: ${palette.accent}; font-weight: 600; white-space: nowrap; overflow: hidden; }
.reveal .frame h2 { margin: 0 0 ${title.gap}px; font-size: ${title.size}px; line-height: ${title.lineHeight}px; font-weight: 700; text-transform: none; letter-spacing: -0.01em; color: ${palette.ink}; text-shadow: none; font-family: inherit; }
.reveal .frame .body { flex: 1 1 auto; min-height: 0; overflow: hidden; margin-bottom: ${footer.height}px; }
.reveal .frame p { margin: 0 0 ${text.paragraphGap}px; line-height: ${text.lineHeight}px; }
.reveal .frame h3 { margin: 0 0 ${subheading.gap}px; font-size: ${subheading.size}px; line-height: ${subheading.lineHeight}px; font-weight: 600; text-transform: none; color: ${palette.ink}; font-family: inherit; }
.reveal .frame ul.points { display: block; margin: 0 0 ${text.paragraphGap}px; padding: 0; list-style: none; }
.reveal .frame ul.points li { position: relative; margin: 0 0 ${text.itemGap}px; line-height: ${text.lineHeight}px; }
${[0, 1, 2, 3, 4].map((level) => `.reveal .frame ul.points li.level-${level} { padding-left: ${text.indent * (level + 1)}px; }`).join('\n')}
.reveal .frame ul.points .marker { position: absolute; left: ${0}px; width: ${text.indent - 8}px; text-align: right; color: ${palette.accent}; font-weight: 600; }
${[1, 2, 3, 4].map((level) => `.reveal .frame ul.points li.level-${level} .marker { left: ${text.indent * level}px; }`).join('\n')}
.reveal .frame code { font-family: ${fonts.mono}, 'DejaVu Sans Mono', monospace; font-size: 0.85em; background: ${palette.codeBg}; padding: 0 0.2em; border-radius: 3px; }
.reveal .frame a { color: ${palette.accent}; text-decoration: underline; }
.reveal .frame footer { position: absolute; left: ${padX}px; right: ${padX + 120}px; bottom: 0; height: ${footer.height}px; line-height: ${footer.height}px; font-size: ${footer.size}px; color: ${palette.muted}; border-top: 1px solid ${palette.rule}; white-space: nowrap; overflow: hidden; }
.reveal .slide-number { font-family: inherit; font-size: ${footer.size}px; background: transparent; color: ${palette.muted}; right: ${padX + 48}px; bottom: ${(footer.height - footer.size) / 2 - 4}px; }
.reveal pre.code { box-sizing: border-box; width: 100%; margin: 0; padding: ${code.pad}px; background: ${palette.codeBg}; border: 1px solid ${palette.rule}; border-radius: 6px; box-shadow: none; font-size: ${code.size}px; line-height: ${code.lineHeight}px; }
.reveal pre.code code { display: block; padding: 0; background: transparent; font-size: ${code.size}px; line-height: ${code.lineHeight}px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: none; overflow: visible; tab-size: 4; }
.reveal table.grid { table-layout: fixed; width: ${bodyWidth}px; margin: 0; border-collapse: collapse; font-size: ${table.size}px; line-height: ${table.lineHeight}px; }
.reveal table.grid th, .reveal table.grid td { padding: ${table.cellPadY}px ${table.cellPadX}px; border: 0; border-bottom: 1px solid ${palette.rule}; vertical-align: top; text-align: left; overflow-wrap: normal; word-break: normal; hyphens: manual; }
.reveal table.grid th { background: ${palette.accentSoft}; font-weight: 600; }
.reveal table.grid code { font-size: 0.85em; }
.reveal figure.diagram { margin: 0; height: 100%; display: flex; align-items: center; justify-content: center; }
.reveal section.layout-diagram .frame .body { margin-left: ${diagramMargin - padX}px; margin-right: ${diagramMargin - padX}px; }
.reveal section.layout-diagram .frame h2 { margin-bottom: ${title.gap / 2}px; }
.reveal figure.diagram img { margin: 0; max-width: 100%; max-height: 100%; border: 0; box-shadow: none; background: transparent; }
.reveal .diagram-error { color: ${palette.badge}; }
.reveal section.layout-hook .frame { background: ${palette.tint}; }
.reveal section.layout-hook .body p { font-size: ${hook.size}px; line-height: ${hook.lineHeight}px; margin-bottom: ${text.paragraphGap}px; }
.reveal section.layout-hook .body ul.points li { font-size: ${hook.size}px; line-height: ${hook.lineHeight}px; }
.reveal section.layout-hook .hook { border-left: 6px solid ${palette.accent}; padding-left: 28px; margin-left: -34px; }
.reveal section.layout-title .frame { justify-content: center; padding-bottom: ${footer.height + 40}px; background: ${palette.tint}; }
.reveal section.layout-title h1 { margin: 0 0 18px; font-size: 72px; line-height: 80px; font-weight: 700; text-transform: none; color: ${palette.ink}; font-family: inherit; letter-spacing: -0.02em; }
.reveal section.layout-title .tagline { font-size: 34px; line-height: 44px; color: ${palette.muted}; margin: 0 0 36px; }
.reveal section.layout-title ul.meta { display: flex; gap: 14px; margin: 0; padding: 0; list-style: none; }
.reveal section.layout-title ul.meta li { font-size: 24px; line-height: 30px; padding: 6px 16px; border-radius: 18px; background: #fff; border: 1px solid ${palette.rule}; }
.reveal section.layout-title .badge { position: absolute; top: 40px; right: ${padX}px; margin: 0; font-size: 24px; line-height: 30px; padding: 6px 16px; border-radius: 6px; color: #fff; background: ${palette.badge}; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; }
.reveal section.layout-section .frame { justify-content: center; padding-bottom: ${footer.height + 40}px; background: ${palette.tint}; }
.reveal section.layout-section .kicker { font-size: ${kicker.size + 2}px; }
.reveal section.layout-section h2 { font-size: 56px; line-height: 64px; margin: 0 0 18px; }
.reveal section.layout-section .body { flex: none; margin: 0; }
.reveal section.layout-section .body p { font-size: 28px; line-height: 36px; color: ${palette.muted}; }
.reveal aside.notes { display: none; }
`;
}

export interface DeckHtmlOptions {
  /** Rendered diagrams by diagram id. */
  diagrams: ReadonlyMap<string, DiagramAsset>;
}

/** The reveal.js page of a deck: it loads reveal/, deck.css and diagrams/ from its own folder only. */
export function deckHtml(deck: Deck, options: DeckHtmlOptions): string {
  const config = {
    width: slideSize.width,
    height: slideSize.height,
    margin: 0,
    minScale: 0.1,
    maxScale: 3,
    center: false,
    hash: true,
    controls: true,
    progress: true,
    slideNumber: 'c/t',
    transition: 'none',
    backgroundTransition: 'none',
    pdfSeparateFragments: false,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pattern Press">
<title>${escapeHtml(deck.title)}: slides${deck.badge ? ` (${escapeHtml(deck.badge)})` : ''}</title>
<link rel="stylesheet" href="reveal/reveal.css">
<link rel="stylesheet" href="reveal/theme/white.css">
<link rel="stylesheet" href="reveal/highlight.css">
<link rel="stylesheet" href="deck.css">
</head>
<body>
<div class="reveal"><div class="slides">
${deck.slides.map((slide) => slideHtml(deck, slide, options.diagrams)).join('\n')}
</div></div>
<script src="reveal/reveal.js"></script>
<script src="reveal/plugin/notes.js"></script>
<script>
Reveal.initialize(Object.assign(${JSON.stringify(config)}, { plugins: [RevealNotes] }));
</script>
</body>
</html>
`;
}
