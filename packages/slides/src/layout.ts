/**
 * The geometry every rendering shares, in CSS pixels of a 1280x720 slide.
 * The HTML stylesheet is generated from it and the PPTX converts it to inches,
 * so the pagination estimates, the deck and the PowerPoint file agree.
 */
export const slideSize = { width: 1280, height: 720 } as const;

/** The smallest sizes a room can read at 1280x720 (the gates in the tests measure them in Chromium). */
export const minimumSize = { text: 24, code: 20, diagramLabel: 16 } as const;

export const layout = {
  padX: 64,
  padTop: 36,
  kicker: { size: 18, lineHeight: 24, gap: 4 },
  title: { size: 36, lineHeight: 44, gap: 18 },
  footer: { size: 15, height: 44 },
  text: { size: 26, lineHeight: 34, paragraphGap: 12, itemGap: 8, indent: 40 },
  subheading: { size: 28, lineHeight: 34, gap: 10 },
  // 15 lines a slide; up to 18 only to keep a statement whole.
  code: { size: 20, lineHeight: 27, pad: 14, maxLines: 15, stretchLines: 18 },
  table: { size: 24, lineHeight: 30, cellPadX: 10, cellPadY: 6 },
  hook: { size: 32, lineHeight: 44 },
  monoCharWidth: 0.602,
  // Below the estimated height, so a misjudged line never pushes content out.
  safety: 12,
} as const;

/**
 * The fonts both renderings name: ones PowerPoint has on Windows and macOS,
 * with metric-compatible stand-ins in the HTML deck's stack (Liberation Sans,
 * Nimbus Sans), so the line breaks the estimates assume hold in both.
 */
export const fonts = { sans: 'Arial', mono: 'Consolas' } as const;

export const bodyWidth = slideSize.width - 2 * layout.padX;

/** Height of the header (kicker + title) for a title of `titleLines` lines. */
function headerHeight(titleLines: number): number {
  return layout.kicker.lineHeight + layout.kicker.gap + titleLines * layout.title.lineHeight + layout.title.gap;
}

/** Where the body starts and how tall it may be under a header of `titleLines` lines. */
export function bodyBox(titleLines: number): { top: number; height: number } {
  const top = layout.padTop + headerHeight(titleLines);
  return { top, height: slideSize.height - layout.footer.height - top };
}

// Advance widths of Arial / Helvetica (and their metric clones) in 1/1000 em, from the AFM files.
const narrow: Record<string, number> = {
  ' ': 278,
  '!': 278,
  '"': 355,
  '#': 556,
  $: 556,
  '%': 889,
  '&': 667,
  "'": 191,
  '(': 333,
  ')': 333,
  '*': 389,
  '+': 584,
  ',': 278,
  '-': 333,
  '.': 278,
  '/': 278,
  ':': 278,
  ';': 278,
  '<': 584,
  '=': 584,
  '>': 584,
  '?': 556,
  '@': 1015,
  '[': 278,
  '\\': 278,
  ']': 278,
  '^': 469,
  _: 556,
  '`': 333,
  '{': 334,
  '|': 260,
  '}': 334,
  '~': 584,
  a: 556,
  b: 556,
  c: 500,
  d: 556,
  e: 556,
  f: 278,
  g: 556,
  h: 556,
  i: 222,
  j: 222,
  k: 500,
  l: 222,
  m: 833,
  n: 556,
  o: 556,
  p: 556,
  q: 556,
  r: 333,
  s: 500,
  t: 278,
  u: 556,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 500,
  A: 667,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 722,
  I: 278,
  J: 500,
  K: 667,
  L: 556,
  M: 833,
  N: 722,
  O: 778,
  P: 667,
  Q: 778,
  R: 722,
  S: 667,
  T: 611,
  U: 722,
  V: 667,
  W: 944,
  X: 667,
  Y: 667,
  Z: 611,
  '‘': 222,
  '’': 222,
  '“': 333,
  '”': 333,
  '–': 556,
  '—': 1000,
  '…': 1000,
  '•': 350,
  '×': 584,
  '→': 1000,
  '≤': 549,
  '≥': 549,
};

/** Width of `text` in px at `size`, in the deck's sans-serif (bold a little wider), or its monospace. */
export function textWidth(text: string, size: number, style: { bold?: boolean; mono?: boolean } = {}): number {
  if (style.mono) return text.length * size * layout.monoCharWidth;
  let units = 0;
  for (const char of text) units += narrow[char] ?? (/\d/.test(char) ? 556 : 600);
  return (units / 1000) * size * (style.bold ? 1.08 : 1);
}

/** A word and the px it takes; `space` is the width of the space before it. */
export interface Piece {
  width: number;
  space: number;
  /** No break allowed before this piece (it continues the previous word). */
  glued: boolean;
}

/** Lines pieces take when wrapped greedily at `width` px, as a browser and PowerPoint do. */
export function piecesLines(pieces: readonly Piece[], width: number): number {
  let lines = 1;
  let current = 0;
  for (const piece of pieces) {
    if (current === 0) current = piece.width;
    else if (piece.glued || current + piece.space + piece.width <= width) current += piece.space + piece.width;
    else {
      lines++;
      current = piece.width;
    }
    while (current > width) {
      lines++;
      current -= width;
    }
  }
  return lines;
}

/** Lines `text` takes when wrapped at `width` px in the sans-serif of `size` px (2% to spare for kerning and hinting). */
export function wrappedLines(text: string, width: number, size: number, style: { bold?: boolean } = {}): number {
  let lines = 0;
  const space = textWidth(' ', size, style);
  for (const hardLine of text.split('\n')) {
    const words = hardLine.split(/\s+/).filter(Boolean);
    lines += piecesLines(
      words.map((word) => ({ width: textWidth(word, size, style), space, glued: false })),
      width * 0.98,
    );
  }
  return lines;
}

export function titleLines(title: string): number {
  return wrappedLines(title, bodyWidth, layout.title.size, { bold: true });
}
