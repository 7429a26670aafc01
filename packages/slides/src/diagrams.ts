import { openIsolatedPage } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';

/** Pixels per SVG unit of the PNG given to PowerPoint: sharp on a projector, small enough to mail. */
export const pngScale = 2.5;

/**
 * The same diagram drawn the other way round (left to right instead of top
 * to bottom, or back), for a slide whose shape suits it better; undefined for
 * diagrams Mermaid gives no direction (sequence diagrams, charts).
 */
export function flippedDiagram(source: string): string | undefined {
  const flow = /^(\s*(?:%%.*\n\s*)*)(flowchart|graph)([ \t]+)(LR|RL|TB|TD|BT)\b/.exec(source);
  if (flow) return source.replace(flow[0], `${flow[1]}${flow[2]}${flow[3]}${flow[4] === 'LR' || flow[4] === 'RL' ? 'TB' : 'LR'}`);
  const header = /^(\s*(?:%%.*\n\s*)*)(stateDiagram(?:-v2)?|classDiagram(?:-v2)?)[^\n]*\n/.exec(source);
  if (!header) return undefined;
  const direction = /^([ \t]*)direction[ \t]+(LR|RL|TB|BT)[ \t]*$/m.exec(source.slice(header[0].length));
  if (direction && direction[1]!.length <= 4)
    return header[0] + source.slice(header[0].length).replace(direction[0], `${direction[1]}direction ${direction[2] === 'LR' || direction[2] === 'RL' ? 'TB' : 'LR'}`);
  return `${header[0]}    direction LR\n${source.slice(header[0].length)}`;
}

/**
 * The same diagram with less room between its shapes (Mermaid's own spacing
 * settings, labels untouched): what a slide needs when the drawing must shrink.
 */
export function compactDiagram(source: string): string {
  const init = {
    flowchart: { nodeSpacing: 22, rankSpacing: 30, padding: 6, diagramPadding: 4 },
    state: { nodeSpacing: 22, rankSpacing: 30, padding: 4 },
    sequence: { actorMargin: 24, boxMargin: 4, messageMargin: 22, noteMargin: 4, diagramMarginX: 4, diagramMarginY: 4 },
    class: { nodeSpacing: 22, rankSpacing: 30 },
    er: { diagramPadding: 4, entityPadding: 8 },
  };
  return `%%{init: ${JSON.stringify(init)}}%%\n${source}`;
}

/** Top and bottom, in the drawing's units, of every shape and label of an SVG (edges and lines left out: a cut may cross them). */
async function solidSpans(browser: Browser, svg: string): Promise<{ top: number; bottom: number; spans: Array<[number, number]> }> {
  const page = await openIsolatedPage(browser, { allowedRoots: [] });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`, { waitUntil: 'load' });
    return await page.evaluate(() => {
      const root = document.querySelector('svg')!;
      const viewBox = root.viewBox.baseVal;
      // Drawn at its own size, so the page's units are the drawing's.
      root.style.maxWidth = 'none';
      root.setAttribute('width', String(viewBox.width));
      root.setAttribute('height', String(viewBox.height));
      const box = root.getBoundingClientRect();
      const unit = viewBox.height / box.height;
      const spans: Array<[number, number]> = [];
      for (const element of Array.from(root.querySelectorAll('text, rect, polygon, circle, ellipse, foreignObject, image'))) {
        const rect = element.getBoundingClientRect();
        if (rect.height === 0 && rect.width === 0) continue;
        spans.push([viewBox.y + (rect.top - box.top) * unit, viewBox.y + (rect.bottom - box.top) * unit]);
      }
      return { top: viewBox.y, bottom: viewBox.y + viewBox.height, spans };
    });
  } finally {
    await page.close();
  }
}

/**
 * Cuts a drawing taller than a slide into bands at most `height` units high,
 * each cut across the gap between two rows (through edges, never through a
 * shape or a label); undefined when the drawing has no such gaps.
 */
export async function diagramBands(browser: Browser, svg: string, height: number): Promise<Array<[number, number]> | undefined> {
  const { top, bottom, spans } = await solidSpans(browser, svg);
  // A box taller than a band (a subgraph's frame, a loop) is cut whatever we do.
  const solid = spans.filter(([from, to]) => to - from < height * 0.8);
  const clear = (y: number) => solid.every(([from, to]) => y <= from || y >= to);
  const bands: Array<[number, number]> = [];
  let start = top;
  while (bottom - start > height) {
    const limit = start + height;
    const candidates = solid.flatMap(([from, to]) => [from - 2, to + 2]).filter((y) => y > start + height * 0.3 && y <= limit && clear(y));
    if (candidates.length === 0) return undefined;
    // Bands of about equal height: the cut nearest an even share of what is left.
    const target = start + (bottom - start) / Math.ceil((bottom - start) / height);
    const cut = candidates.reduce((best, y) => (Math.abs(y - target) < Math.abs(best - target) ? y : best));
    bands.push([start, cut]);
    start = cut;
  }
  bands.push([start, bottom]);
  return bands;
}

/** The part of an SVG between two heights (its viewBox narrowed: the drawing itself is left as it is). */
export function svgBand(svg: string, [from, to]: [number, number]): string {
  return svg.replace(
    /viewBox="\s*([-\d.e]+)[\s,]+([-\d.e]+)[\s,]+([\d.e]+)[\s,]+([\d.e]+)\s*"/,
    (_, x: string, _y: string, width: string) => `viewBox="${x} ${+from.toFixed(2)} ${width} ${+(to - from).toFixed(2)}"`,
  );
}
