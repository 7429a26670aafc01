/**
 * The geometry every rendering shares, in CSS pixels of a 1280x720 slide.
 * The HTML stylesheet is generated from it and the PPTX converts it to inches,
 * so the pagination estimates, the deck and the PowerPoint file agree.
 */
export const slideSize = { width: 1280, height: 720 } as const;

export const layout = {
  padX: 72,
  padTop: 44,
  kicker: { size: 17, lineHeight: 24, gap: 6 },
  title: { size: 38, lineHeight: 46, gap: 22 },
  footer: { size: 15, height: 52 },
  text: { size: 26, lineHeight: 36, paragraphGap: 14, itemGap: 8, indent: 40 },
  subheading: { size: 28, lineHeight: 36, gap: 10 },
  code: { size: 17, lineHeight: 24, pad: 16 },
  table: { size: 17, lineHeight: 23, cellPadX: 10, cellPadY: 7 },
  hook: { size: 31, lineHeight: 44 },
  // Average advance of a character as a fraction of the font size: wide enough
  // for the deck's Source Sans Pro and for Arial, which PowerPoint substitutes.
  charWidth: 0.52,
  monoCharWidth: 0.602,
  // Below the estimated height, so a misjudged line never pushes content out.
  safety: 24,
} as const;

export const bodyWidth = slideSize.width - 2 * layout.padX;

/** Height of the header (kicker + title) for a title of `titleLines` lines. */
export function headerHeight(titleLines: number): number {
  return layout.kicker.lineHeight + layout.kicker.gap + titleLines * layout.title.lineHeight + layout.title.gap;
}

/** Where the body starts and how tall it may be under a header of `titleLines` lines. */
export function bodyBox(titleLines: number): { top: number; height: number } {
  const top = layout.padTop + headerHeight(titleLines);
  return { top, height: slideSize.height - layout.footer.height - top };
}

/** Lines `text` takes when wrapped at `width` px in a font of `size` px. */
export function wrappedLines(text: string, width: number, size: number, factor: number = layout.charWidth): number {
  const perLine = Math.max(8, Math.floor(width / (size * factor)));
  let lines = 0;
  for (const hardLine of text.split('\n')) {
    const words = hardLine.split(/\s+/).filter(Boolean);
    let current = 0;
    let count = 1;
    for (const word of words) {
      const length = word.length;
      if (current === 0) current = length;
      else if (current + 1 + length <= perLine) current += 1 + length;
      else {
        count++;
        current = length;
      }
      while (current > perLine) {
        count++;
        current -= perLine;
      }
    }
    lines += count;
  }
  return lines;
}

export function titleLines(title: string): number {
  return wrappedLines(title, bodyWidth, layout.title.size);
}
