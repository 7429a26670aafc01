import type { PatternCatalog } from '@pattern-press/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, weekdayNames, weekdayOf } from './calendar.js';
import { legacyWorkingDays } from './legacy-schedule.js';
import { scheduleTimeline } from './schedule.js';
import { phaseOrder, type Phase, type ScheduleInput, type ScheduleModule, type ScheduleOptions, type SchedulePlan } from './types.js';

const statuses = ['research', 'outline', 'draft', 'review', 'published'] as const;

/**
 * Random catalogs that are valid by construction: dependencies only point to
 * earlier slugs (no cycles) before the catalog order is shuffled, every module
 * has people who may do its work, efforts are positive.
 */
const scheduleCases = fc
  .record({
    size: fc.integer({ min: 1, max: 9 }),
    teamSize: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 64, maxLength: 64 }),
    workingDays: fc.subarray([...weekdayNames], { minLength: 1 }),
    holidays: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
    start: fc.integer({ min: 0, max: 400 }),
    sprintDays: fc.integer({ min: 1, max: 14 }),
    dependencyPhase: fc.constantFrom(...phaseOrder),
    phases: fc.subarray([...phaseOrder], { minLength: 1 }),
    align: fc.constantFrom('none' as const, 'sprint' as const),
    availability: fc.boolean(),
  })
  .map(({ size, teamSize, seed, workingDays, holidays, start, sprintDays, dependencyPhase, phases, align, availability }) => {
    let cursor = 0;
    const next = (n: number) => seed[cursor++ % seed.length]! % n;
    const startDay = dayNumber('2025-01-01')! + start;
    const authors = Array.from({ length: teamSize }, (_, i) => ({ id: `author-${i}`, roles: ['author'] as ['author'], capacity: [1, 0.5, 0.25, 1][next(4)]! }));
    const reviewers = Array.from({ length: 1 + next(2) }, (_, i) => ({ id: `reviewer-${i}`, roles: ['reviewer'] as ['reviewer'], capacity: [1, 0.5][next(2)]! }));
    const slugs = Array.from({ length: size }, (_, i) => `m${i}`);
    const patterns = slugs.map((slug, i) => ({
      slug,
      title: `Module ${i}`,
      category: 'scaling' as const,
      priority: 1 + next(3),
      complexity: 'medium' as const,
      depends_on: slugs.slice(0, i).filter(() => next(3) === 0),
      real_examples: [],
    }));
    // Shuffle the catalog order so dependencies point both ways in it.
    for (let i = patterns.length - 1; i > 0; i--) {
      const j = next(i + 1);
      [patterns[i], patterns[j]] = [patterns[j]!, patterns[i]!];
    }
    const modules: ScheduleModule[] = slugs.map((slug, i) => ({
      slug,
      title: `Module ${i}`,
      status: statuses[next(statuses.length)]!,
      authors: authors.filter(() => next(2) === 0).map((author) => author.id),
      effort: { research: 0.5 + next(3), outline: 1, content: 1 + next(5), exam: [0.5, 1, 2][next(3)]!, review: 1 + next(2) },
    }));
    // People's real availability: leave, part-time periods, joining late, leaving (never before the last one stays).
    if (availability) {
      const team = [...authors, ...reviewers];
      for (const member of team) {
        const at = (offset: number) => isoDate(startDay + offset);
        const from = next(40);
        if (next(2) === 0) Object.assign(member, { leave: [{ from: at(from), to: at(from + next(10)) }] });
        if (next(3) === 0) Object.assign(member, { part_time: [{ from: at(next(30)), to: at(30 + next(30)), capacity: [0.5, 0.25][next(2)]! }] });
        if (next(4) === 0) Object.assign(member, { joins: at(next(20)) });
      }
      const leaving = authors[authors.length - 1]!;
      if (authors.length > 1 && next(2) === 0 && !modules.some((module) => module.authors.includes(leaving.id))) Object.assign(leaving, { leaves: isoDate(startDay + 10 + next(30)) });
    }
    const catalog: PatternCatalog = {
      categories: [{ id: 'scaling', title: 'Scaling' }],
      patterns,
      timeline: {
        start: isoDate(startDay),
        sprint_days: sprintDays,
        dependency_phase: dependencyPhase,
        calendar: { working_days: workingDays, holidays: [...new Set(holidays)].map((offset) => isoDate(startDay + offset)) },
        team: [authors[0]!, ...authors.slice(1), ...reviewers],
      },
    };
    const options: ScheduleOptions = { phases: phases as Phase[], align };
    return { input: { catalog, modules } satisfies ScheduleInput, options, availability };
  });

/** A person's share of a calendar day, read straight from the catalog entry (an independent reading of the rules). */
function capacityOf(member: PatternCatalog['timeline']['team'][number], day: number): number {
  const date = isoDate(day);
  if ((member.joins && date < member.joins) || (member.leaves && date > member.leaves)) return 0;
  if ((member.leave ?? []).some((range) => range.from <= date && date <= range.to)) return 0;
  return (member.part_time ?? []).find((period) => period.from <= date && date <= period.to)?.capacity ?? member.capacity ?? 1;
}

function planOf({ input, options }: { input: ScheduleInput; options: ScheduleOptions }): SchedulePlan {
  const result = scheduleTimeline(input, options);
  expect(result.problems.flatMap((file) => file.messages.map(String))).toEqual([]);
  return result.plan!;
}

const runs = { numRuns: 150, seed: 20250201 };

describe('over random catalogs', () => {
  it('nobody is double-booked', () => {
    fc.assert(
      fc.property(scheduleCases, (testCase) => {
        const plan = planOf(testCase);
        const byPerson = new Map<string, SchedulePlan['tasks']>();
        for (const task of plan.tasks) byPerson.set(task.person, [...(byPerson.get(task.person) ?? []), task]);
        for (const tasks of byPerson.values()) {
          const sorted = [...tasks].sort((a, b) => a.start.localeCompare(b.start));
          sorted.slice(1).forEach((task, index) => expect(task.start > sorted[index]!.end, `${sorted[index]!.id} / ${task.id}`).toBe(true));
        }
      }),
      runs,
    );
  });

  it('every dependency and every phase order is respected', () => {
    fc.assert(
      fc.property(scheduleCases, (testCase) => {
        const plan = planOf(testCase);
        const limit = phaseOrder.indexOf(plan.dependencyPhase);
        const tasksOf = (slug: string) => plan.tasks.filter((task) => task.module === slug).sort((a, b) => phaseOrder.indexOf(a.phase) - phaseOrder.indexOf(b.phase));
        for (const pattern of testCase.input.catalog.patterns) {
          const own = tasksOf(pattern.slug);
          own.slice(1).forEach((task, index) => expect(task.start > own[index]!.end, task.id).toBe(true));
          if (own.length === 0) continue;
          for (const dependency of pattern.depends_on) {
            for (const gate of tasksOf(dependency).filter((task) => phaseOrder.indexOf(task.phase) <= limit)) {
              expect(own[0]!.start > gate.end, `${own[0]!.id} after ${gate.id}`).toBe(true);
            }
          }
        }
      }),
      runs,
    );
  });

  it('work happens on working days the person is available, for as many days as their capacity needs', () => {
    fc.assert(
      fc.property(scheduleCases, (testCase) => {
        const plan = planOf(testCase);
        const holidays = new Set(plan.calendar.holidays);
        const isWorking = (day: number) => plan.calendar.workingDays.includes(weekdayOf(day)) && !holidays.has(isoDate(day));
        const members = new Map(testCase.input.catalog.timeline.team.map((member) => [member.id, member]));
        for (const task of plan.tasks) {
          const member = members.get(task.person)!;
          const share = (day: number) => capacityOf(member, day);
          const days: number[] = [];
          for (let day = dayNumber(task.start)!; day <= dayNumber(task.end)!; day++) if (isWorking(day)) days.push(day);
          expect(isWorking(dayNumber(task.start)!) && isWorking(dayNumber(task.end)!), task.id).toBe(true);
          expect(days.length, task.id).toBe(task.workingDays);
          // The person works on the first and last day, and the stretch holds just enough of their time.
          expect(share(days[0]!) > 0 && share(days.at(-1)!) > 0, `${task.id} starts or ends on a day ${task.person} is away`).toBe(true);
          const work = days.reduce((sum, day) => sum + share(day), 0);
          expect(work, task.id).toBeGreaterThanOrEqual(task.effort - 1e-9);
          expect(work - share(days.at(-1)!), task.id).toBeLessThan(task.effort - 1e-9);
          if (!testCase.availability) expect(task.workingDays).toBe(Math.ceil(task.effort / (member.capacity ?? 1) - 1e-9));
          expect(task.slack).toBeGreaterThanOrEqual(0);
          expect(task.start >= plan.start).toBe(true);
        }
        if (plan.tasks.length > 0) {
          // The plan's last task has no slack, so the critical path reaches the end.
          expect(plan.tasks.some((task) => task.end === plan.end && task.critical)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('never lets a person review a module they wrote a phase of', () => {
    fc.assert(
      fc.property(scheduleCases, (testCase) => {
        const plan = planOf(testCase);
        const named = new Map(testCase.input.modules.map((module) => [module.slug, module.authors]));
        for (const review of plan.tasks.filter((task) => task.phase === 'review')) {
          const writers = plan.tasks.filter((task) => task.module === review.module && task.phase !== 'review').map((task) => task.person);
          expect([...writers, ...named.get(review.module)!], review.id).not.toContain(review.person);
        }
      }),
      runs,
    );
  });

  it('is never longer than the earlier scheduler on the same input', () => {
    fc.assert(
      fc.property(scheduleCases, (testCase) => {
        // The earlier scheduler knew no availability; with it, its plans are not valid plans to compare with.
        fc.pre(!testCase.availability);
        const plan = planOf(testCase);
        expect(plan.workingDays).toBeLessThanOrEqual(legacyWorkingDays(testCase.input, testCase.options)!);
      }),
      runs,
    );
  });

  it('the same input gives the same plan, whatever order the documents come in', () => {
    fc.assert(
      fc.property(scheduleCases, (testCase) => {
        const first = JSON.stringify(planOf(testCase));
        expect(JSON.stringify(planOf(structuredClone(testCase)))).toBe(first);
        const reversed = { ...testCase, input: { ...testCase.input, modules: [...testCase.input.modules].reverse() } };
        expect(JSON.stringify(planOf(reversed))).toBe(first);
      }),
      runs,
    );
  });
});
