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

export interface RasterOptions {
  /** Cache folder: a PNG is drawn once, ever, for the same SVG and scale. */
  cacheDir: string;
  /** Pixels per SVG unit. */
  scale: number;
}

/** Bumped whenever the drawing of the same SVG at the same scale changes. */
const rasterVersion = 'press-raster-2';

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
      const width = Math.max(Math.ceil(size?.width ?? 800), 1);
      const height = Math.max(Math.ceil(size?.height ?? 600), 1);
      // A screenshot, not a canvas's toDataURL: Chromium's screenshot PNGs of the same size are about a third smaller.
      await page.setViewport({ width, height, deviceScaleFactor: options.scale });
      const data = Buffer.from(svg).toString('base64');
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:#fff"><img id="d" style="display:block;width:${width}px;height:${height}px" src="data:image/svg+xml;base64,${data}"></body></html>`,
        { waitUntil: 'load' },
      );
      const element = await page.$('#d');
      const png = Buffer.from(await element!.screenshot({ type: 'png', omitBackground: false }));
      await writeCacheFile(file(svg), png);
      out.set(svg, png);
    }
  } finally {
    await page.close();
  }
  return out;
}
