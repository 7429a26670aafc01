import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagramHash, openIsolatedPage, writeCacheFile } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { svgMetrics } from './diagram-layout.js';

/** Pixels per CSS px of a raster: sharp in print at the size the labels are meant to be read. */
const density = 2;

/**
 * Runs in a page: the SVG drawn on a white canvas `density` times its size,
 * as a PNG data URL. A canvas, not a screenshot: a page that is not in
 * front gets no frames, and a screenshot would wait for one.
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

/**
 * PNGs of rendered diagrams (by SVG), for readers that show no SVG: a DOCX
 * picture needs a raster (LibreOffice and older Word draw an SVG-only
 * picture as an empty box). Drawn by Chromium at twice the SVG's size, once
 * per SVG ever (`<cacheDir>/<sha256 of the SVG>.png`).
 */
export async function rasterDiagrams(browser: Browser, svgs: readonly string[], cacheDir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const svg of new Set(svgs)) {
    const cached = await readFile(path.join(cacheDir, `${diagramHash(svg)}.png`)).catch(() => undefined);
    if (cached) out.set(svg, cached);
    else missing.push(svg);
  }
  if (missing.length === 0) return out;
  await mkdir(cacheDir, { recursive: true });
  const page = await openIsolatedPage(browser, { allowedRoots: [] });
  try {
    for (const svg of missing) {
      const metrics = svgMetrics(svg);
      const width = Math.ceil(metrics?.width ?? 800);
      const height = Math.ceil(metrics?.height ?? 600);
      // As an image the SVG needs its size and namespace on its root; the drawing is Mermaid's, sanitized by strict mode.
      const sized = svg.replace(/^<svg\b/, `<svg width="${width}" height="${height}"`).replace(/(<svg[^>]*?)\swidth="100%"/, '$1');
      const url = await page.evaluate(pngDataUrl, sized, width, height, density);
      const png = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
      await writeCacheFile(path.join(cacheDir, `${diagramHash(svg)}.png`), png);
      out.set(svg, png);
    }
  } finally {
    await page.close();
  }
  return out;
}
