import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Publication } from '@pattern-press/format';
import type { Question } from '@pattern-press/schema';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitScorm } from './emit.js';
import type { PlayerData } from './player-html.js';
import type { ScormVersion } from './schemas.js';
import type { TestLms } from './testing/lms-harness.js';
import { realPublication, withDependentModule, withQuizVariants } from './testing/fixtures.js';
import { launchSco, openScormHarness, type LmsFaults, type ScormHarness } from './testing/harness.js';
import { disabledItems, lockedItems12, toActivityTree, writtenObjectives } from './testing/sequencing.js';

let harness: ScormHarness;
let page: Page;
let work: string;
let lms: TestLms;
let blocked: string[];
let publication: Publication;

beforeAll(async () => {
  publication = withQuizVariants(withDependentModule(await realPublication()));
  const variants = new Set(['quiz-limited', 'quiz-numbers', 'quiz-shuffled']);
  harness = await openScormHarness(
    'scorm-lms-test-',
    async (browser, folder) => {
      const { files } = await emitScorm(
        { ...publication, modules: publication.modules.filter((module) => !variants.has(module.slug)) },
        { outDir: path.join(folder, 'out'), cacheDir: path.join(folder, 'cache'), browser },
      );
      // The assessment variants as packages of their own (the course tests use the course of the real modules).
      const built = await emitScorm(
        { ...publication, modules: publication.modules.filter((module) => variants.has(module.slug)) },
        { outDir: path.join(folder, 'variants'), cacheDir: path.join(folder, 'cache'), browser },
      );
      return [...files, ...built.files.filter((name) => !path.basename(name).startsWith('course-'))];
    },
    // The player must not reach beyond the LMS: anything not on our 127.0.0.1 server is refused and recorded.
    { refuseOutside: true },
  );
  ({ page, work, lms, blocked } = harness);
}, 300_000);

afterAll(async () => harness?.close());

interface Call {
  name: string;
  args: string[];
  result: string;
  error: string;
}

interface Snapshot {
  status: string;
  completion: string;
  success: string;
  raw: string;
  min: string;
  max: string;
  scaled: string;
  location: string;
  suspend: string;
  exit: string;
  session: string;
  interactions: { id: string; type: string; pattern: string; response: string; result: string; latency: string; time: string; weighting: string }[];
}

/** The LMS's stored CMI data, normalised across versions, read from scorm-again's own object. */
async function snapshot(version: ScormVersion): Promise<{ cmi: Snapshot; raw: Record<string, unknown> }> {
  const raw = (await page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { api: { cmi: unknown } }).api.cmi)))) as Record<string, any>;
  const core = version === '1.2' ? raw.core : raw;
  const interactions = Object.values((raw.interactions ?? {}) as Record<string, any>).map((entry) => ({
    id: entry.id,
    type: entry.type,
    pattern: entry.correct_responses?.['0']?.pattern ?? '',
    response: version === '1.2' ? entry.student_response : entry.learner_response,
    result: entry.result,
    latency: entry.latency,
    time: version === '1.2' ? entry.time : entry.timestamp,
    weighting: String(entry.weighting),
  }));
  return {
    raw,
    cmi: {
      status: version === '1.2' ? core.lesson_status : '',
      completion: version === '2004' ? raw.completion_status : '',
      success: version === '2004' ? raw.success_status : '',
      raw: String(core.score.raw),
      min: String(core.score.min),
      max: String(core.score.max),
      scaled: version === '2004' ? String(raw.score.scaled) : '',
      location: version === '1.2' ? core.lesson_location : raw.location,
      suspend: raw.suspend_data,
      exit: core.exit,
      session: core.session_time,
      interactions,
    },
  };
}

type Choice = Record<string, string> | undefined;

/** The sequencing engine's latest verdict on which activities a choice request may reach. */
async function lastChoice(): Promise<Choice> {
  return page.evaluate(() => (window as unknown as { validity: Record<string, string>[] }).validity.at(-1));
}

async function calls(): Promise<Call[]> {
  return page.evaluate(() => (window as unknown as { log: Call[] }).log);
}

function launch(version: ScormVersion, launchPath: string, stored?: Record<string, unknown>, activityTree?: Record<string, unknown>, faults?: LmsFaults): Promise<Frame> {
  return launchSco(page, version, `/${launchPath}`, stored, activityTree, faults);
}

async function visiblePage(frame: Frame): Promise<string> {
  return frame.$eval('section.page:not([hidden])', (node) => node.getAttribute('data-page') ?? '');
}

async function pressNext(frame: Frame): Promise<void> {
  await frame.focus('#pp-next');
  await page.keyboard.press('Enter');
}

type Responses = unknown[];
type ExamQuestion = Pick<Question, 'id' | 'type' | 'answer'>;

/** The exam as the author wrote it: the page itself carries no readable answer key. */
function examOf(slug: string): ExamQuestion[] {
  return publication.modules.find((module) => module.slug === slug)!.exam!.questions;
}

function rightAnswer(question: ExamQuestion): unknown {
  const answer = question.answer as any;
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'ordering':
      return answer.correct;
    case 'matching':
      return Object.fromEntries(answer.correct.map((pair: { source: string; target: string }) => [pair.source, pair.target]));
    case 'numeric':
      return String(answer.correct);
    case 'sequence':
      return answer.steps.map((step: { state: string }) => step.state);
  }
}

function wrongAnswer(question: ExamQuestion): unknown {
  const answer = question.answer as any;
  switch (question.type) {
    case 'single':
      return answer.choices.find((choice: { id: string }) => choice.id !== answer.correct).id;
    case 'multiple':
      return [answer.choices.find((choice: { id: string }) => !answer.correct.includes(choice.id)).id];
    case 'ordering':
      return [...answer.correct].reverse();
    case 'matching': {
      const targets = answer.correct.map((pair: { target: string }) => pair.target);
      return Object.fromEntries(answer.correct.map((pair: { source: string }, index: number) => [pair.source, targets[(index + 1) % targets.length]]));
    }
    case 'numeric':
      return String(answer.correct + (answer.tolerance ?? 0) + 1);
    case 'sequence':
      return answer.steps.map((step: { state: string }) => answer.states.find((state: string) => state !== step.state));
  }
}

/** Fills the quiz form as a learner would (clicks, selects, typing) and submits it. */
async function answerQuiz(frame: Frame, questions: ExamQuestion[], responses: Responses): Promise<string> {
  await frame.evaluate(
    (qs: ExamQuestion[], rs: any[]) => {
      const change = (node: Element) => node.dispatchEvent(new Event('change', { bubbles: true }));
      const select = (name: string, value: string) => {
        const node = document.querySelector(`[name="${name}"]`) as HTMLSelectElement | HTMLInputElement;
        node.value = value;
        change(node);
      };
      qs.forEach((question, index) => {
        const name = `q-${question.id}`;
        const response = rs[index];
        if (question.type === 'single') (document.querySelector(`[name="${name}"][value="${response}"]`) as HTMLInputElement).click();
        if (question.type === 'multiple') {
          document.querySelectorAll<HTMLInputElement>(`[name="${name}"]`).forEach((box) => {
            if (box.checked !== response.includes(box.value)) box.click();
          });
        }
        if (question.type === 'ordering' || question.type === 'sequence') response.forEach((value: string, i: number) => select(`${name}-${i}`, value));
        if (question.type === 'matching') Object.entries(response).forEach(([source, target]) => select(`${name}-${source}`, target as string));
        if (question.type === 'numeric') select(name, response);
      });
    },
    questions,
    responses,
  );
  await frame.click('form.quiz button[type="submit"]');
  return frame.$eval('.quiz-result', (node) => node.textContent ?? '');
}

// The real exam of circuit-breaker, as each version must record it.
const expectedPatterns: Record<ScormVersion, Record<string, string>> = {
  '1.2': {
    'state-transitions': 'CLOSED CLOSED OPEN OPEN HALF_OPEN OPEN',
    'lock-scope': 'b',
    'monitor-signals': 'a,b,c,d',
    'decorator-order': 'b,e,d,a,c',
    'symptom-cause': 'a.a,b.b,c.c,d.d,e.e',
    'retry-amplification': '27',
  },
  '2004': {
    'state-transitions': 'CLOSED CLOSED OPEN OPEN HALF_OPEN OPEN',
    'lock-scope': 'b',
    'monitor-signals': 'a[,]b[,]c[,]d',
    'decorator-order': 'retry[,]breaker[,]timeout[,]bulkhead[,]call',
    'symptom-cause': 'never-opens[.]no-raise[,]opens-on-forms[.]client-errors[,]relapse[.]unlimited-trials[,]all-slow[.]lock-held[,]stuck-open[.]wall-clock',
    'retry-amplification': '27[:]27',
  },
};
// Session one answers the first two questions rightly and the rest wrongly.
const wrongResponses: Record<ScormVersion, Record<string, string>> = {
  '1.2': { 'monitor-signals': 'e', 'decorator-order': 'c,a,d,e,b', 'symptom-cause': 'a.b,b.c,c.d,d.e,e.a', 'retry-amplification': '28' },
  '2004': {
    'monitor-signals': 'e',
    'decorator-order': 'call[,]bulkhead[,]timeout[,]breaker[,]retry',
    'symptom-cause': 'never-opens[.]client-errors[,]opens-on-forms[.]unlimited-trials[,]relapse[.]lock-held[,]all-slow[.]wall-clock[,]stuck-open[.]no-raise',
    'retry-amplification': '28',
  },
};
const expectedTypes: Record<ScormVersion, Record<string, string>> = {
  '1.2': { single: 'choice', multiple: 'choice', ordering: 'sequencing', matching: 'matching', numeric: 'numeric', sequence: 'fill-in' },
  '2004': { single: 'choice', multiple: 'choice', ordering: 'sequencing', matching: 'matching', numeric: 'numeric', sequence: 'long-fill-in' },
};
const sessionTime: Record<ScormVersion, RegExp> = { '1.2': /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/, '2004': /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/ };

function checkSessionCalls(version: ScormVersion, log: Call[]): void {
  const [init, finish, commit, set] = version === '1.2' ? ['LMSInitialize', 'LMSFinish', 'LMSCommit', 'LMSSetValue'] : ['Initialize', 'Terminate', 'Commit', 'SetValue'];
  expect(log.filter((call) => call.name === init)).toHaveLength(1);
  expect(log[0]!.name).toBe(init);
  expect(log.filter((call) => call.name === finish)).toHaveLength(1);
  expect(log.at(-1)!.name).toBe(finish);
  if (version === '2004') expect(log.at(-2)!.name).not.toBe(commit);
  // Every bookmark write (each page change) is committed before the next one; the last by Finish/Terminate.
  const location = version === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location';
  const writes = log.flatMap((call, index) => (call.name === set && call.args[0] === location ? [index] : []));
  expect(writes.length).toBeGreaterThan(1);
  writes.forEach((index, n) => {
    const until = writes[n + 1] ?? log.length;
    expect(
      log.slice(index, until).some((call) => call.name === commit || call.name === finish),
      `bookmark write ${n}`,
    ).toBe(true);
  });
  const failed = log.filter((call) => call.name === set && (call.result !== 'true' || call.error !== '0'));
  expect(failed).toEqual([]);
  const session = log.filter((call) => call.name === set && call.args[0] === (version === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time'));
  expect(session).toHaveLength(1);
  expect(session[0]!.args[1]).toMatch(sessionTime[version]);
}

/** Score before status, every time the status is set from the quiz. */
function checkScoreBeforeStatus(version: ScormVersion, log: Call[]): void {
  const sets = log.map((call) => (call.name.endsWith('SetValue') ? call.args[0] : ''));
  const statusElement = version === '1.2' ? 'cmi.core.lesson_status' : 'cmi.success_status';
  const rawElement = version === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw';
  const status = log.findIndex((call) => call.name.endsWith('SetValue') && call.args[0] === statusElement && /^(passed|failed)$/.test(call.args[1]!));
  expect(status).toBeGreaterThan(-1);
  expect(sets.indexOf(rawElement)).toBeGreaterThan(-1);
  expect(sets.indexOf(rawElement)).toBeLessThan(status);
  for (const element of version === '1.2' ? ['cmi.core.score.min', 'cmi.core.score.max'] : ['cmi.score.min', 'cmi.score.max', 'cmi.score.scaled']) {
    expect(sets.indexOf(element), element).toBeLessThan(status);
  }
}

/** The LMS side of a relaunch: the stored data, entering in resume mode after a suspended exit. */
function storedForRelaunch(version: ScormVersion, raw: Record<string, any>): Record<string, unknown> {
  const stored = structuredClone(raw);
  const core = version === '1.2' ? stored.core : stored;
  core.entry = core.exit === 'suspend' ? 'resume' : '';
  core.exit = '';
  core.session_time = '';
  return stored;
}

/**
 * A whole learner journey: walk every page, fail the quiz (score recorded),
 * go back to a block page, leave; relaunch with the stored data at the bookmark,
 * pass the quiz, save and exit. Returns the final stored data.
 */
async function journey(
  version: ScormVersion,
  launchPath: string,
  activityTree?: Record<string, unknown>,
): Promise<{ first: Snapshot; final: Snapshot; choice: { atStart: Choice; afterFail: Choice; afterPass: Choice } }> {
  // Session one.
  let frame = await launch(version, launchPath, undefined, activityTree);
  const atStart = await lastChoice();
  expect(await frame.$eval('#pp-mode', (node) => node.textContent)).toContain(`Connected to your LMS (SCORM ${version})`);
  expect(await frame.$eval('#pp-resume', (node) => (node as HTMLElement).hidden)).toBe(true);
  const data = JSON.parse(await frame.$eval('#pp-data', (node) => node.textContent ?? '')) as PlayerData;
  expect(data.questions.map((question) => question.type).sort()).toEqual(['matching', 'multiple', 'numeric', 'ordering', 'sequence', 'single']);
  let now = (await snapshot(version)).cmi;
  if (version === '1.2') expect(now.status).toBe('incomplete');
  else expect(now.completion).toBe('incomplete');

  for (const [index, pageInfo] of data.pages.entries()) {
    expect(await visiblePage(frame)).toBe(pageInfo.id);
    expect(await frame.$eval('#pp-progress', (node) => node.textContent)).toBe(`Page ${index + 1} of ${data.pages.length}`);
    expect((await snapshot(version)).cmi.location).toBe(pageInfo.id);
    if (index < data.pages.length - 1) await pressNext(frame);
  }
  expect(await frame.$eval('#pp-next', (node) => (node as HTMLButtonElement).disabled)).toBe(true);

  const exam = examOf(launchPath.split('/')[1]!);
  expect(exam.map((question) => question.id)).toEqual(data.questions.map((question) => question.id));
  const mixed = exam.map((question, index) => (index < 2 ? rightAnswer(question) : wrongAnswer(question)));
  const unanswered = await frame.evaluate(() => {
    (document.querySelector('form.quiz button[type="submit"]') as HTMLButtonElement).click();
    return document.querySelector('.quiz-problem')?.textContent ?? '';
  });
  expect(unanswered).toMatch(/^Answer every question first/);
  const failedText = await answerQuiz(frame, exam, mixed);
  expect(failedText).toContain('You scored 33.33%: not passed');
  now = (await snapshot(version)).cmi;
  expect([now.raw, now.min, now.max]).toEqual(['33.33', '0', '100']);
  if (version === '1.2') expect(now.status).toBe('failed');
  else {
    expect(now.success).toBe('failed');
    expect(now.completion).toBe('completed');
    expect(Number(now.scaled)).toBeCloseTo(0.3333, 4);
  }
  checkScoreBeforeStatus(version, await calls());

  // Back to the third page, then the LMS closes the SCO (pagehide ends the session).
  const bookmark = data.pages[2]!;
  await frame.click(`nav.toc a[data-goto="${bookmark.id}"]`);
  expect(await visiblePage(frame)).toBe(bookmark.id);
  await page.evaluate(() => (window as any).unload());
  checkSessionCalls(version, await calls());
  const afterFail = await lastChoice();
  const first = await snapshot(version);
  expect(first.cmi.location).toBe(bookmark.id);
  expect(first.cmi.exit).toBe('suspend');
  // 2|visited|attempts|last score|best score|graded|answers
  expect(first.cmi.suspend).toMatch(new RegExp(`^2\\|${'1'.repeat(data.pages.length)}\\|1\\|33\\.33\\|33\\.33\\|1\\|`));
  expect(first.cmi.suspend.length).toBeLessThanOrEqual(4096);
  expect(first.cmi.interactions).toHaveLength(data.questions.length);

  // Session two: resume at the bookmark, pass, save and exit.
  frame = await launch(version, launchPath, storedForRelaunch(version, first.raw), activityTree);
  expect(await visiblePage(frame)).toBe(bookmark.id);
  expect(await frame.$eval('#pp-resume', (node) => node.textContent)).toBe(`Welcome back: you left off at “${bookmark.title}” (page 3).`);
  await frame.click('nav.toc a[data-goto="quiz"]');
  expect(await frame.$eval('.quiz-result', (node) => node.textContent)).toContain('Your last score: 33.33%');
  // suspend_data carried the last answers back into the form.
  const single = data.questions.findIndex((question) => question.type === 'single');
  expect(await frame.$eval(`[name="q-${data.questions[single]!.id}"]:checked`, (node) => (node as HTMLInputElement).value)).toBe(mixed[single]);
  // The last attempt stays graded and locked until the learner asks for another.
  expect(await frame.$eval(`[name="q-${data.questions[single]!.id}"]:checked`, (node) => (node as HTMLInputElement).disabled)).toBe(true);
  await frame.click('form.quiz .retry');
  const passedText = await answerQuiz(frame, exam, exam.map(rightAnswer));
  expect(passedText).toContain('You scored 100%: passed.');
  await frame.click('#pp-exit');
  expect(await frame.$eval('#pp-mode', (node) => node.textContent)).toContain('Your progress is saved');
  await page.evaluate(() => (window as any).unload());
  const log = await calls();
  checkSessionCalls(version, log);
  checkScoreBeforeStatus(version, log);
  const afterPass = await lastChoice();
  const final = (await snapshot(version)).cmi;
  return { first: first.cmi, final, choice: { atStart, afterFail, afterPass } };
}

function checkFinal(version: ScormVersion, final: Snapshot, questions: string[]): void {
  if (version === '1.2') expect(final.status).toBe('passed');
  else {
    expect(final.success).toBe('passed');
    expect(final.completion).toBe('completed');
    expect(Number(final.scaled)).toBe(1);
  }
  expect([final.raw, final.min, final.max]).toEqual(['100', '0', '100']);
  expect(final.location).toBe('quiz');
  expect(final.exit).toBe(version === '1.2' ? '' : 'normal');
  expect(final.suspend).toMatch(/^2\|1+\|2\|100\|100\|1\|/);
  expect(final.interactions).toHaveLength(questions.length * 2);
  const kinds = new Map(examOf('circuit-breaker').map((question) => [question.id, question.type]));
  final.interactions.forEach((interaction, index) => {
    const questionId = questions[index % questions.length]!;
    const secondTry = index >= questions.length;
    const right = secondTry || index % questions.length < 2;
    expect(interaction.id).toBe(questionId);
    expect(interaction.id).not.toMatch(/\s/);
    // Each kind of question as the SCORM version's interaction type (1.2 has no long-fill-in).
    expect(interaction.type, questionId).toBe(expectedTypes[version][kinds.get(questionId)!]);
    expect(interaction.pattern).toBe(expectedPatterns[version][questionId]);
    const expectedResponse = right ? expectedPatterns[version][questionId]!.replace(/^27\[:\]27$/, '27') : wrongResponses[version][questionId];
    expect(interaction.response, questionId).toBe(expectedResponse);
    expect(interaction.result).toBe(right ? 'correct' : version === '1.2' ? 'wrong' : 'incorrect');
    expect(interaction.latency).toMatch(sessionTime[version]);
    expect(interaction.time).toMatch(version === '1.2' ? /^\d{2}:\d{2}:\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(interaction.weighting).toBe('1');
    if (version === '1.2') {
      expect(interaction.response.length).toBeLessThanOrEqual(255);
      expect(interaction.pattern.length).toBeLessThanOrEqual(255);
    }
  });
}

const questionIds = ['state-transitions', 'lock-scope', 'monitor-signals', 'decorator-order', 'symptom-cause', 'retry-amplification'];

describe.each(['1.2', '2004'] as const)('SCORM %s in scorm-again', (version) => {
  const suffix = version === '1.2' ? 'scorm12' : 'scorm2004';

  it('module package: walk, fail, resume at the bookmark, pass', async () => {
    const { final } = await journey(version, `circuit-breaker-${suffix}/circuit-breaker/index.html`);
    checkFinal(version, final, questionIds);
    expect(blocked).toEqual([]);
  }, 300_000);

  it('course package: the dependent module stays locked until its prerequisite is satisfied', async () => {
    const manifest = await readFile(path.join(work, 'www', `course-${suffix}`, 'imsmanifest.xml'), 'utf8');
    if (version === '2004') {
      const globals = new Map<string, boolean>();
      expect(disabledItems(manifest, globals)).toEqual(['ITEM-bulkhead']);
      // scorm-again's own sequencing engine, fed the manifest's rules as an LMS imports them.
      const { first, final, choice } = await journey(version, `course-${suffix}/circuit-breaker/index.html`, toActivityTree(manifest));
      expect(choice.atStart).toEqual({ 'ORG-course': 'true', 'ITEM-circuit-breaker': 'true', 'ITEM-bulkhead': 'false' });
      expect(choice.afterFail?.['ITEM-bulkhead']).toBe('false');
      expect(choice.afterPass?.['ITEM-bulkhead']).toBe('true');
      // The same rules read independently of scorm-again (IMS SS rule evaluation), as a second opinion.
      for (const [target, satisfied] of writtenObjectives(manifest, 'ITEM-circuit-breaker', { scaled: Number(first.scaled), success: first.success })) globals.set(target, satisfied);
      expect(globals.get('urn:pattern-press:module:circuit-breaker')).toBe(false);
      expect(disabledItems(manifest, globals)).toEqual(['ITEM-bulkhead']);
      for (const [target, satisfied] of writtenObjectives(manifest, 'ITEM-circuit-breaker', { scaled: Number(final.scaled), success: final.success })) globals.set(target, satisfied);
      expect(disabledItems(manifest, globals)).toEqual([]);
      checkFinal(version, final, questionIds);
      // The dependent SCO itself then runs in the LMS like any other.
      const frame = await launch(version, `course-${suffix}/bulkhead/index.html`);
      expect(await frame.$eval('h1', (node) => node.textContent)).toBe('Bulkhead');
      await page.evaluate(() => (window as any).unload());
      // Pass, try again, fail: the best result stays, and so does the dependent module's access.
      const exam = examOf('circuit-breaker');
      const retake = await launch(version, `course-${suffix}/circuit-breaker/index.html`, undefined, toActivityTree(manifest));
      await retake.click('nav.toc a[data-goto="quiz"]');
      await answerQuiz(retake, exam, exam.map(rightAnswer));
      await retake.click('form.quiz .retry');
      expect(await answerQuiz(retake, exam, exam.map(wrongAnswer))).toContain('You scored 0%');
      await page.evaluate(() => (window as any).unload());
      expect((await snapshot(version)).cmi.success).toBe('passed');
      expect((await lastChoice())?.['ITEM-bulkhead']).toBe('true');
    } else {
      const statuses = new Map<string, string>();
      expect(lockedItems12(manifest, statuses)).toEqual(['ITEM-bulkhead']);
      const { first, final } = await journey(version, `course-${suffix}/circuit-breaker/index.html`);
      statuses.set('ITEM-circuit-breaker', first.status);
      expect(lockedItems12(manifest, statuses)).toEqual(['ITEM-bulkhead']);
      statuses.set('ITEM-circuit-breaker', final.status);
      expect(lockedItems12(manifest, statuses)).toEqual([]);
      checkFinal(version, final, questionIds);
    }
    expect(blocked).toEqual([]);
  }, 300_000);
});

// ---------- Issue 18: each defect reproduced under the real runtime ----------

async function unload(): Promise<void> {
  await page.evaluate(() => (window as any).unload());
}

/** Save and exit, clicked in the page (the fixed footer may lie below the harness's viewport). */
async function saveAndExit(frame: Frame): Promise<void> {
  await frame.$eval('#pp-exit', (button) => (button as HTMLButtonElement).click());
}

async function gotoQuiz(frame: Frame): Promise<void> {
  await frame.click('nav.toc a[data-goto="quiz"]');
}

async function retry(frame: Frame): Promise<void> {
  await frame.click('form.quiz .retry');
}

async function modeText(frame: Frame): Promise<string> {
  return frame.$eval('#pp-mode', (node) => node.textContent ?? '');
}

async function quizLocked(frame: Frame): Promise<boolean> {
  return frame.$$eval('form.quiz input, form.quiz select, form.quiz button[type="submit"]', (nodes) => nodes.every((node) => (node as HTMLInputElement).disabled));
}

async function answersShown(frame: Frame): Promise<boolean[]> {
  return frame.$$eval('form.quiz .feedback', (nodes) => nodes.map((node) => !(node as HTMLElement).hidden && (node.textContent ?? '').trim().length > 40));
}

/** The values of the SetValue calls for one element, in order. */
function written(log: Call[], element: string | RegExp): string[] {
  return log.filter((call) => call.name.endsWith('SetValue') && (typeof element === 'string' ? call.args[0] === element : element.test(call.args[0]!))).map((call) => call.args[1]!);
}

function refusedCalls(log: Call[]): Call[] {
  return log.filter((call) => call.name.endsWith('SetValue') && (call.result !== 'true' || call.error !== '0'));
}

describe.each(['1.2', '2004'] as const)('SCORM %s: records a training team can trust', (version) => {
  const suffix = version === '1.2' ? 'scorm12' : 'scorm2004';
  const at = (slug: string, file = 'index.html') => `${slug}-${suffix}/${slug}/${file}`;
  const responseElement = version === '1.2' ? /^cmi\.interactions\.\d+\.student_response$/ : /^cmi\.interactions\.\d+\.learner_response$/;

  it('exit follows completion and success: a pass without every page seen suspends, and completion stays incomplete', async () => {
    const frame = await launch(version, at('circuit-breaker'));
    await gotoQuiz(frame);
    const exam = examOf('circuit-breaker');
    expect(await answerQuiz(frame, exam, exam.map(rightAnswer))).toContain('You scored 100%: passed.');
    await saveAndExit(frame);
    await unload();
    const { cmi } = await snapshot(version);
    expect(cmi.exit).toBe('suspend');
    if (version === '2004') {
      expect(cmi.completion).toBe('incomplete');
      expect(cmi.success).toBe('passed');
    } else {
      expect(cmi.status).toBe('passed');
    }
    expect(refusedCalls(await calls())).toEqual([]);
  });

  it('numbers reach the LMS as plain decimals: 0.0000001 as typed, the scaled score rounded', async () => {
    const frame = await launch(version, at('circuit-breaker'));
    await gotoQuiz(frame);
    const exam = examOf('circuit-breaker');
    const responses = exam.map((question, index) => (question.type === 'numeric' ? '0.0000001' : index === 0 ? rightAnswer(question) : wrongAnswer(question)));
    expect(await answerQuiz(frame, exam, responses)).toContain('You scored 16.67%');
    const log = await calls();
    expect(refusedCalls(log)).toEqual([]);
    expect(written(log, responseElement)).toContain('0.0000001');
    expect(written(log, version === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw')).toEqual(['16.67']);
    if (version === '2004') expect(written(log, 'cmi.score.scaled')).toEqual(['0.1667']);
    for (const value of written(log, /score|latency|weighting|pattern|response/)) expect(value).not.toMatch(/e[+-]?\d/i);
    await unload();
  });

  it('numeric answers are read the way the module’s language writes them', async () => {
    const exam = examOf('quiz-numbers');
    const numeric = exam.findIndex((question) => question.type === 'numeric');
    const cases: Record<string, [string, boolean | 'invalid'][]> = {
      'index.html': [
        ['1,200', true],
        ['1 200', true],
        ['1200', true],
        ['1,200.0', true],
        ['1.2', false],
        ['1,20', 'invalid'],
      ],
      'de.html': [
        ['1.200', true],
        ['1 200', true],
        ['1200,0', true],
        ['1,2', false],
      ],
    };
    // The same SCO in a German-language page: only <html lang> differs.
    const english = await readFile(path.join(work, 'www', at('quiz-numbers')), 'utf8');
    await writeFile(path.join(work, 'www', at('quiz-numbers', 'de.html')), english.replace('<html lang="en"', '<html lang="de"'));
    for (const [file, typed] of Object.entries(cases)) {
      const frame = await launch(version, at('quiz-numbers', file));
      await gotoQuiz(frame);
      for (const [index, [text, expected]] of typed.entries()) {
        if (index > 0 && (await frame.$eval('form.quiz .retry', (node) => !(node as HTMLElement).hidden))) await retry(frame);
        const before = (await snapshot(version)).cmi.interactions.length;
        const responses = exam.map((question, i) => (i === numeric ? text : rightAnswer(question)));
        const result = await answerQuiz(frame, exam, responses);
        const interactions = (await snapshot(version)).cmi.interactions;
        if (expected === 'invalid') {
          expect(interactions.length, `${file} ${text}`).toBe(before);
          expect(await frame.$eval('.quiz-problem', (node) => node.textContent), `${file} ${text}`).toMatch(/number/);
          continue;
        }
        expect(result, `${file} ${text}`).toMatch(/You scored/);
        const recorded = interactions.filter((interaction) => interaction.id === exam[numeric]!.id).at(-1)!;
        expect(recorded.result, `${file} ${text}`).toBe(expected ? 'correct' : version === '1.2' ? 'wrong' : 'incorrect');
        expect(recorded.response, `${file} ${text}`).toBe(expected ? '1200' : '1.2');
      }
      await unload();
    }
  });

  it('no readable answer key in the page: neither the correct options nor the model answers', async () => {
    const html = await readFile(path.join(work, 'www', at('circuit-breaker')), 'utf8');
    const data = JSON.parse(html.match(/<script type="application\/json" id="pp-data">([\s\S]*?)<\/script>/)![1]!) as Record<string, unknown>;
    expect(JSON.stringify(data)).not.toMatch(/"correct"|"steps"|"tolerance"/);
    for (const question of publication.modules.find((module) => module.slug === 'circuit-breaker')!.exam!.questions) {
      const phrase = question.model_answer.markdown.match(/[A-Za-z][A-Za-z ,']{40,}/)![0].slice(0, 40);
      expect(html, question.id).not.toContain(phrase);
    }
  });

  it('a limited assessment: model answers only after the last attempt, inputs locked after a submit, attempts counted across a resume', async () => {
    const exam = examOf('quiz-limited');
    const wrong = exam.map((question, index) => (index < 2 ? rightAnswer(question) : wrongAnswer(question)));
    let frame = await launch(version, at('quiz-limited'));
    await gotoQuiz(frame);
    expect(await frame.$eval('form.quiz', (node) => node.textContent)).toContain('2 attempts');
    const first = await answerQuiz(frame, exam, wrong);
    expect(first).toContain('You scored 33.33%');
    expect(first).toContain('Attempt 1 of 2');
    expect(await answersShown(frame)).toEqual(exam.map(() => false));
    expect(await quizLocked(frame)).toBe(true);
    // Submitting the locked form again (no "Try again") changes nothing.
    await frame.evaluate(() => (document.querySelector('form.quiz') as HTMLFormElement).requestSubmit());
    expect((await snapshot(version)).cmi.interactions).toHaveLength(exam.length);
    await unload();
    const stored = storedForRelaunch(version, (await snapshot(version)).raw);

    frame = await launch(version, at('quiz-limited'), stored);
    await gotoQuiz(frame);
    expect(await quizLocked(frame)).toBe(true);
    expect(await frame.$eval('.quiz-result', (node) => node.textContent)).toContain('Attempt 1 of 2');
    await retry(frame);
    expect(await quizLocked(frame)).toBe(false);
    const second = await answerQuiz(frame, exam, wrong);
    expect(second).toContain('Attempt 2 of 2');
    expect(await answersShown(frame)).toEqual(exam.map(() => true));
    expect(await quizLocked(frame)).toBe(true);
    expect(await frame.$eval('form.quiz .retry', (node) => (node as HTMLElement).hidden)).toBe(true);
    await saveAndExit(frame);
    await unload();
    const { cmi } = await snapshot(version);
    expect(version === '1.2' ? cmi.status : cmi.success).toBe('failed');
    expect(cmi.interactions).toHaveLength(exam.length * 2);
  });

  it('per-choice feedback: sealed like the key, shown under each chosen option after a submit, gone on Try again', async () => {
    const html = await readFile(path.join(work, 'www', at('quiz-limited')), 'utf8');
    expect(html).not.toContain('Feedback on choice');
    const exam = examOf('quiz-limited');
    const responses = exam.map(wrongAnswer);
    const expected = exam.flatMap((question, index) => {
      if (question.type !== 'single' && question.type !== 'multiple') return [];
      const chosen = ([] as string[]).concat(responses[index] as string | string[]);
      return chosen.map((id) => `${question.id} ${id}: Feedback on choice ${id} of ${question.id}: why it is what it is.`);
    });
    expect(expected.length).toBeGreaterThan(1);
    const frame = await launch(version, at('quiz-limited'));
    await gotoQuiz(frame);
    expect(await frame.$$eval('.choice-feedback', (nodes) => nodes.length)).toBe(0);
    await answerQuiz(frame, exam, responses);
    const shown = await frame.$$eval('.choice-feedback', (nodes) =>
      nodes.map((node) => `${node.closest('fieldset')!.getAttribute('data-question')} ${node.closest('li')!.querySelector('input')!.value}: ${(node.textContent ?? '').trim()}`),
    );
    expect(shown.sort()).toEqual(expected.sort());
    // Feedback on the chosen options is not the model answer: that still waits for the last attempt.
    expect(await answersShown(frame)).toEqual(exam.map(() => false));
    await retry(frame);
    expect(await frame.$$eval('.choice-feedback', (nodes) => nodes.length)).toBe(0);
    await unload();
  });

  it('a failed retake keeps the best result by default, and the last one where the module says so', async () => {
    for (const [slug, expected] of [
      ['circuit-breaker', ['passed', '100']],
      ['quiz-limited', ['failed', '33.33']],
    ] as const) {
      const exam = examOf(slug);
      const frame = await launch(version, at(slug));
      await gotoQuiz(frame);
      expect(await answerQuiz(frame, exam, exam.map(rightAnswer))).toContain('passed');
      expect(await answersShown(frame)).toEqual(exam.map(() => true));
      await retry(frame);
      expect(
        await answerQuiz(
          frame,
          exam,
          exam.map((question, index) => (index < 2 ? rightAnswer(question) : wrongAnswer(question))),
        ),
      ).toContain('33.33%');
      await saveAndExit(frame);
      await unload();
      const { cmi } = await snapshot(version);
      expect([version === '1.2' ? cmi.status : cmi.success, cmi.raw], slug).toEqual(expected);
      expect(refusedCalls(await calls())).toEqual([]);
    }
  });

  it('review and browse modes record nothing; the LMS’s mastery score wins over the packaged one', async () => {
    const exam = examOf('circuit-breaker');
    for (const mode of ['review', 'browse']) {
      const stored = version === '1.2' ? { core: { lesson_mode: mode } } : { mode };
      const frame = await launch(version, at('circuit-breaker'), stored);
      expect(await modeText(frame)).toMatch(new RegExp(`${mode[0]!.toUpperCase()}${mode.slice(1)} mode`));
      await gotoQuiz(frame);
      expect(await answerQuiz(frame, exam, exam.map(rightAnswer))).toContain('100%');
      await unload();
      const log = await calls();
      expect(written(log, /status|score|interactions|suspend_data/), mode).toEqual([]);
      const { cmi } = await snapshot(version);
      expect(version === '1.2' ? cmi.status : cmi.success, mode).not.toBe('passed');
    }
    // The LMS says 30% passes; the package says 80%: 33.33% passes.
    const stored = version === '1.2' ? { student_data: { mastery_score: '30' } } : { scaled_passing_score: '0.3' };
    const frame = await launch(version, at('circuit-breaker'), stored);
    await gotoQuiz(frame);
    expect(
      await answerQuiz(
        frame,
        exam,
        exam.map((question, index) => (index < 2 ? rightAnswer(question) : wrongAnswer(question))),
      ),
    ).toContain('33.33%: passed');
    await unload();
    const { cmi } = await snapshot(version);
    expect(version === '1.2' ? cmi.status : cmi.success).toBe('passed');
  });

  it('learning outcomes become objectives: scored by the questions citing them, and each interaction names its outcomes', async () => {
    const module = publication.modules.find((candidate) => candidate.slug === 'circuit-breaker')!;
    const exam = module.exam!.questions;
    const frame = await launch(version, at('circuit-breaker'));
    await gotoQuiz(frame);
    const right = exam.map((_, index) => index < 2);
    await answerQuiz(
      frame,
      exam,
      exam.map((question, index) => (right[index] ? rightAnswer(question) : wrongAnswer(question))),
    );
    await unload();
    const { raw } = await snapshot(version);
    const objectives = Object.values((raw.objectives ?? {}) as Record<string, any>);
    expect(objectives.map((objective) => objective.id)).toEqual(module.outcomes.map((outcome) => `circuit-breaker.${outcome.id}`));
    for (const outcome of module.outcomes) {
      const citing = exam.map((question, index) => ({ question, index })).filter(({ question }) => question.outcomes.includes(outcome.id));
      const score = Math.round((10000 * citing.filter(({ index }) => right[index]).length) / citing.length) / 100;
      const objective = objectives.find((candidate) => candidate.id === `circuit-breaker.${outcome.id}`)!;
      expect(Number(objective.score.raw), outcome.id).toBe(score);
      expect(version === '1.2' ? objective.status : objective.success_status, outcome.id).toBe(score >= 80 ? 'passed' : 'failed');
    }
    const interactions = Object.values((raw.interactions ?? {}) as Record<string, any>);
    interactions.forEach((interaction, index) => {
      const linked = Object.values((interaction.objectives ?? {}) as Record<string, any>).map((objective) => objective.id);
      expect(linked, interaction.id).toEqual(exam[index]!.outcomes.map((outcome) => `circuit-breaker.${outcome}`));
    });
    expect(refusedCalls(await calls())).toEqual([]);
  });

  it('a linear module opens its quiz after the content pages; shuffled questions and choices keep their order within an attempt, across a resume', async () => {
    const exam = examOf('quiz-shuffled');
    const order = (frame: Frame) =>
      frame.evaluate(() => ({
        questions: Array.from(document.querySelectorAll('form.quiz fieldset.question')).map((node) => node.getAttribute('data-question')),
        choices: Array.from(document.querySelectorAll('form.quiz ul.choices input')).map((node) => `${(node as HTMLInputElement).name}=${(node as HTMLInputElement).value}`),
        numbers: Array.from(document.querySelectorAll('form.quiz .qnum')).map((node) => node.textContent),
      }));
    let frame = await launch(version, at('quiz-shuffled'));
    await gotoQuiz(frame);
    expect(await visiblePage(frame)).toBe('intro');
    expect(await frame.$eval('#pp-resume', (node) => node.textContent)).toMatch(/^The quiz opens once you have seen every page/);
    const data = JSON.parse(await frame.$eval('#pp-data', (node) => node.textContent ?? '')) as PlayerData;
    for (let index = 1; index < data.pages.length; index++) await pressNext(frame);
    expect(await visiblePage(frame)).toBe('quiz');
    const first = await order(frame);
    expect(first.questions).not.toEqual(exam.map((question) => question.id));
    expect([...first.questions].sort()).toEqual(exam.map((question) => question.id).sort());
    expect(first.numbers).toEqual(exam.map((_, index) => String(index + 1)));
    await answerQuiz(frame, exam, exam.map(wrongAnswer));
    await unload();
    const stored = storedForRelaunch(version, (await snapshot(version)).raw);
    // The records keep the authored order, whatever the learner saw.
    expect((await snapshot(version)).cmi.interactions.map((interaction) => interaction.id)).toEqual(exam.map((question) => question.id));

    frame = await launch(version, at('quiz-shuffled'), stored);
    await gotoQuiz(frame);
    expect(await visiblePage(frame)).toBe('quiz');
    expect(await order(frame)).toEqual(first);
    await retry(frame);
    const second = await order(frame);
    expect(second.questions).not.toEqual(first.questions);
    expect(await answerQuiz(frame, exam, exam.map(rightAnswer))).toContain('You scored 100%: passed.');
    await unload();
  });

  it('tells the truth about the LMS: a refused Initialize, a failed commit retried, a save that failed', async () => {
    let frame = await launch(version, at('circuit-breaker'), undefined, undefined, { preinitialize: true });
    expect(await modeText(frame)).not.toContain('no LMS was found');
    // The runtime's own error for the refused call, as GetLastError gives it (1.2: 101, 2004: 103).
    const refusal = (await calls()).filter((call) => call.name.endsWith('Initialize')).at(-1)!;
    expect(refusal.result).toBe('false');
    expect(await modeText(frame)).toMatch(new RegExp(`refused[\\s\\S]*error ${refusal.error}\\b`));
    await saveAndExit(frame);
    expect(await modeText(frame)).not.toMatch(/progress is saved/i);
    await unload();

    // One refused commit: the player tries again, and then it is true that the progress is saved.
    await page.evaluate(() => fetch('/fail-commits?n=1'));
    const before = lms.commits;
    frame = await launch(version, at('circuit-breaker'), undefined, undefined, { commitUrl: true });
    await pressNext(frame);
    await saveAndExit(frame);
    expect(await modeText(frame)).toMatch(/progress is saved/i);
    expect(lms.commits.refused - before.refused).toBe(1);
    expect(lms.commits.received - before.received).toBeGreaterThanOrEqual(3);
    await unload();

    // Every commit refused: the learner is told the progress was not saved.
    await page.evaluate(() => fetch('/fail-commits?n=1000'));
    frame = await launch(version, at('circuit-breaker'), undefined, undefined, { commitUrl: true });
    await pressNext(frame);
    await saveAndExit(frame);
    expect(await modeText(frame)).not.toMatch(/progress is saved/i);
    expect(await modeText(frame)).toMatch(/not saved/i);
    await unload();
    await page.evaluate(() => fetch('/fail-commits?n=0'));
  });
});
