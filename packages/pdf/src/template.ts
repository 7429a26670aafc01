/** Set by the page once fonts and images are ready: rendering waits for it, not for network idle. */
export const readyFlag = '__pressReady';

/**
 * Sizes every diagram so that its labels print near body size: never
 * enlarged, its largest label at most 9 pt, and as large as the column and
 * the page allow. One whose labels would fall under 7 pt (unreadable) across the column
 * is turned a quarter (a landscape page of its own) when that prints it
 * larger. Sizes are in points of the printed page (1 CSS px = 0.75 pt);
 * the column is 170 mm by 251 mm (the @page box of style.ts).
 */
function sizeDiagrams(): void {
  const mm = 72 / 25.4;
  const column = 170 * mm;
  const height = 251 * mm;
  const caption = 30;
  for (const figure of Array.from(document.querySelectorAll<HTMLElement>('figure.diagram'))) {
    const svg = figure.querySelector('svg');
    const box = svg?.viewBox.baseVal;
    if (!svg || !box || box.width <= 0 || box.height <= 0) continue;
    const sizes = Array.from(svg.querySelectorAll('text'))
      .filter((text) => (text.textContent ?? '').trim() !== '')
      .map((text) => parseFloat(getComputedStyle(text).fontSize) * 0.75);
    const largest = Math.max(12, ...sizes);
    const smallest = Math.min(largest, ...sizes);
    const most = Math.min(1, 9 / largest);
    const width = box.width * 0.75;
    const tall = box.height * 0.75;
    const upright = Math.min(most, column / width, (height - caption) / tall);
    const turned = Math.min(most, height / width, (column - caption) / tall);
    // Turned only when it cannot be read upright: a turned figure takes a page of its own and leaves a gap before it.
    const turn = smallest * upright < 7 && turned > upright;
    const scale = turn ? turned : upright;
    svg.removeAttribute('width');
    svg.style.width = `${width * scale}pt`;
    svg.style.height = `${tall * scale}pt`;
    svg.style.maxWidth = 'none';
    svg.style.maxHeight = 'none';
    svg.dataset.labelPoints = String(smallest * scale);
    if (turn) figure.parentElement?.classList.add('diagram-turned');
  }
}

const readyScript = `(${sizeDiagrams.toString()})(); Promise.all([document.fonts.ready].concat(Array.from(document.images, function (image) { return image.decode().catch(function () {}); }))).then(function () { window.${readyFlag} = true; });`;

/** Pandoc's HTML template for one document, with its stylesheet inline (pandoc templates escape `$` as `$$`). */
export function htmlTemplate(css: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="$lang$">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>$pagetitle$</title>',
    '$if(highlighting-css)$<style>$highlighting-css$</style>$endif$',
    `<style>${css.replace(/\$/g, '$$$$')}</style>`,
    '</head>',
    '<body>',
    '$body$',
    `<script>${readyScript.replace(/\$/g, '$$$$')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
