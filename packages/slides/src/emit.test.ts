import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, restrictBuilt, toPublication, type Publication } from '@pattern-press/format';
import { fileUrl, launchBrowser, openIsolatedPage } from '@pattern-press/render';
import JSZip from 'jszip';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckModel, withDiagramParts, type Deck } from './deck.js';
import { emitSlides, type EmitSlidesResult } from './emit.js';

const modulesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../modules');

let browser: Browser;
let publication: Publication;
let deck: Deck;
let outDir: string;
let secondOutDir: string;
let result: EmitSlidesResult;
let second: EmitSlidesResult;

beforeAll(async () => {
  browser = await launchBrowser();
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  // Only circuit-breaker is built: the tests must not grow with the content.
  publication = restrictBuilt(toPublication(collection), ['circuit-breaker']);
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'slides-cache-'));
  outDir = await mkdtemp(path.join(os.tmpdir(), 'slides-out-'));
  secondOutDir = await mkdtemp(path.join(os.tmpdir(), 'slides-out-'));
  result = await emitSlides(publication, { outDir, cacheDir, browser });
  second = await emitSlides(publication, { outDir: secondOutDir, cacheDir, browser });
  // The deck as built: a diagram too tall for one slide is shown in bands (their files say how many).
  const model = deckModel(publication.modules.find((module) => module.slug === 'circuit-breaker')!, { library: publication.library, builtSlugs: new Set(['circuit-breaker']) });
  const parts = new Map<string, number>();
  for (const file of result.files) {
    const band = /^circuit-breaker\/diagrams\/(d-[0-9a-f]+)-(\d+)\.svg$/.exec(file);
    if (band) parts.set(band[1]!, Math.max(parts.get(band[1]!) ?? 0, Number(band[2])));
  }
  deck = withDiagramParts(model, parts);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const deckDir = () => path.join(outDir, 'circuit-breaker');

describe('emitSlides', () => {
  it('builds the built modules only: circuit-breaker, not the outlines', () => {
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual(expect.arrayContaining(['circuit-breaker.pdf', 'circuit-breaker.pptx', 'circuit-breaker/index.html', 'circuit-breaker/reveal/reveal.js']));
    expect(result.files.some((file) => file.startsWith('retry-backoff') || file.startsWith('bulkhead'))).toBe(false);
  });

  it('writes one reveal.js section per slide of the model, loading nothing from outside the folder', async () => {
    const html = await readFile(path.join(deckDir(), 'index.html'), 'utf8');
    expect(html.match(/<section /g)).toHaveLength(deck.slides.length);
    expect(html.match(/<aside class="notes">/g)).toHaveLength(deck.slides.length);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const [, ref] of html.matchAll(/(?:src|href)="([^"#]+)"/g)) {
      if (/^(https?:|mailto:|\.\.\/)/.test(ref!)) continue; // links the reader may follow, not loaded
      await expect(readFile(path.join(deckDir(), ref!))).resolves.toBeTruthy();
    }
  });

  it('prints the PDF with one page per slide', () => {
    const info = execFileSync('pdfinfo', [path.join(outDir, 'circuit-breaker.pdf')], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(deck.slides.length);
    expect(info).toMatch(/Page size:\s+960 x 540 pts/);
  });

  it('writes an editable PPTX: a slide part per slide, each with notes and real text runs', async () => {
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, 'circuit-breaker.pptx')));
    const slideParts = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
    expect(slideParts).toHaveLength(deck.slides.length);
    const text = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ');
    const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    for (const [index, slide] of deck.slides.entries()) {
      const n = index + 1;
      const xml = await zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
      const rels = await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)!.async('string');
      expect(rels).toMatch(/relationships\/notesSlide" Target="\.\.\/notesSlides\/notesSlide\d+\.xml"/);
      const notes = await zip.file(`ppt/notesSlides/notesSlide${n}.xml`)!.async('string');
      expect(unescape(text(notes)), `notes of slide ${n}`).toContain(slide.notes.split('\n')[0]!.slice(0, 40));
      expect(unescape(text(xml)), `text of slide ${n}`).toContain(slide.layout === 'title' ? 'Circuit Breaker' : slide.title);
      if (slide.layout === 'diagram') expect(xml).toContain('<p:pic>');
      else expect(xml).not.toContain('<p:pic>');
      if (slide.layout === 'text') expect(text(xml).length).toBeGreaterThan(slide.title.length + 20);
    }
    const media = Object.keys(zip.files).filter((name) => name.startsWith('ppt/media/'));
    expect(media.every((name) => name.endsWith('.png'))).toBe(true);
  });

  it('is deterministic: a second build gives byte-identical HTML, assets, PDF and PPTX', async () => {
    expect(second.files).toEqual(result.files);
    for (const file of result.files) {
      const [a, b] = await Promise.all([readFile(path.join(outDir, file)), readFile(path.join(secondOutDir, file))]);
      expect(a.equals(b), file).toBe(true);
    }
  });
});

describe('the deck in Chromium', () => {
  it('opens without a single request outside its folder, on every slide', async () => {
    const blocked: string[] = [];
    const page = await openIsolatedPage(browser, { allowedRoots: [deckDir()], onBlocked: (url) => blocked.push(url) });
    try {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(fileUrl(path.join(deckDir(), 'index.html')), { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as any).Reveal?.isReady() === true);
      const total = await page.evaluate(() => (globalThis as any).Reveal.getTotalSlides() as number);
      expect(total).toBe(deck.slides.length);
      await page.evaluate(async (count: number) => {
        for (let index = 0; index < count; index++) {
          (globalThis as any).Reveal.slide(index);
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      }, total);
      const images = await page.evaluate(() => [...document.querySelectorAll('img')].map((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 })));
      expect(images.length).toBeGreaterThan(0);
      expect(images.filter((img) => !img.ok)).toEqual([]);
    } finally {
      await page.close();
    }
    expect(blocked).toEqual([]);
  });

  for (const view of ['slide', 'print'] as const) {
    it(`overflows no slide box (${view} view)`, async () => {
      const page = await openIsolatedPage(browser, { allowedRoots: [deckDir()] });
      try {
        await page.setViewport({ width: 1280, height: 720 });
        await page.goto(`${fileUrl(path.join(deckDir(), 'index.html'))}${view === 'print' ? '?print-pdf' : ''}`, { waitUntil: 'load' });
        await page.waitForFunction(() => (globalThis as any).Reveal?.isReady() === true);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const problems = await page.evaluate(async (printView: boolean) => {
          const reveal = (globalThis as any).Reveal;
          const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')];
          const out: string[] = [];
          for (const [index, section] of sections.entries()) {
            if (!printView) {
              reveal.slide(index);
              await new Promise((resolve) => requestAnimationFrame(resolve));
            }
            const frame = section.querySelector<HTMLElement>('.frame')!;
            const box = frame.getBoundingClientRect();
            const scale = box.width / 1280;
            if (frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1) out.push(`${section.id}: frame ${frame.scrollWidth}x${frame.scrollHeight}`);
            const body = frame.querySelector<HTMLElement>('.body');
            if (body && (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)) out.push(`${section.id}: body ${body.scrollWidth}x${body.scrollHeight} in ${body.clientWidth}x${body.clientHeight}`);
            const footer = frame.querySelector<HTMLElement>('footer')!.getBoundingClientRect();
            for (const element of frame.querySelectorAll<HTMLElement>('header, .body > *, .body li, .body img, .body table, .body pre, h1, .tagline, .meta, .badge')) {
              const rect = element.getBoundingClientRect();
              if (rect.width === 0 && rect.height === 0) continue;
              const outside = rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1;
              const intoFooter = !element.matches('header') && rect.bottom > footer.top + 1;
              if (outside || intoFooter) out.push(`${section.id}: <${element.tagName.toLowerCase()} class="${element.className}"> at ${Math.round((rect.top - box.top) / scale)}..${Math.round((rect.bottom - box.top) / scale)}`);
            }
            const kicker = frame.querySelector<HTMLElement>('.kicker');
            if (kicker && kicker.scrollWidth > kicker.clientWidth + 1) out.push(`${section.id}: kicker cut`);
          }
          return out;
        }, view === 'print');
        expect(problems).toEqual([]);
        if (view === 'print') expect(await page.$$eval('.pdf-page', (pages) => pages.length)).toBe(deck.slides.length);
      } finally {
        await page.close();
      }
    }, 300_000);
  }
});
