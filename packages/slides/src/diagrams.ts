import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openIsolatedPage } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { svgSize } from './html.js';

/** Pixels per SVG unit of the PNG given to PowerPoint: sharp on a projector, small enough to mail. */
export const pngScale = 2.5;

function pngKey(svg: string): string {
  return createHash('sha256').update(`slides-png-v1\n${pngScale}\n${svg}`).digest('hex');
}

/**
 * PNG renders of diagram SVGs (PowerPoint and its viewers do not all read SVG),
 * screenshot by Chromium and cached in `<cacheDir>/slides-png/` by content hash.
 */
export async function diagramPngs(browser: Browser, svgs: readonly string[], cacheDir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const folder = path.join(cacheDir, 'slides-png');
  const missing: string[] = [];
  for (const svg of new Set(svgs)) {
    const cached = await readFile(path.join(folder, `${pngKey(svg)}.png`)).catch(() => undefined);
    if (cached) out.set(svg, cached);
    else missing.push(svg);
  }
  if (missing.length === 0) return out;
  await mkdir(folder, { recursive: true });
  const page = await openIsolatedPage(browser, { allowedRoots: [] });
  try {
    for (const svg of missing) {
      const { width, height } = svgSize(svg);
      const w = Math.ceil(width);
      const h = Math.ceil(height);
      await page.setViewport({ width: Math.max(w, 1), height: Math.max(h, 1), deviceScaleFactor: pngScale });
      const data = Buffer.from(svg).toString('base64');
      await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff"><img id="d" style="display:block;width:${w}px;height:${h}px" src="data:image/svg+xml;base64,${data}"></body></html>`, { waitUntil: 'load' });
      const element = await page.$('#d');
      const png = Buffer.from(await element!.screenshot({ type: 'png', omitBackground: false }));
      const file = path.join(folder, `${pngKey(svg)}.png`);
      // Written beside and renamed, so a parallel build never reads half a file.
      await writeFile(`${file}.${process.pid}.tmp`, png);
      await rename(`${file}.${process.pid}.tmp`, file);
      out.set(svg, png);
    }
  } finally {
    await page.close();
  }
  return out;
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
