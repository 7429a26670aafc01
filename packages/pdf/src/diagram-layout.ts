import { renderMermaid, type MermaidResult } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';

/** The printed column (170 mm by 251 mm, style.ts's @page box) in points, less room for a caption below. */
const column = { width: (170 * 72) / 25.4, height: (251 * 72) / 25.4 - 30 };

/** The label size a diagram's text should print at, at most (body text is 10.5 pt). */
const labelPoints = 9;
/** Under this across the column, a diagram is drawn another way (turned, or its flow's direction changed). */
const smallestUprightPoints = 8;

/** The drawing's size in CSS px (its viewBox) and its largest text size. */
function svgMetrics(svg: string): { width: number; height: number; fontPx: number } | undefined {
  const box = /<svg[^>]*\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!box) return undefined;
  const sizes = [...svg.matchAll(/font-size:\s*([\d.]+)px/g)].map((match) => Number(match[1]));
  return { width: Number(box[1]), height: Number(box[2]), fontPx: sizes.length > 0 ? Math.max(...sizes) : 16 };
}

/** The size (pt) its largest label prints at across the column (never enlarged, at most {@link labelPoints}). */
export function uprightLabelPoints(svg: string): number | undefined {
  const metrics = svgMetrics(svg);
  if (!metrics) return undefined;
  const label = metrics.fontPx * 0.75;
  const scale = Math.min(1, labelPoints / label, column.width / (metrics.width * 0.75), column.height / (metrics.height * 0.75));
  return label * scale;
}

/** A left-to-right (or right-to-left) flowchart's source drawn top to bottom; undefined for any other diagram. */
export function topToBottom(source: string): string | undefined {
  const lines = source.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('%%'));
  const match = first < 0 ? null : /^(\s*(?:flowchart|graph)\s+)(LR|RL)\b(.*)$/.exec(lines[first]!);
  if (!match) return undefined;
  lines[first] = `${match[1]}TB${match[3]}`;
  return lines.join('\n');
}

/**
 * Renders diagrams for print: a flowchart drawn left to right that is too
 * wide for its labels to print at {@link smallestUprightPoints} across the
 * column is drawn top to bottom instead, when that prints its labels
 * larger (a long chain reads down the page as well as across it). What is
 * still too wide is turned on a page of its own by the print (template.ts).
 * Results are keyed by the author's source.
 */
export async function renderPrintDiagrams(browser: Browser, sources: readonly string[], cacheDir: string): Promise<Map<string, MermaidResult>> {
  const results = await renderMermaid(browser, sources, { cacheDir });
  const wide = [...results].flatMap(([source, result]) => {
    const points = result.svg === undefined ? undefined : uprightLabelPoints(result.svg);
    const turned = topToBottom(source);
    return points !== undefined && points < smallestUprightPoints && turned !== undefined ? [{ source, points, turned }] : [];
  });
  if (wide.length === 0) return results;
  const alternatives = await renderMermaid(
    browser,
    wide.map((item) => item.turned),
    { cacheDir },
  );
  for (const { source, points, turned } of wide) {
    const svg = alternatives.get(turned)?.svg;
    if (svg !== undefined && (uprightLabelPoints(svg) ?? 0) > points) results.set(source, { svg });
  }
  return results;
}
