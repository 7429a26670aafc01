// Every string of the player a learner sees comes from the one strings table:
// each module's player is rendered with a pseudo-locale (every string of the
// table wrapped in ⟦ ⟧) and, in Chromium, every visible text node of every
// page (the quiz before and after a submit included), every option and every
// aria-label must lie inside the markers; only the module's own text may not.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { citationsToText, fullCitation, isBuilt, loadCollection, toPublication } from '@pattern-press/format';
import { launchBrowser, moduleDiagrams } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glossaryOptions } from './glossary-page.js';
import { toPlayerHtml } from './player-html.js';
import { playerStrings, type PlayerLanguage } from './strings.js';
import { modulesRoot, withQuizVariants } from './testing/fixtures.js';

const assetsDir = fileURLToPath(new URL('../assets', import.meta.url));

/** The English entry with every string wrapped in markers: what a test can tell apart from hard-coded text. */
function pseudoLocale(): PlayerLanguage {
  const wrap = (table: Record<string, string>) => Object.fromEntries(Object.entries(table).map(([name, text]) => [name, `⟦${text}⟧`]));
  return { page: wrap(playerStrings.en.page), script: wrap(playerStrings.en.script) } as unknown as PlayerLanguage;
}

/** Text compared loosely: whitespace runs and typographic quotes and dashes as the source writes them. */
function normalized(text: string): string {
  return text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[–—]/g, '-').replace(/…/g, '...').replace(/\s+/g, ' ').trim();
}

/** The author's feedback on the choices of a module's questions: module text that a test fixture may write. */
function choiceFeedbackOf(module: PatternModule): string[] {
  return (module.exam?.questions ?? []).flatMap((question) =>
    question.type === 'single' || question.type === 'multiple' ? question.answer.choices.flatMap((choice) => (choice.feedback ? [choice.feedback.replace(/\*/g, '')] : [])) : [],
  );
}

async function textFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile() && /\.(md|ya?ml)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(files.map((file) => readFile(file, 'utf8')));
}

let browser: Browser;
let page: Page;
let work: string;
let modules: PatternModule[] = [];
/** Every module's and the library's source text: what the pages may show outside the table. */
let content = '';

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'scorm-strings-test-'));
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  const publication = withQuizVariants(toPublication(collection));
  modules = publication.modules.filter(isBuilt);
  // The module's words as the player writes them: citations as readable text, the library's entries in full.
  const library = publication.library;
  content = normalized(
    [
      citationsToText((await textFiles(modulesRoot)).join('\n'), library),
      ...library.references.map((reference) => fullCitation(reference)),
      ...modules.map((module) => module.title),
      ...modules.flatMap(choiceFeedbackOf),
    ].join('\n'),
  );
  const glossaryOf = glossaryOptions(modules);
  // A diagram stands in as an empty image: its name and its text alternative are what is checked.
  const diagrams = new Map(modules.flatMap(moduleDiagrams).map((diagram) => [diagram.source, '<svg viewBox="0 0 10 10"></svg>']));
  const strings = pseudoLocale();
  for (const name of ['player.js', 'player.css', 'glossary.js']) await copyFile(path.join(assetsDir, name), path.join(work, name));
  for (const module of modules) {
    const html = toPlayerHtml(module, { version: '2004', diagrams, playerBase: '../', library: publication.library, ...glossaryOf(module), strings });
    await mkdir(path.join(work, module.slug));
    await writeFile(path.join(work, module.slug, 'index.html'), html);
  }
  page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

interface Leak {
  text: string;
  where: string;
}

/** The visible text outside the markers, and the aria-labels not wholly inside them, of the page as shown. */
async function outsideTheTable(): Promise<{ texts: Leak[]; labels: Leak[] }> {
  return page.evaluate(() => {
    const where = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${[...element.classList].join('.')}`;
    const texts: Leak[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let depth = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      if (element.closest('script, style')) continue;
      let outside = '';
      for (const char of node.nodeValue ?? '') {
        if (char === '⟦') depth++;
        else if (char === '⟧') depth--;
        else if (depth === 0) outside += char;
      }
      const shown = element.closest('option') ? element.closest('select')!.checkVisibility() : element.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
      if (shown && outside.trim() !== '') texts.push({ text: outside, where: where(element) });
    }
    const labels = [...document.querySelectorAll('[aria-label]')]
      .filter((element) => !/^⟦[\s\S]*⟧$/.test(element.getAttribute('aria-label') ?? ''))
      .map((element) => ({ text: element.getAttribute('aria-label') ?? '', where: where(element) }));
    return { texts, labels };
  });
}

/** Text that is the module's own (its words as written), or only numbers and punctuation. */
function isContent(text: string): boolean {
  const plain = normalized(text);
  return /^[\d\s.,:;()%·/#*+-]*$/.test(plain) || content.includes(plain);
}

async function submitQuiz(filled: boolean): Promise<void> {
  await page.evaluate((fill) => {
    if (fill) {
      document.querySelectorAll<HTMLInputElement>('form.quiz input[type="radio"], form.quiz input[type="checkbox"]').forEach((input) => input.click());
      document.querySelectorAll<HTMLSelectElement>('form.quiz select').forEach((select) => {
        select.selectedIndex = 1;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      document.querySelectorAll<HTMLInputElement>('form.quiz input[type="text"]').forEach((input) => (input.value = '1'));
    }
    (document.querySelector('form.quiz button[type="submit"]') as HTMLButtonElement).click();
  }, filled);
}

describe('the player strings table', () => {
  it('holds every string of the player a learner sees or hears (pseudo-locale in Chromium)', async () => {
    const started = performance.now();
    const leaks: string[] = [];
    let checked = 0;
    for (const module of modules) {
      await page.goto(`file://${path.join(work, module.slug, 'index.html')}`, { waitUntil: 'load' });
      const ids = await page.$$eval('nav.toc a', (links) => links.map((link) => link.getAttribute('data-goto') ?? ''));
      for (const id of ids) {
        await page.$eval(`nav.toc a[data-goto="${id}"]`, (link) => (link as HTMLElement).click());
        const states = id === 'quiz' ? ['quiz', 'quiz (incomplete)', 'quiz (graded)'] : [id];
        for (const state of states) {
          if (state === 'quiz (incomplete)') await submitQuiz(false);
          if (state === 'quiz (graded)') await submitQuiz(true);
          // Every details element open: the solutions and the diagrams' text are read too.
          await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
          const { texts, labels } = await outsideTheTable();
          checked++;
          for (const leak of texts) if (!isContent(leak.text)) leaks.push(`${module.slug} ${state} text in ${leak.where}: ${JSON.stringify(leak.text.trim())}`);
          for (const leak of labels) leaks.push(`${module.slug} ${state} aria-label of ${leak.where}: ${JSON.stringify(leak.text)}`);
        }
      }
    }
    console.log(`[benchmark] pseudo-locale sweep: ${checked} page states of ${modules.length} modules in ${(performance.now() - started).toFixed(0)} ms`);
    expect(modules.length).toBeGreaterThan(1);
    expect([...new Set(leaks)]).toEqual([]);
  }, 120_000);
});
