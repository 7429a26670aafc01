import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { openIsolatedPage } from './browser.js';
import { diagramHash, writeCacheFile } from './mermaid.js';

/** Width and height of an SVG in its own units (its viewBox); undefined when it has none. */
export function svgViewBoxSize(svg: string): { width: number; height: number } | undefined {
  const box = /<svg[^>]*\sviewBox="\s*[-\d.e]+[\s,]+[-\d.e]+[\s,]+([\d.e]+)[\s,]+([\d.e]+)\s*"/.exec(svg);
  return box ? { width: Number(box[1]), height: Number(box[2]) } : undefined;
}

/** Width and height of a PNG in pixels, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Runs in a page: the SVG drawn on a white canvas `scale` times its size, as
 * a PNG data URL. A canvas, not a screenshot: a page that is not in front
 * gets no frames, and a screenshot would wait for one.
 */
async function pngDataUrl(svg: string, width: number, height: number, scale: number): Promise<string> {
  const image = new Image();
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let start = 0; start < bytes.length; start += 8192) binary += String.fromCharCode(...bytes.subarray(start, start + 8192));
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}

export interface RasterOptions {
  /** Cache folder: a PNG is drawn once, ever, for the same SVG and scale. */
  cacheDir: string;
  /** Pixels per SVG unit. */
  scale: number;
}

/** Bumped whenever the drawing of the same SVG at the same scale changes. */
const rasterVersion = 'press-raster-1';

function rasterKey(svg: string, scale: number): string {
  return diagramHash(`${rasterVersion}\n${scale}\n${svg}`);
}

/**
 * PNGs of SVG diagrams, by SVG, for readers that show no SVG (a DOCX picture:
 * LibreOffice and older Word draw an SVG-only picture as an empty box; PowerPoint
 * and its viewers do not all read SVG). Drawn by Chromium on a white ground at
 * `scale` pixels per unit of the SVG's viewBox (800 x 600 without one), cached
 * by content hash in `cacheDir`.
 */
export async function rasterSvgs(browser: Browser, svgs: readonly string[], options: RasterOptions): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const file = (svg: string) => path.join(options.cacheDir, `${rasterKey(svg, options.scale)}.png`);
  const missing: string[] = [];
  for (const svg of new Set(svgs)) {
    const cached = await readFile(file(svg)).catch(() => undefined);
    if (cached) out.set(svg, cached);
    else missing.push(svg);
  }
  if (missing.length === 0) return out;
  await mkdir(options.cacheDir, { recursive: true });
  const page = await openIsolatedPage(browser, { allowedRoots: [] });
  try {
    for (const svg of missing) {
      const size = svgViewBoxSize(svg);
      const width = Math.ceil(size?.width ?? 800);
      const height = Math.ceil(size?.height ?? 600);
      // As an image the SVG needs its size on its root (Mermaid's says width="100%").
      const sized = svg.replace(/^<svg\b/, `<svg width="${width}" height="${height}"`).replace(/(<svg[^>]*?)\swidth="100%"/, '$1');
      const url = await page.evaluate(pngDataUrl, sized, width, height, options.scale);
      const png = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
      await writeCacheFile(file(svg), png);
      out.set(svg, png);
    }
  } finally {
    await page.close();
  }
  return out;
}
