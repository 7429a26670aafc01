import { describe, expect, it } from 'vitest';
import { scheduleTimeline } from './schedule.js';
import { catalogOf } from './test-helpers.js';
import type { ScheduleInput, ScheduleModule, ScheduleOptions, SchedulePlan } from './types.js';

// Issue 20's defects of the scheduler itself, each as the team lead met it.

function planOf(input: ScheduleInput, options?: ScheduleOptions): SchedulePlan {
  const result = scheduleTimeline(input, options);
  expect(result.problems.flatMap((file) => file.messages.filter((message) => message.fatal).map(String))).toEqual([]);
  return result.plan!;
}

const module = (slug: string, extra: Partial<ScheduleModule> = {}): ScheduleModule => ({ slug, title: slug, status: 'research', authors: [], ...extra });
const byId = (plan: SchedulePlan) => new Map(plan.tasks.map((task) => [task.id, task]));

describe('1. a reviewer never reviews what they wrote in this plan', () => {
  it('gives the writing to someone else when the only reviewer is also an author', () => {
    const plan = planOf({
      catalog: catalogOf([{ slug: 'a' }, { slug: 'b' }], {
        team: [
          { id: 'both', roles: ['author', 'reviewer'] },
          { id: 'writer', roles: ['author'] },
        ],
      }),
      modules: [module('a'), module('b', { status: 'outline' })],
    });
    for (const slug of ['a', 'b']) {
      const own = plan.tasks.filter((task) => task.module === slug);
      const writers = new Set(own.filter((task) => task.phase !== 'review').map((task) => task.person));
      const review = own.find((task) => task.phase === 'review')!;
      expect(writers.has(review.person), `${slug}: ${[...writers].join(',')} wrote, ${review.person} reviewed`).toBe(false);
    }
  });
});

describe('2. the plan starts from a status date', () => {
  const input = (statusDate?: string): ScheduleInput => ({
    catalog: catalogOf([{ slug: 'a' }, { slug: 'b' }], { start: '2025-02-03', ...(statusDate ? { status_date: statusDate } : {}) }),
    modules: [module('a', { status: 'review', authors: ['author-a'] }), module('b', { status: 'outline', authors: ['author-a'] })],
  });

  it('plans nothing before timeline.status_date and says which date it used', () => {
    const plan = planOf(input('2026-11-30'));
    expect(plan.statusDate).toEqual({ date: '2026-11-30', source: 'catalog' });
    expect(plan.start).toBe('2026-11-30');
    expect(plan.tasks.every((task) => task.start >= '2026-11-30')).toBe(true);
  });

  it('reports work the plan from the start put before the status date as late, with a warning', () => {
    const result = scheduleTimeline(input('2025-02-10'));
    const late = result.plan!.tasks.filter((task) => task.lateSince);
    expect(late.map((task) => [task.id, task.lateSince])).toEqual([
      ['a-review', '2025-02-03'],
      ['b-content', '2025-02-05'],
      ['b-exam', '2025-02-07'],
    ]);
    const messages = result.problems.flatMap((file) => file.messages);
    expect(messages.map((message) => [message.ruleId, message.fatal])).toEqual([['schedule-late', false]]);
    expect(messages[0]!.reason).toMatch(/^3 task\(s\) planned to end before the status date 2025-02-10 are not done: a-review \(due 2025-02-03, now ends 2025-02-10\)/);
  });

  it('takes the date from the caller when the catalog has none, and stays at the start by default', () => {
    expect(planOf(input(), { statusDate: '2025-03-03' })).toMatchObject({ start: '2025-03-03', statusDate: { date: '2025-03-03', source: 'option' } });
    expect(planOf(input())).toMatchObject({ start: '2025-02-03', statusDate: { date: '2025-02-03', source: 'start' } });
    // The catalog's date wins over the caller's.
    expect(planOf(input('2025-04-01'), { statusDate: '2025-03-03' }).statusDate.source).toBe('catalog');
  });
});

/** Two full-time authors' worth of shared work and a half-time author who alone may write one module. */
function halfTimeCase(horizon?: number): ScheduleInput {
  return {
    catalog: catalogOf([{ slug: 'shared-1' }, { slug: 'shared-2' }, { slug: 'only-half' }], {
      start: '2025-02-03',
      ...(horizon ? { horizon_days: horizon } : {}),
      team: [
        { id: 'full', roles: ['author'] },
        { id: 'half', roles: ['author'], capacity: 0.5 },
        { id: 'reviewer-a', roles: ['reviewer'] },
      ],
    }),
    modules: [
      module('shared-1', { status: 'outline', effort: { content: 4 } }),
      module('shared-2', { status: 'outline', effort: { content: 4 } }),
      module('only-half', { status: 'outline', authors: ['half'], effort: { content: 4 } }),
    ],
  };
}

describe('3. the horizon check is no stricter than the best plan found', () => {
  it('accepts a horizon that a valid plan fits', () => {
    // full writes both shared modules (8 days), half writes its own (8 working days): 2025-02-03 to 2025-02-12.
    const plan = planOf(halfTimeCase(10), { phases: ['content'] });
    expect(plan.end).toBe('2025-02-12');
  });
});

describe('4. a higher priority takes a person first', () => {
  it('lets a priority-1 review take the reviewer before a priority-2 review that was ready earlier', () => {
    const plan = planOf({
      catalog: catalogOf([
        { slug: 'low', priority: 2 },
        { slug: 'high', priority: 1 },
        { slug: 'least', priority: 3 },
      ]),
      modules: [
        module('low', { status: 'review', authors: ['author-a'], effort: { review: 2 } }),
        module('high', { status: 'draft', authors: ['author-a'], effort: { exam: 1, review: 2 } }),
        module('least', { status: 'review', authors: ['author-a'], effort: { review: 1 } }),
      ],
    });
    const tasks = byId(plan);
    expect(tasks.get('high-review')!.start < tasks.get('low-review')!.start).toBe(true);
  });
});

describe('5. plans as short as the lower bound where the earlier scheduler lost time', () => {
  it('keeps a half-time author for the work only they can do', () => {
    // Lower bound: half needs 8 working days for only-half; full needs 8 for the shared modules.
    expect(planOf(halfTimeCase(), { phases: ['content'] }).workingDays).toBe(8);
  });

  it('does not start an exam that delays the critical chain', () => {
    // One author: the exam of `base` can wait, the content of `next` (gated by base's content) cannot: its review is long.
    const plan = planOf({
      catalog: catalogOf([{ slug: 'base' }, { slug: 'next', depends_on: ['base'] }], { dependency_phase: 'content' }),
      modules: [
        module('base', { status: 'outline', authors: ['author-a'], effort: { content: 2, exam: 3, review: 1 } }),
        module('next', { status: 'outline', authors: ['author-a'], effort: { content: 6, exam: 1, review: 3 } }),
      ],
    });
    // author-a has 12 days of work; base's review (1 day) can only follow the last of it: 13 working days.
    expect(plan.workingDays).toBe(13);
    expect(plan.tasks.find((task) => task.id === 'next-content')!.start).toBe('2025-02-05');
  });
});

describe("people's availability from the catalog's team", () => {
  const plan = (member: Record<string, unknown>, others: { id: string; roles: ['author'] }[] = []) =>
    planOf(
      {
        catalog: catalogOf([{ slug: 'a' }], { team: [{ id: 'author-a', roles: ['author'], ...member }, ...others, { id: 'reviewer-a', roles: ['reviewer'] }] }),
        modules: [module('a', { status: 'outline', authors: others.length > 0 ? [] : ['author-a'], effort: { content: 3 } })],
      },
      { phases: ['content'] },
    );

  it('plans no work on leave: the task stretches over it', () => {
    const task = plan({ leave: [{ from: '2025-02-04', to: '2025-02-05' }] }).tasks[0]!;
    expect([task.start, task.end, task.workingDays]).toEqual(['2025-02-03', '2025-02-07', 5]);
  });

  it('counts a part-time period at its capacity', () => {
    // Half-time in the first week: 2.5 days of work by Friday, the last half day on Monday.
    const task = plan({ part_time: [{ from: '2025-02-03', to: '2025-02-07', capacity: 0.5 }] }).tasks[0]!;
    expect([task.start, task.end]).toEqual(['2025-02-03', '2025-02-10']);
  });

  it('starts a person on the day they join and says why the task waited', () => {
    const task = plan({ joins: '2025-02-10' }).tasks[0]!;
    expect(task.start).toBe('2025-02-10');
    expect(task.why).toBe('author-a away (leave, not yet joined) for 5 working day(s)');
  });

  it('gives no work to a person after the day they leave', () => {
    const tasks = plan({ leaves: '2025-02-04' }, [{ id: 'author-b', roles: ['author'] }]).tasks;
    expect(tasks.map((task) => [task.person, task.start])).toEqual([['author-b', '2025-02-03']]);
  });
});

describe('progress: actual dates in the front matter', () => {
  const plan = (progress: ScheduleModule['progress'], statusDate = '2025-02-05') =>
    planOf({
      catalog: catalogOf([{ slug: 'a' }], {
        status_date: statusDate,
        team: [
          { id: 'author-a', roles: ['author'] },
          { id: 'author-b', roles: ['author'] },
          { id: 'reviewer-a', roles: ['reviewer'] },
        ],
      }),
      modules: [module('a', { status: 'research', authors: ['author-a'], effort: { content: 3, exam: 2 }, progress })],
    });

  it('keeps a started phase with its person and first day, and plans what is left of it from the status date', () => {
    const tasks = byId(plan({ content: { started: '2025-02-03', by: 'author-b' } }));
    // Research and outline come before the started content: done. Two of content's three days are worked.
    expect([...tasks.keys()]).toEqual(['a-content', 'a-exam', 'a-review']);
    expect(tasks.get('a-content')).toMatchObject({ person: 'author-b', start: '2025-02-03', actualStart: '2025-02-03', end: '2025-02-05', workingDays: 3 });
    expect(tasks.get('a-exam')!.start).toBe('2025-02-06');
  });

  it('plans nothing for a finished phase', () => {
    const tasks = byId(plan({ content: { started: '2025-01-27', finished: '2025-01-29' } }));
    expect([...tasks.keys()]).toEqual(['a-exam', 'a-review']);
    expect(tasks.get('a-exam')!.start).toBe('2025-02-05');
  });
});
