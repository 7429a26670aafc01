// The glossary page of the player, as a learner meets it under scorm-again in
// Chromium: reachable from the navigation, every term link of the text lands
// on its entry, following one and coming back keeps the learner's place,
// and the page is optional (progress and completion do not wait for it).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, restrictBuilt, toPublication } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitScorm } from './emit.js';
import type { PlayerData } from './player-html.js';
import type { ScormVersion } from './schemas.js';
import { startLms, type TestLms } from './testing/lms-harness.js';
import { extractZip, modulesRoot } from './testing/fixtures.js';

let browser: Browser;
let page: Page;
let work: string;
let lms: TestLms;
/** circuit-breaker defines three terms and uses two that retry-backoff defines. */
const slugs = ['circuit-breaker', 'retry-backoff'];
let expectedTerms: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'scorm-glossary-test-'));
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  const publication = restrictBuilt(toPublication(collection), slugs);
  const modules = publication.modules.filter((module) => slugs.includes(module.slug));
  const breaker = modules.find((module) => module.slug === 'circuit-breaker')!;
  expectedTerms = [...(breaker.glossary ?? []).map((entry) => entry.id), ...(breaker.terms ?? [])];
  const { files } = await emitScorm({ ...publication, modules }, { outDir: path.join(work, 'out'), cacheDir: path.join(work, 'cache'), browser });
  for (const file of files) await extractZip(file, path.join(work, 'www', path.basename(file, '.zip')));
  lms = await startLms(path.join(work, 'www'));
  page = await browser.newPage();
  await page.goto(`${lms.url}/harness.html`, { waitUntil: 'load' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await lms?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function launch(version: ScormVersion, packageName: string): Promise<Frame> {
  const launchPath = `/${packageName}-scorm${version === '1.2' ? '12' : '2004'}/circuit-breaker/index.html`;
  await page.evaluate((v, u) => (window as any).launch(v, u, null, null, null), version, launchPath);
  const frame = (await (await page.waitForSelector('#sco'))!.contentFrame())!;
  await frame.waitForFunction(() => (document.getElementById('pp-progress')?.textContent ?? '') !== '', { timeout: 30_000 });
  return frame;
}

const visiblePage = (frame: Frame) => frame.$eval('section.page:not([hidden])', (node) => node.getAttribute('data-page') ?? '');

describe.each(['1.2', '2004'] as const)('the glossary page, SCORM %s', (version) => {
  it('lists every term the module defines or uses, and every term link lands on its entry', async () => {
    for (const packageName of ['circuit-breaker', 'course']) {
      const frame = await launch(version, packageName);
      const found = await frame.evaluate(() => ({
        nav: Array.from(document.querySelectorAll('nav.toc a')).map((link) => link.getAttribute('data-goto')),
        entries: Array.from(document.querySelectorAll('#page-glossary dl.glossary dt')).map((dt) => dt.id),
        links: Array.from(document.querySelectorAll('a.term')).map((link) => ({
          href: link.getAttribute('href') ?? '',
          text: link.textContent ?? '',
          lands: (() => {
            const target = document.getElementById((link.getAttribute('href') ?? '').slice(1));
            return target?.tagName === 'DT' && target.closest('section.page')?.id === 'page-glossary';
          })(),
          inside: link.parentElement?.closest('a, code, pre, h1, h2, h3, h4, h5, h6')?.tagName ?? null,
        })),
      }));
      expect(found.nav).toContain('glossary');
      expect(found.nav.at(-1)).toBe('quiz');
      expect(found.entries.sort()).toEqual(expectedTerms.map((id) => `glossary-${id}`).sort());
      expect(found.links.length).toBeGreaterThan(10);
      expect(found.links.filter((link) => !link.lands)).toEqual([]);
      expect(found.links.filter((link) => link.inside !== null)).toEqual([]);
      // Each term the module uses in its text is linked somewhere.
      expect(new Set(found.links.map((link) => link.href)).size).toBeGreaterThanOrEqual(3);
    }
  }, 120_000);

  it('follows a term to its entry and back, and completes without the glossary being opened', async () => {
    const frame = await launch(version, 'circuit-breaker');
    const data = JSON.parse(await frame.$eval('#pp-data', (node) => node.textContent ?? '')) as PlayerData;
    // Every page but the glossary.
    for (const entry of data.pages.filter((candidate) => candidate.id !== 'glossary')) await frame.click(`nav.toc a[data-goto="${entry.id}"]`);
    const cmi = (await page.evaluate(() => JSON.parse(JSON.stringify((window as any).api.cmi)))) as Record<string, any>;
    // The glossary is reference matter: the required pages are all seen.
    if (version === '2004') expect(Number(cmi.progress_measure)).toBe(1);
    const from = data.pages[1]!.id;
    await frame.click(`nav.toc a[data-goto="${from}"]`);
    const term = await frame.$eval(`#page-${from} a.term`, (link) => ({ href: link.getAttribute('href') }));
    await frame.$eval(`#page-${from} a.term`, (link) => (link as HTMLElement).click());
    expect(await visiblePage(frame)).toBe('glossary');
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe(term.href!.slice(1));
    expect(await frame.$eval('#pp-glossary-back', (button) => (button.parentElement as HTMLElement).hidden)).toBe(false);
    await frame.click('#pp-glossary-back');
    expect(await visiblePage(frame)).toBe(from);
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(term.href);
  }, 120_000);
});
