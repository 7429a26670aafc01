import { launchBrowser, mermaidScriptPath, openIsolatedPage } from '@pattern-press/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, isoDate, WorkingCalendar, type Weekday } from './calendar.js';
import { toMermaidGantt } from './mermaid-gantt.js';
import { scheduleTimeline } from './schedule.js';
import { catalogOf, readFixture } from './test-helpers.js';
import type { ScheduleInput, ScheduleOptions, SchedulePlan } from './types.js';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

interface MermaidTask {
  id: string;
  name: string;
  start: string;
  /** Exclusive, as Mermaid keeps it. */
  end: string;
}

type Page = Awaited<ReturnType<typeof openIsolatedPage>>;

/** A page holding the mermaid bundle the build renders with; loading it once keeps the suite fast. */
async function mermaidPage(browser: Browser): Promise<Page> {
  const page = await openIsolatedPage(browser, { allowedRoots: [] });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: mermaidScriptPath() });
  await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false }));
  return page;
}

/**
 * The source as Mermaid itself understands it: mermaid.parse (what
 * renderMermaid runs first, and rejects invalid diagrams with), then the gantt
 * parser's database (mermaidAPI.getDiagramFromText → db.getTasks()). Reading
 * the model rather than bar pixels avoids any dependence on axis scale,
 * rounding or label layout.
 */
async function mermaidModel(page: Page, source: string): Promise<{ error?: string; tasks: MermaidTask[] }> {
  return page.evaluate(async (text: string) => {
    const mermaid = (
      globalThis as unknown as {
        mermaid: { parse(t: string): Promise<unknown>; mermaidAPI: { getDiagramFromText(t: string): Promise<{ db: { getTasks(): { id: string; task: string; startTime: Date; endTime: Date }[] } }> } };
      }
    ).mermaid;
    try {
      await mermaid.parse(text);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      const day = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
      return { tasks: diagram.db.getTasks().map((task) => ({ id: task.id, name: task.task, start: day(task.startTime), end: day(task.endTime) })) };
    } catch (error) {
      return { error: String((error as Error)?.message ?? error), tasks: [] };
    }
  }, source);
}

/** The working days (by our calendar) inside Mermaid's [start, end): what the bar covers that counts. */
function coveredWorkingDays(task: MermaidTask, plan: SchedulePlan): string[] {
  const calendar = new WorkingCalendar(dayNumber(plan.start)!, new Set(plan.calendar.workingDays as Weekday[]), new Set(plan.calendar.holidays.map((h) => dayNumber(h)!)));
  const days: string[] = [];
  for (let day = dayNumber(task.start)!; day < dayNumber(task.end)!; day++) if (calendar.isWorking(day)) days.push(isoDate(day));
  return days;
}

function planOf(input: ScheduleInput, options?: ScheduleOptions): SchedulePlan {
  const result = scheduleTimeline(input, options);
  expect(result.problems.flatMap((file) => file.messages.map(String))).toEqual([]);
  return result.plan!;
}

describe('the Gantt in Mermaid (Chromium)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await mermaidPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const working = (plan: SchedulePlan) => {
    const calendar = new WorkingCalendar(dayNumber(plan.start)!, new Set(plan.calendar.workingDays as Weekday[]), new Set(plan.calendar.holidays.map((h) => dayNumber(h)!)));
    return (task: SchedulePlan['tasks'][number]) => {
      const days: string[] = [];
      for (let day = dayNumber(task.start)!; day <= dayNumber(task.end)!; day++) if (calendar.isWorking(day)) days.push(isoDate(day));
      return days;
    };
  };

  const cases: [string, () => SchedulePlan][] = [
    [
      'the seed timeline (every day a working day)',
      () => {
        const fixture = readFixture('seed-timeline.json');
        return planOf(fixture, fixture.options);
      },
    ],
    [
      'a working week with holidays and a half-time author',
      () =>
        planOf({
          catalog: catalogOf([{ slug: 'load-balancing' }, { slug: 'caching', depends_on: ['load-balancing'] }, { slug: 'sharding' }], {
            dependency_phase: 'content',
            calendar: { working_days: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2025-02-05', '2025-02-14', '2025-02-17'] },
            team: [
              { id: 'author-a', roles: ['author'], capacity: 1 },
              { id: 'author-b', roles: ['author'], capacity: 0.5 },
              { id: 'reviewer-a', roles: ['reviewer'] },
            ],
          }),
          modules: [
            { slug: 'load-balancing', title: 'Load Balancing', status: 'research', authors: ['author-a'] },
            { slug: 'caching', title: 'Caching', status: 'outline', authors: ['author-b'] },
            { slug: 'sharding', title: 'Sharding', status: 'outline', authors: [] },
          ],
        }),
    ],
    [
      'a four-day week (Monday to Thursday) from a Thursday',
      () =>
        planOf({
          catalog: catalogOf([{ slug: 'retry-backoff' }, { slug: 'bulkhead', depends_on: ['retry-backoff'] }], {
            start: '2025-03-06',
            calendar: { working_days: ['mon', 'tue', 'wed', 'thu'] },
          }),
          modules: [
            { slug: 'retry-backoff', title: 'Retry', status: 'research', authors: ['author-a'] },
            { slug: 'bulkhead', title: 'Bulkhead', status: 'draft', authors: ['author-a'] },
          ],
        }),
    ],
  ];

  for (const [name, makePlan] of cases) {
    it(`parses, and Mermaid derives our dates: ${name}`, async () => {
      const plan = makePlan();
      const source = toMermaidGantt(plan);
      const { error, tasks } = await mermaidModel(page, source);
      expect(error).toBeUndefined();
      expect(tasks.map((task) => task.id)).toEqual(plan.tasks.map((task) => task.id));
      const workingDaysOf = working(plan);
      for (const [index, ours] of plan.tasks.entries()) {
        const theirs = tasks[index]!;
        expect(theirs.start, ours.id).toBe(ours.start);
        // Mermaid stretches a bar over excluded days; the working days it covers must be exactly ours.
        expect(coveredWorkingDays(theirs, plan), ours.id).toEqual(workingDaysOf(ours));
      }
    });
  }

  it('the comparison can fail: an invalid gantt is rejected, a shifted date is seen', async () => {
    expect((await mermaidModel(page, 'gantt\n    dateFormat YYYY-MM-DD\n    section A\n    Task :a1, 2025-02-01, 3d\n    Other a2 after nothing\n')).error).toBeTruthy();
    const fixture = readFixture('seed-timeline.json');
    const plan = planOf(fixture, fixture.options);
    const shifted = toMermaidGantt(plan).replace('2025-02-08, 3d', '2025-02-09, 3d');
    const { tasks } = await mermaidModel(page, shifted);
    expect(tasks.find((task) => task.id === 'circuit-breaker-content')?.start).not.toBe(plan.tasks.find((task) => task.id === 'circuit-breaker-content')!.start);
  });
});
