// Quality gates on the real decks of the repository's modules, built once:
// the PPTX read with an XML parser, the HTML deck stepped through in Chromium,
// the PDF read back. The figures (slides, code slides, smallest sizes) are
// printed for the record, never compared with a fixed number.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import { checkCollection } from '@pattern-press/checks';
import { isBuilt, loadCollection, toPublication, type Publication } from '@pattern-press/format';
import { fileUrl, launchBrowser, openIsolatedPage } from '@pattern-press/render';
import JSZip from 'jszip';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckModel, type Deck } from './deck.js';
import { emitSlides } from './emit.js';
import { layout, minimumSize } from './layout.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface SlideFacts {
  id: string;
  layout: string;
  /** List items on the slide (ul.points li). */
  items: number;
  outside: string[];
  /** Smallest text size on the slide, px at 1280x720: body text and code apart. */
  text: number;
  code: number;
  small: string[];
  /** Text before each ellipsis on the slide. */
  ellipses: string[];
  codeLines?: string[];
  codeRows?: number;
}

interface DeckFacts {
  slides: SlideFacts[];
  /** Smallest label of each diagram slide, px as shown. */
  diagramLabels: Array<{ id: string; size: number }>;
}

let browser: Browser;
let outDir: string;
let publication: Publication;
const decks = new Map<string, Deck>();
const facts = new Map<string, DeckFacts>();
const sources = new Map<string, string>();

async function measureDeck(slug: string): Promise<DeckFacts> {
  const deckDir = path.join(outDir, slug);
  const page = await openIsolatedPage(browser, { allowedRoots: [deckDir] });
  try {
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(fileUrl(path.join(deckDir, 'index.html')), { waitUntil: 'load' });
    await page.waitForFunction(() => (globalThis as any).Reveal?.isReady() === true);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const slides = await page.evaluate(async () => {
      const reveal = (globalThis as any).Reveal;
      const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')];
      const out: any[] = [];
      for (const [index, section] of sections.entries()) {
        reveal.slide(index);
        // Every step of a slide shown: what the audience sees last.
        while (reveal.nextFragment()) {
          /* shows the next point */
        }
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const frame = section.querySelector<HTMLElement>('.frame')!;
        const box = frame.getBoundingClientRect();
        const scale = box.width / 1280;
        const outside: string[] = [];
        const footer = frame.querySelector('footer')!.getBoundingClientRect();
        for (const element of frame.querySelectorAll<HTMLElement>('*')) {
          const rect = element.getBoundingClientRect();
          if (rect.width === 0 && rect.height === 0) continue;
          if (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1) outside.push(`<${element.tagName.toLowerCase()} class="${element.className}">`);
          else if (element.closest('.body') && rect.bottom > footer.top + 1) outside.push(`<${element.tagName.toLowerCase()}> into the footer`);
        }
        const body = frame.querySelector<HTMLElement>('.body');
        if (body && (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)) outside.push(`body ${body.scrollWidth}x${body.scrollHeight} in ${body.clientWidth}x${body.clientHeight}`);
        let text = Infinity;
        let code = Infinity;
        const small: string[] = [];
        const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
        const ellipses: string[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement!;
          if (!node.textContent?.trim() || parent.closest('footer, .kicker, aside')) continue;
          const size = Number.parseFloat(getComputedStyle(parent).fontSize);
          if (parent.closest('code, pre')) code = Math.min(code, size);
          else text = Math.min(text, size);
          if (size < (parent.closest('code, pre') ? 20 : 24)) small.push(`${size.toFixed(1)}px "${node.textContent.trim().slice(0, 30)}"`);
        }
        for (const element of frame.querySelectorAll('.body, h1, h2')) {
          const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let node = texts.nextNode(); node; node = texts.nextNode()) {
            const shown = node.textContent ?? '';
            for (const match of shown.matchAll(/(…|\.\.\.)/g)) ellipses.push(shown.slice(Math.max(0, match.index! - 24), match.index!));
          }
        }
        const pre = frame.querySelector<HTMLElement>('pre.code code');
        out.push({
          id: section.id,
          layout: section.className.replace(/^.*layout-(\w+).*$/, '$1'),
          items: frame.querySelectorAll('ul.points li').length,
          outside,
          text,
          code,
          small,
          ellipses,
          ...(pre && section.classList.contains('layout-code')
            ? { codeLines: pre.textContent!.split('\n'), codeRows: Math.round(pre.getBoundingClientRect().height / scale / Number.parseFloat(getComputedStyle(pre).lineHeight)) }
            : {}),
        });
      }
      return out;
    });
    // Diagram labels: each SVG drawn inline at the size its slide shows it, every label's font measured.
    const diagramLabels: DeckFacts['diagramLabels'] = [];
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('section.layout-diagram figure.diagram img')].map((img) => ({ id: img.closest('section')!.id, src: img.getAttribute('src')!, width: img.width })),
    );
    for (const diagram of shown) {
      const svg = await readFile(path.join(deckDir, diagram.src), 'utf8');
      const size = await page.evaluate(
        (markup: string, width: number) => {
          const holder = document.createElement('div');
          holder.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
          holder.innerHTML = markup;
          document.body.append(holder);
          const root = holder.querySelector('svg')!;
          root.style.maxWidth = 'none';
          root.setAttribute('width', String(width));
          root.removeAttribute('height');
          const viewBox = root.viewBox.baseVal;
          const scale = root.getBoundingClientRect().width / viewBox.width;
          let least = Infinity;
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent?.trim() || node.parentElement!.closest('style')) continue;
            least = Math.min(least, Number.parseFloat(getComputedStyle(node.parentElement!).fontSize) * scale);
          }
          holder.remove();
          return least;
        },
        svg,
        diagram.width,
      );
      diagramLabels.push({ id: diagram.id, size });
    }
    return { slides, diagramLabels };
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  const collection = await loadCollection(path.join(repo, 'modules'));
  checkCollection(collection);
  publication = toPublication(collection);
  outDir = await mkdtemp(path.join(os.tmpdir(), 'slides-gates-'));
  // Diagram renders are cached by content hash: the build's own cache serves them.
  const result = await emitSlides(publication, { outDir, cacheDir: path.join(repo, '.press-cache'), browser });
  expect(result.problems).toEqual([]);
  const built = publication.modules.filter(isBuilt);
  const builtSlugs = new Set(built.map((module) => module.slug));
  for (const module of built) {
    decks.set(module.slug, deckModel(module, { library: publication.library, builtSlugs }));
    sources.set(module.slug, await readFile(path.join(repo, 'modules', module.slug, 'module.md'), 'utf8'));
    facts.set(module.slug, await measureDeck(module.slug));
  }
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const slugs = () => [...decks.keys()];
/** The smallest of measured sizes (a slide without code reports none). */
const least = (sizes: ReadonlyArray<number | null>) => Math.min(...sizes.filter((size): size is number => typeof size === 'number' && Number.isFinite(size))).toFixed(1);

describe('the decks of every built module', () => {
  it('are all there, and the figures are printed', () => {
    expect(slugs().length).toBeGreaterThan(0);
    const rows = slugs().map((slug) => {
      const slides = facts.get(slug)!.slides;
      return `${slug}: ${slides.length} slides, ${slides.filter((slide) => slide.layout === 'code').length} code`;
    });
    const all = [...facts.values()].flatMap((deck) => deck.slides);
    const labels = [...facts.values()].flatMap((deck) => deck.diagramLabels.map((label) => label.size));
    console.log(
      [
        ...rows,
        `total ${all.length} slides, ${all.filter((slide) => slide.layout === 'code').length} code slides`,
        `smallest text ${least(all.map((slide) => slide.text))} px, code ${least(all.map((slide) => slide.code))} px, diagram label ${least(labels)} px`,
        `code slides over ${layout.code.maxLines} lines (kept whole statements): ${all.filter((slide) => (slide.codeRows ?? 0) > layout.code.maxLines).length}`,
      ].join('\n'),
    );
  });
});

describe('HTML deck in Chromium, every slide, every step', () => {
  it('keeps everything inside the slide', () => {
    const problems = slugs().flatMap((slug) => facts.get(slug)!.slides.flatMap((slide) => slide.outside.map((what) => `${slug}#${slide.id}: ${what}`)));
    expect(problems).toEqual([]);
  });

  it(`shows no text under ${minimumSize.text} px and no code under ${minimumSize.code} px`, () => {
    const problems = slugs().flatMap((slug) => facts.get(slug)!.slides.flatMap((slide) => slide.small.map((what) => `${slug}#${slide.id}: ${what}`)));
    expect(problems).toEqual([]);
  });

  it(`draws no diagram label under ${minimumSize.diagramLabel} px`, () => {
    const problems = slugs().flatMap((slug) => facts.get(slug)!.diagramLabels.filter((label) => label.size < minimumSize.diagramLabel - 0.05).map((label) => `${slug}#${label.id}: ${label.size.toFixed(1)} px`));
    expect(problems).toEqual([]);
  });

  it('shows no ellipsis the author did not write', () => {
    const plain = (text: string) =>
      text
        .replace(/[‘’]/g, "'")
        .replace(/[“”]/g, '"')
        .replace(/…/g, '...')
        .replace(/[*_`]/g, '')
        .replace(/\s+/g, ' ');
    const problems: string[] = [];
    for (const slug of slugs()) {
      const source = plain(sources.get(slug)!);
      for (const slide of facts.get(slug)!.slides) {
        for (const before of slide.ellipses) {
          const words = plain(before).trim().split(' ').slice(-3).join(' ');
          if (!source.replace(/ \.\.\./g, '...').includes(`${words}...`)) problems.push(`${slug}#${slide.id}: "${before}…"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it(`keeps every code slide within the line cap (${layout.code.maxLines}, ${layout.code.stretchLines} to keep a statement whole)`, () => {
    const cap = layout.code.stretchLines;
    const problems = slugs().flatMap((slug) =>
      facts
        .get(slug)!
        .slides.filter((slide) => slide.codeLines && (slide.codeLines.length > cap || slide.codeRows! > cap))
        .map((slide) => `${slug}#${slide.id}: ${slide.codeLines!.length} lines, ${slide.codeRows} rows`),
    );
    expect(problems).toEqual([]);
  });

  it('never splits code inside a statement', () => {
    const problems: string[] = [];
    for (const slug of slugs()) {
      const slides = facts.get(slug)!.slides;
      const text: string[] = [];
      slides.forEach((slide, index) => {
        const before = slides[index - 1];
        const base = (id: string) => id.replace(/--\d+$/, '');
        if (!slide.codeLines) return void (text.length = 0);
        if (!before?.codeLines || base(before.id) !== base(slide.id)) {
          text.length = 0;
          text.push(...slide.codeLines);
          return;
        }
        const last = [...before.codeLines].reverse().find((line) => line.trim() !== '') ?? '';
        const first = slide.codeLines.find((line) => line.trim() !== '') ?? '';
        const sofar = text
          .join('\n')
          .replace(/("""|''')[\s\S]*?\1/g, '')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/`[^`]*`/g, '')
          .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '')
          .replace(/(#|\/\/).*$/gm, '');
        const open = (sofar.match(/[([]/g) ?? []).length - (sofar.match(/[)\]]/g) ?? []).length;
        const unclosed = /("""|'''|\/\*|`)/.test(sofar);
        const code = last.replace(/\s+(#|\/\/).*$/, '').trimEnd();
        if (open > 0 || unclosed || /[{([,:\\=+\-*/.]$|=>$|&&$|\|\|$/.test(code) || /^\s*@\w/.test(last) || /^\s*([)\]}.]|else\b|elif\b|except\b|finally\b|catch\b)/.test(first)) {
          problems.push(`${slug}#${slide.id}: "${last.trim()}" | "${first.trim()}"`);
        }
        text.push(...slide.codeLines);
      });
    }
    expect(problems).toEqual([]);
  });
});

const parser = new DOMParser();
const byTag = (node: XmlElement | XmlDocument, tag: string) => [...(node as XmlElement).getElementsByTagName(tag)] as XmlElement[];

describe('PPTX read with an XML parser', () => {
  it('has one bullet paragraph per list item of the HTML slide, a title placeholder and notes on every slide, one paragraph properties per paragraph', async () => {
    const problems: string[] = [];
    for (const slug of slugs()) {
      const zip = await JSZip.loadAsync(await readFile(path.join(outDir, `${slug}.pptx`)));
      const slides = facts.get(slug)!.slides;
      const parts = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
      if (parts.length !== slides.length) problems.push(`${slug}: ${parts.length} slides in the PPTX, ${slides.length} in the HTML`);
      for (const [index, slide] of slides.entries()) {
        const n = index + 1;
        const xml = parser.parseFromString(await zip.file(`ppt/slides/slide${n}.xml`)!.async('string'), 'text/xml');
        const placeholders = byTag(xml, 'p:ph');
        if (!placeholders.some((ph) => ph.getAttribute('type') === 'title')) problems.push(`${slug} slide ${n}: no title placeholder`);
        const paragraphs = byTag(xml, 'a:p');
        const bullets = paragraphs.filter((p) => byTag(p, 'a:buChar').length + byTag(p, 'a:buAutoNum').length > 0).length;
        if (bullets !== slide.items) problems.push(`${slug} slide ${n} (${slide.id}): ${bullets} bullet paragraphs, ${slide.items} list items in the HTML`);
        for (const p of paragraphs) {
          const children = [...(p.childNodes as unknown as XmlElement[])].filter((child) => child.nodeType === 1);
          const properties = children.filter((child) => child.tagName === 'a:pPr');
          if (properties.length > 1 || (properties.length === 1 && children[0] !== properties[0])) problems.push(`${slug} slide ${n}: a paragraph with ${properties.length} a:pPr`);
        }
        const rels = await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)!.async('string');
        const target = /relationships\/notesSlide" Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
        const notes = target ? parser.parseFromString(await zip.file(`ppt/notesSlides/${target}`)!.async('string'), 'text/xml') : undefined;
        const said = notes ? byTag(notes, 'a:t').map((t) => t.textContent).join('') : '';
        if (said.trim() === '') problems.push(`${slug} slide ${n}: no notes`);
      }
      const layouts = await Promise.all(
        Object.keys(zip.files)
          .filter((name) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(name))
          .map(async (name) => byTag(parser.parseFromString(await zip.file(name)!.async('string'), 'text/xml'), 'p:cSld')[0]?.getAttribute('name')),
      );
      for (const name of ['Title Slide', 'Section Header', 'Title and Content', 'Code', 'Diagram', 'Two Content']) if (!layouts.includes(name)) problems.push(`${slug}: no layout "${name}"`);
      const theme = parser.parseFromString(await zip.file('ppt/theme/theme1.xml')!.async('string'), 'text/xml');
      const themeFonts = byTag(theme, 'a:latin').map((font) => font.getAttribute('typeface'));
      if (!themeFonts.includes('Arial')) problems.push(`${slug}: theme fonts ${themeFonts.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('deck PDF', () => {
  it('has one page per slide, our metadata and one bookmark per section', async () => {
    const problems: string[] = [];
    for (const slug of slugs()) {
      const deck = decks.get(slug)!;
      const document = await PDFDocument.load(await readFile(path.join(outDir, `${slug}.pdf`)), { updateMetadata: false });
      if (document.getPageCount() !== facts.get(slug)!.slides.length) problems.push(`${slug}: ${document.getPageCount()} pages for ${facts.get(slug)!.slides.length} slides`);
      if (!document.getTitle()?.startsWith(deck.title)) problems.push(`${slug}: title ${document.getTitle()}`);
      if (document.getCreator() !== 'Pattern Press') problems.push(`${slug}: creator ${document.getCreator()}`);
      if (!document.getAuthor()) problems.push(`${slug}: no author`);
      const titles: string[] = [];
      const outlines = document.catalog.lookup(PDFName.of('Outlines'));
      let item = outlines instanceof PDFDict ? outlines.lookup(PDFName.of('First')) : undefined;
      const pages = document.getPages().map((page) => page.ref.toString());
      while (item instanceof PDFDict) {
        const title = item.lookup(PDFName.of('Title'));
        const dest = item.lookup(PDFName.of('Dest'));
        const page = dest && 'get' in dest ? pages.indexOf(String((dest as any).get(0))) : -1;
        titles.push(`${title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '?'} @${page}`);
        item = item.lookup(PDFName.of('Next'));
      }
      // The model's slide ids, found in the deck as built (a tall diagram may take more than one slide).
      const ids = facts.get(slug)!.slides.map((slide) => slide.id);
      const expected = deck.sections.map((section) => `${section.title} @${ids.indexOf(deck.slides[section.slide]!.id)}`);
      if (JSON.stringify(titles) !== JSON.stringify(expected)) problems.push(`${slug}: bookmarks ${titles.join('; ')}`);
      if (deck.sections.length < deck.slides.filter((slide) => slide.layout === 'section').length + 2) problems.push(`${slug}: ${deck.sections.length} sections`);
    }
    expect(problems).toEqual([]);
  });
});
