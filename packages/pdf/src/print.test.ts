import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '@pattern-press/render';
import type { Browser, PDFOptions } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationPositions } from './pdf-info.js';
import { setMeasuring } from './print.js';

let browser: Browser;
let work: string;

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'press-print-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(work, { recursive: true, force: true });
});

const untagged: PDFOptions = { preferCSSPageSize: true, printBackground: true, tagged: false, outline: false, timeout: 0 };

describe('a measuring print', () => {
  it('puts every destination where the painted print does, and paints nothing', async () => {
    // Three pages of headings (each a destination: Chromium names those a link points at), paragraphs, a listing and a drawing, as a chapter has.
    const sections = Array.from(
      { length: 24 },
      (_, index) =>
        `<h2 id="s${index}">Section ${index}</h2><p>${'A sentence that wraps over the line. '.repeat(8)}</p>` +
        (index % 5 === 0
          ? `<pre><code>${'const value = compute(input);\n'.repeat(12)}</code></pre><svg width="400" height="160"><rect width="400" height="160" fill="#adf"/><text x="20" y="80">label</text></svg>`
          : ''),
    );
    const file = path.join(work, 'chapter.html');
    await writeFile(
      file,
      `<!doctype html><html><head><style>@page { size: A4; margin: 22mm 20mm 24mm; }</style></head><body><nav>${sections.map((_, index) => `<a href="#s${index}">${index}</a> `).join('')}</nav>${sections.join('')}</body></html>`,
    );
    const page = await browser.newPage();
    try {
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const painted = Buffer.from(await page.pdf(untagged));
      await page.evaluate(setMeasuring, true);
      const measuring = Buffer.from(await page.pdf(untagged));
      await page.evaluate(setMeasuring, false);
      const paintedAgain = Buffer.from(await page.pdf(untagged));

      const positions = await destinationPositions(painted);
      expect(positions.size).toBe(24);
      expect(new Set([...positions.values()].map((place) => place.page)).size).toBeGreaterThanOrEqual(3);
      expect(await destinationPositions(measuring)).toEqual(positions);
      // Nothing painted: no text to extract, and a fraction of the bytes.
      const text = async (pdf: Buffer, name: string) => {
        await writeFile(path.join(work, name), pdf);
        return execFileSync('pdftotext', [path.join(work, name), '-'], { encoding: 'utf8' });
      };
      expect((await text(measuring, 'measuring.pdf')).replace(/\f/g, '').trim()).toBe('');
      expect(await text(painted, 'painted.pdf')).toContain('Section 23');
      expect(measuring.length).toBeLessThan(painted.length / 3);
      // Switched off, the page prints as before.
      expect(await text(paintedAgain, 'again.pdf')).toBe(await text(painted, 'painted.pdf'));
    } finally {
      await page.close();
    }
  }, 120_000);
});
