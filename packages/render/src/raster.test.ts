import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openIsolatedPage } from './browser.js';
import { pngSize, rasterSvgs, svgViewBoxSize } from './raster.js';

let browser: Browser;
let cacheDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'press-raster-'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await rm(cacheDir, { recursive: true, force: true });
});

// As Mermaid writes them: width 100%, the size in the viewBox.
const svg = '<svg id="m" width="100%" xmlns="http://www.w3.org/2000/svg" viewBox="-8 -8 101 40.5"><rect x="-8" y="-8" width="50" height="40.5" fill="#000"/></svg>';

describe('rasterSvgs', () => {
  it('draws an SVG at `scale` pixels per viewBox unit on white, once per SVG and scale', async () => {
    expect(svgViewBoxSize(svg)).toEqual({ width: 101, height: 40.5 });
    const [two, twoAndAHalf] = [await rasterSvgs(browser, [svg, svg], { cacheDir, scale: 2 }), await rasterSvgs(browser, [svg], { cacheDir, scale: 2.5 })];
    expect(pngSize(two.get(svg)!)).toEqual({ width: 202, height: 82 });
    expect(pngSize(twoAndAHalf.get(svg)!)).toEqual({ width: 253, height: 103 });
    expect((await readdir(cacheDir)).length).toBe(2);
    // Read back in Chromium: black where the rectangle is, white beside it.
    const page = await openIsolatedPage(browser, { allowedRoots: [] });
    try {
      const pixels = await page.evaluate(
        async (url: string) => {
          const image = new Image();
          image.src = url;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          return [Array.from(context.getImageData(10, 10, 1, 1).data), Array.from(context.getImageData(180, 10, 1, 1).data)];
        },
        `data:image/png;base64,${two.get(svg)!.toString('base64')}`,
      );
      expect(pixels).toEqual([
        [0, 0, 0, 255],
        [255, 255, 255, 255],
      ]);
    } finally {
      await page.close();
    }
    // Cached: the same bytes without drawing again.
    expect((await rasterSvgs(browser, [svg], { cacheDir, scale: 2 })).get(svg)!.equals(two.get(svg)!)).toBe(true);
  }, 120_000);
});
