import { escapeHtml } from '@pattern-press/render';

/** What an author wrote for readers who cannot see a diagram: Mermaid's own `accTitle:` and `accDescr:` lines. */
export interface DiagramText {
  title?: string | undefined;
  description?: string | undefined;
}

/** The `accTitle:` and `accDescr:` (one line, or `accDescr { ... }`) of a Mermaid source. */
export function diagramText(source: string): DiagramText {
  const title = /^\s*accTitle\s*:\s*(.+?)\s*$/m.exec(source)?.[1];
  const description = /^\s*accDescr\s*:\s*(.+?)\s*$/m.exec(source)?.[1] ?? /^\s*accDescr\s*\{([^}]*)\}/m.exec(source)?.[1]?.replace(/\s+/g, ' ').trim();
  return { title, description };
}

const kindNames: Record<string, string> = {
  'flowchart-v2': 'Flowchart',
  flowchart: 'Flowchart',
  stateDiagram: 'State diagram',
  sequence: 'Sequence diagram',
  classDiagram: 'Class diagram',
  er: 'Entity-relationship diagram',
  gantt: 'Gantt chart',
  pie: 'Pie chart',
};

/** The kind of diagram Mermaid says it drew (`aria-roledescription`), in words. */
function diagramKind(svg: string): string {
  const role = /<svg[^>]*\saria-roledescription="([^"]+)"/.exec(svg)?.[1] ?? '';
  return kindNames[role] ?? 'Diagram';
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** The labels of a rendered diagram, in drawing order, each once. */
function diagramLabels(svg: string): string[] {
  const labels: string[] = [];
  for (const match of svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)) {
    const text = match[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, name: string) => entities[name]!)
      .replace(/\s+/g, ' ')
      .trim();
    if (text !== '' && !labels.includes(text)) labels.push(text);
  }
  return labels;
}

/** A text alternative: the author's description, else the kind and the labels it shows (at most `words` of them). */
export function diagramAlt(svg: string, text: DiagramText, words = 40): string {
  if (text.description) return text.description;
  const labels = diagramLabels(svg).join('; ').split(' ');
  const shown = labels.length > words ? `${labels.slice(0, words).join(' ')} …` : labels.join(' ');
  return shown === '' ? diagramKind(svg) : `${diagramKind(svg)}: ${shown}`;
}

/** The caption after "Figure N:": the author's title, else the kind and the section it illustrates. */
export function diagramCaption(svg: string, text: DiagramText, section: string | undefined): string {
  if (text.title) return text.title;
  return section ? `${diagramKind(svg)}: ${section}` : diagramKind(svg);
}

/** The SVG as an image with a text alternative: `role="img"` and `aria-label`, replacing Mermaid's document role. */
export function labelledSvg(svg: string, alt: string): string {
  return svg.replace(/^<svg\b[^>]*>/, (tag) => `${tag.slice(0, -1).replace(/\srole="[^"]*"/, '')} role="img" aria-label="${escapeHtml(alt)}">`);
}

/** A numbered figure for the print (the page sizes it: see the template's script). */
export function figureHtml(svg: string, number: string, caption: string, alt: string): string {
  return `<div class="diagram-page"><figure class="diagram">${labelledSvg(svg, alt)}<figcaption><span class="figure-no">Figure ${escapeHtml(number)}:</span> ${escapeHtml(caption)}</figcaption></figure></div>`;
}

/**
 * The SVG as EPUB's SVG profile accepts it (epubcheck): Mermaid leaves
 * `width`/`height` off placeholder rectangles (required there), puts them
 * on circles (not allowed) and names sequence actors' boxes with `name`.
 * None of these changes what is drawn.
 */
export function epubSvg(svg: string): string {
  return svg
    .replace(/<rect\b[^>]*?\/?>/g, (tag) => {
      let fixed = tag.replace(/\sname="[^"]*"/g, '');
      for (const key of ['width', 'height']) if (!new RegExp(`\\s${key}="`).test(fixed)) fixed = fixed.replace(/^<rect/, `<rect ${key}="0"`);
      return fixed;
    })
    .replace(/<circle\b[^>]*?\/?>/g, (tag) => tag.replace(/\s(?:width|height)="[^"]*"/g, ''))
    .replace(/(<[a-zA-Z][^>]*?)\sname="[^"]*"/g, '$1');
}
