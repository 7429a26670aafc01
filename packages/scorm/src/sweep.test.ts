// Every page of every built module's SCO, in both SCORM versions, as a phone
// and a screen reader user meet it: axe-core (WCAG 2.1 A/AA and best practices)
// finds nothing, and no page is wider than a 390 px phone (nor a 1280 px desktop).
// One browser, one tab; each SCO is loaded once and its pages are shown in turn.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, toPublication, isBuilt } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitScorm } from './emit.js';
import type { ScormVersion } from './schemas.js';
import { startLms } from './testing/lms-harness.js';
import { extractZip, modulesRoot } from './testing/fixtures.js';

const require = createRequire(import.meta.url);

let browser: Browser;
let page: Page;
let work: string;
let server: { url: string; close: () => Promise<void> };
let slugs: string[] = [];
let axeMs = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'scorm-sweep-test-'));
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  const publication = toPublication(collection);
  slugs = publication.modules.filter(isBuilt).map((module) => module.slug);
  const started = performance.now();
  const { files } = await emitScorm(publication, { outDir: path.join(work, 'out'), cacheDir: path.join(work, 'cache'), browser });
  console.log(`[benchmark] emitScorm of ${slugs.length} modules for the sweep: ${(performance.now() - started).toFixed(0)} ms`);
  for (const file of files) await extractZip(file, path.join(work, 'www', path.basename(file, '.zip')));
  server = await startLms(path.join(work, 'www'));
  page = await browser.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

interface PageReport {
  sco: string;
  page: string;
  width390: number;
}

interface Violation {
  sco: string;
  id: string;
  impact: string | null;
  nodes: number;
  example: string;
}

const axeSource = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Document width at a viewport width (what the learner would have to scroll sideways). */
async function widthAt(width: number): Promise<number> {
  await page.setViewport({ width, height: width === 390 ? 844 : 800 });
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * axe-core over every page of the SCO at once: the player's pages are sections
 * of one document, shown one at a time; unhidden together (as the page reads
 * without JavaScript) one run checks them all, the graded quiz included.
 */
async function axeViolations(sco: string): Promise<Violation[]> {
  return page.evaluate(async (name) => {
    document.querySelectorAll('section.page').forEach((section) => ((section as HTMLElement).hidden = false));
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: any[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((violation) => ({ sco: name, id: violation.id, impact: violation.impact, nodes: violation.nodes.length, example: String(violation.nodes[0]?.html ?? '').slice(0, 200) }));
  }, sco);
}

/** Fills every question with the first option (or a number) and submits: the graded quiz is a page of its own. */
async function submitSomething(): Promise<void> {
  await page.evaluate(() => {
    document.querySelectorAll<HTMLInputElement>('form.quiz input[type="radio"], form.quiz input[type="checkbox"]').forEach((input, index, all) => {
      if (index === 0 || all[index - 1]!.name !== input.name) input.click();
    });
    document.querySelectorAll<HTMLSelectElement>('form.quiz select').forEach((select) => {
      select.selectedIndex = 1;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    document.querySelectorAll<HTMLInputElement>('form.quiz input[type="text"]').forEach((input) => {
      input.value = '1';
    });
    (document.querySelector('form.quiz button[type="submit"]') as HTMLButtonElement).click();
  });
}

async function sweep(version: ScormVersion): Promise<{ reports: PageReport[]; violations: Violation[]; desktop: { sco: string; width: number }[] }> {
  const reports: PageReport[] = [];
  const violations: Violation[] = [];
  const desktop: { sco: string; width: number }[] = [];
  const axe = axeSource();
  for (const slug of slugs) {
    const sco = `${slug} ${version}`;
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(`${server.url}/${slug}-scorm${version === '1.2' ? '12' : '2004'}/${slug}/index.html`, { waitUntil: 'load' });
    const ids = await page.$$eval('nav.toc a', (links) => links.map((link) => link.getAttribute('data-goto') ?? ''));
    for (const id of ids) {
      await page.$eval(`nav.toc a[data-goto="${id}"]`, (link) => (link as HTMLElement).click());
      const states = id === 'quiz' ? ['quiz', 'quiz (graded)'] : [id];
      for (const state of states) {
        if (state === 'quiz (graded)') await submitSomething();
        reports.push({ sco, page: state, width390: await page.evaluate(() => document.documentElement.scrollWidth) });
      }
    }
    const axeStarted = performance.now();
    await page.addScriptTag({ content: axe });
    violations.push(...(await axeViolations(sco)));
    axeMs += performance.now() - axeStarted;
    // Every page at once (axeViolations unhid them) on a desktop screen.
    desktop.push({ sco, width: await widthAt(1280) });
  }
  return { reports, violations, desktop };
}

describe.each(['1.2', '2004'] as const)('every page of every SCO, SCORM %s', (version) => {
  it('has no axe violation and no sideways scroll at 390x844 (nor at 1280)', async () => {
    const started = performance.now();
    axeMs = 0;
    const { reports, violations, desktop } = await sweep(version);
    const widest = reports.reduce((a, b) => (b.width390 > a.width390 ? b : a));
    const byRule = new Map<string, number>();
    for (const violation of violations) byRule.set(violation.id, (byRule.get(violation.id) ?? 0) + violation.nodes);
    console.log(
      `[sweep ${version}] ${reports.length} pages of ${slugs.length} SCOs in ${(performance.now() - started).toFixed(0)} ms (axe ${axeMs.toFixed(0)} ms); widest at 390 px: ${widest.width390} px (${widest.sco}, ${widest.page}); ` +
        `axe: ${violations.length === 0 ? 'no violations' : [...byRule].map(([id, nodes]) => `${id} ${nodes} nodes`).join(', ')}`,
    );
    expect(slugs.length).toBeGreaterThan(1);
    expect(violations).toEqual([]);
    expect(reports.filter((report) => report.width390 > 390).map((report) => `${report.sco} ${report.page}: ${report.width390}`)).toEqual([]);
    expect(desktop.filter((sco) => sco.width > 1280)).toEqual([]);
  }, 300_000);
});
