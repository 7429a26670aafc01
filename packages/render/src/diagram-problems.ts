/**
 * How every output words a Mermaid diagram that cannot be drawn, and the
 * size limit every diagram is held to before anything renders.
 */

/** A place in module.md, 1-based. */
export interface DiagramPlace {
  line: number;
  column: number;
}

/** What a problem report needs of a diagram (the schema's `Diagram` fits). */
export interface DiagramRef {
  kind: string;
  source: string;
  /** The opening fence in module.md. */
  position?: DiagramPlace | undefined;
}

export interface DiagramProblem {
  reason: string;
  /** Where in module.md: the line Mermaid names, else the fence; undefined when the diagram has no position. */
  place: DiagramPlace | undefined;
}

/** Mermaid's own regular expressions (src/diagram-api/regexes.ts, src/diagram-api/comments.ts). */
const frontMatterPattern = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;
const directivePattern = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const commentPattern = /^\s*%%(?!{)[^\n]+\n?/gm;

interface Tracked {
  text: string;
  /** The source line (1-based) of each character of `text`. */
  lines: number[];
}

function without(tracked: Tracked, pattern: RegExp): Tracked {
  const keep: boolean[] = new Array<boolean>(tracked.text.length).fill(true);
  for (const match of tracked.text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
    for (let index = match.index; index < match.index + match[0].length; index++) keep[index] = false;
    if (!pattern.flags.includes('g')) break;
  }
  let text = '';
  const lines: number[] = [];
  for (let index = 0; index < tracked.text.length; index++) {
    if (!keep[index]) continue;
    text += tracked.text[index];
    lines.push(tracked.lines[index]!);
  }
  return { text, lines };
}

/**
 * The source line (1-based, within the fence) of line `line` of the text Mermaid
 * parsed: Mermaid first drops front matter, `%%{...}%%` directives, `%%` comment
 * lines and leading blank lines (twice over), and counts lines in what is left.
 */
export function sourceLineOf(source: string, line: number): number {
  const text = source.replace(/\r\n?/g, '\n');
  let current = 1;
  // One entry per UTF-16 unit, as the regular expressions index; a newline belongs to the line it ends.
  let tracked: Tracked = { text, lines: Array.from({ length: text.length }, (_, index) => (text[index] === '\n' ? current++ : current)) };
  // Mermaid preprocesses twice (mermaidAPI.parse, then getDiagramFromText): front matter after a
  // leading blank line or comment is found only the second time.
  for (let pass = 0; pass < 2; pass++) {
    tracked = without(tracked, frontMatterPattern);
    tracked = without(tracked, directivePattern);
    tracked = without(tracked, commentPattern);
    tracked = without(tracked, /^\s+/);
  }
  let start = 0;
  for (let seen = 1; seen < line; seen++) {
    const next = tracked.text.indexOf('\n', start);
    // Past the end (Mermaid appends a newline, so an unexpected end of input is one line further): the last line.
    if (next < 0) return tracked.lines.at(-1) ?? 1;
    start = next + 1;
  }
  return tracked.lines[start] ?? tracked.lines.at(-1) ?? 1;
}

/** "flowchart", "sequence diagram", "state diagram", "Gantt chart": what an author calls the diagram. */
export function diagramNoun(kind: string): string {
  const base = kind.replace(/-v\d+$/, '');
  if (base === 'flowchart' || base === 'graph') return 'flowchart';
  if (base === 'gantt') return 'Gantt chart';
  if (base === 'pie') return 'pie chart';
  if (base === 'erDiagram') return 'ER diagram';
  const named = /^(\w+?)Diagram$/.exec(base);
  if (named) return `${named[1]!.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} diagram`;
  return `${base} diagram`;
}

/** Where Mermaid says the problem is: `on line N` (jison parsers), `on line N, column M` (langium parsers). */
function mermaidLocation(error: string): { line: number; column?: number } | undefined {
  const match = /\bon line (\d+)(?:, column (\d+))?/.exec(error);
  if (!match) return undefined;
  return { line: Number(match[1]), ...(match[2] ? { column: Number(match[2]) } : {}) };
}

/**
 * The one wording of a diagram that does not parse or render, whoever reports
 * it (`press check`, PDF, SCORM, slides, API): Mermaid's whole message, its
 * excerpt and caret lines indented under the first, placed at the line of
 * module.md that Mermaid names (the fence's line + the line within the
 * diagram), or at the fence when Mermaid names none.
 */
export function diagramProblem(diagram: DiagramRef, error: string): DiagramProblem {
  const [first = '', ...rest] = error.replace(/\s+$/, '').split('\n');
  const more = rest.map((line) => `\n    ${line}`).join('');
  const reason = `Mermaid cannot draw this ${diagramNoun(diagram.kind)}: ${first.trim()}${more}`;
  const fence = diagram.position;
  if (!fence) return { reason, place: undefined };
  const location = mermaidLocation(error);
  if (!location) return { reason, place: { line: fence.line, column: fence.column } };
  const line = fence.line + sourceLineOf(diagram.source, location.line);
  const column = location.column === undefined ? fence.column : fence.column + location.column - 1;
  return { reason, place: { line, column } };
}

export interface DiagramSize {
  /** Lines that say something (not blank, not a `%%` comment). */
  lines: number;
  /** Links, messages and transitions: arrows such as `-->`, `->>`, `-.->`, `==>`, `--o`, `||--|{`; `A & B --> C & D` counts 4. */
  links: number;
  /** UTF-8 bytes of the source. */
  bytes: number;
}

/**
 * The largest diagram `press check` lets through. Rendering time grows much
 * faster than the diagram (dagre's layout is superlinear, worst when links
 * cross the chart). Measured in the real renderer on the shared 2-core build
 * machine (render/README.md): flowcharts of 50, 100, 200, 400 and 800 nodes took
 * 2.4, 5.0, 14, 108 and over 120 s (stopped) with 1.5 links per node crossing
 * the chart, and 2.3, 2.8, 3.3, 10.6 and 14 s as a plain chain. The limits sit
 * about ten times above the largest diagram of the modules (17 lines, 13 links,
 * 570 bytes) and well below where one diagram takes ten seconds.
 */
export const diagramLimits: DiagramSize = { lines: 200, links: 150, bytes: 16_000 };

const arrowPattern = /<?(?:[-=.~]{2,}|->|-\))[>xo)]{0,2}/g;

/** Links a line makes: each arrow joins every node on its left (`A & B`) to every node on its right. */
function linksOf(line: string): number {
  const ends = line.split(arrowPattern);
  let links = 0;
  for (let index = 0; index + 1 < ends.length; index++) links += ends[index]!.split('&').length * ends[index + 1]!.split('&').length;
  return links;
}

export function diagramSize(source: string): DiagramSize {
  const lines = source.split('\n').filter((line) => line.trim() !== '' && !/^\s*%%/.test(line));
  return { lines: lines.length, links: lines.reduce((sum, line) => sum + linksOf(line), 0), bytes: Buffer.byteLength(source) };
}

/** Why a diagram is over {@link diagramLimits}, or undefined when it is not. */
export function diagramTooLarge(diagram: Pick<DiagramRef, 'kind' | 'source'>, limits: DiagramSize = diagramLimits): string | undefined {
  const size = diagramSize(diagram.source);
  const over = (['lines', 'links', 'bytes'] as const).filter((measure) => size[measure] > limits[measure]).map((measure) => `${size[measure]} ${measure} (at most ${limits[measure]})`);
  if (over.length === 0) return undefined;
  return `this ${diagramNoun(diagram.kind)} is too large to render: ${over.join(', ')}`;
}
