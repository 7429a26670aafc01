import { launchBrowser, openIsolatedPage } from '@pattern-press/render';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdayOf, dayNumber } from './calendar.js';
import { emitSchedule } from './emit.js';
import { catalogOf } from './test-helpers.js';
import type { ScheduleInput, ScheduleModule } from './types.js';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
type Page = Awaited<ReturnType<typeof openIsolatedPage>>;

/** 40 modules, three authors and two reviewers, a chain of dependencies, one title with an emoji. */
function fortyModules(): ScheduleInput {
  const slugs = Array.from({ length: 40 }, (_, i) => `pattern-${String(i + 1).padStart(2, '0')}`);
  const catalog = catalogOf(
    slugs.map((slug, i) => ({ slug, depends_on: i % 7 === 3 ? [slugs[i - 2]!] : [] })),
    {
      dependency_phase: 'content',
      team: [
        { id: 'author-a', roles: ['author'] },
        { id: 'author-b', roles: ['author'] },
        { id: 'author-c', roles: ['author'], capacity: 0.5 },
        { id: 'reviewer-a', roles: ['reviewer'] },
        { id: 'reviewer-b', roles: ['reviewer'], leave: [{ from: '2025-02-10', to: '2025-02-14' }] },
      ],
    },
  );
  const modules: ScheduleModule[] = slugs.map((slug, i) => ({
    slug,
    title: i === 0 ? 'Rate limiting 🚦 at the edge' : `Pattern ${i + 1}`,
    status: (['outline', 'draft', 'review'] as const)[i % 3]!,
    authors: [],
    effort: { content: 1 + (i % 4), exam: 1 + (i % 2), review: 1 },
  }));
  return { catalog, modules };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

describe('the Gantt charts as a team lead sees them (Chromium)', () => {
  let browser: Browser;
  let page: Page;
  let files: Map<string, string>;
  beforeAll(async () => {
    browser = await launchBrowser();
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'press-gantt-'));
    const result = await emitSchedule(fortyModules(), { outDir, cacheDir: await mkdtemp(path.join(os.tmpdir(), 'press-gantt-cache-')), browser });
    expect(result.problems).toEqual([]);
    files = new Map(await Promise.all(result.files.filter((file) => file.endsWith('.svg')).map(async (file) => [path.basename(file), await readFile(file, 'utf8')] as const)));
    page = await openIsolatedPage(browser, { allowedRoots: [] });
    await page.setViewport({ width: 1280, height: 720 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function show(name: string): Promise<void> {
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">${files.get(name)!}</body></html>`, { waitUntil: 'load' });
  }

  /** Every <text> and bar with its box in the page and its computed fill. */
  async function shapes(): Promise<{ texts: (Box & { text: string; fill: string })[]; bars: (Box & { fill: string })[] }> {
    return page.evaluate(() => {
      const box = (element: Element) => {
        const rect = element.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      };
      const svg = document.querySelector('svg')!;
      return {
        texts: [...svg.querySelectorAll('text')].map((text) => ({ ...box(text), text: text.textContent ?? '', fill: getComputedStyle(text).fill })),
        bars: [...svg.querySelectorAll('rect')].filter((rect) => /\btask\b/.test(rect.getAttribute('class') ?? '')).map((rect) => ({ ...box(rect), fill: getComputedStyle(rect).fill })),
      };
    });
  }

  it('draws white labels only inside their bar', async () => {
    await show('timeline.svg');
    const { texts, bars } = await shapes();
    const white = texts.filter((text) => text.fill === 'rgb(255, 255, 255)' && text.text.trim() !== '');
    const inside = (text: Box, bar: Box) => text.x >= bar.x - 1 && text.x + text.width <= bar.x + bar.width + 1 && text.y >= bar.y - 3 && text.y + text.height <= bar.y + bar.height + 3;
    const outside = white.filter((text) => !bars.some((bar) => inside(text, bar)));
    expect(outside.map((text) => text.text)).toEqual([]);
  });

  it('colours bars by phase and explains the colours in a legend', async () => {
    await show('timeline.svg');
    const { texts, bars } = await shapes();
    expect(new Set(bars.map((bar) => bar.fill)).size).toBeGreaterThan(1);
    expect(texts.map((text) => text.text)).toEqual(expect.arrayContaining(['Module', 'Exam', 'Review']));
    expect(texts.some((text) => /critical/i.test(text.text))).toBe(true);
  });

  it('puts date ticks on working week starts, never on a Sunday, with an axis above the first row', async () => {
    await show('timeline.svg');
    const { texts, bars } = await shapes();
    const ticks = texts.filter((text) => /^\d{4}-\d{2}-\d{2}$/.test(text.text.trim()));
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.filter((tick) => weekdayOf(dayNumber(tick.text.trim())!) === 'sun').map((tick) => tick.text)).toEqual([]);
    const firstBar = Math.min(...bars.map((bar) => bar.y));
    expect(Math.min(...ticks.map((tick) => tick.y))).toBeLessThan(firstBar);
    // And one below the last row, so a tall chart has an axis wherever one scrolls to.
    expect(Math.max(...ticks.map((tick) => tick.y))).toBeGreaterThan(Math.max(...bars.map((bar) => bar.y)));
  });

  it('draws emoji with a colour emoji font, not as missing-glyph boxes', async () => {
    await show('timeline.svg');
    const session = await page.createCDPSession();
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'text' });
    const fonts: string[] = [];
    for (const nodeId of nodeIds) {
      const { outerHTML } = await session.send('DOM.getOuterHTML', { nodeId });
      if (!outerHTML.includes('🚦')) continue;
      const used = await session.send('CSS.getPlatformFontsForNode', { nodeId });
      fonts.push(...used.fonts.map((font) => font.familyName));
    }
    expect(fonts.length).toBeGreaterThan(0);
    expect(
      fonts.some((family) => /emoji/i.test(family)),
      fonts.join(', '),
    ).toBe(true);
    await session.detach();
  });

  it('has a people view: one lane per person with their load and leave', async () => {
    expect(files.has('people.svg')).toBe(true);
    await show('people.svg');
    const { texts } = await shapes();
    for (const person of ['author-a', 'author-b', 'author-c', 'reviewer-a', 'reviewer-b'])
      expect(
        texts.some((text) => text.text.startsWith(`${person} ·`) && /% loaded$/.test(text.text)),
        person,
      ).toBe(true);
    expect(files.get('people.svg')!.match(/class="away"/g)?.length).toBe(1);
  });
});
