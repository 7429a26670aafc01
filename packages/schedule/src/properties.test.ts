import type { PatternCatalog } from '@pattern-press/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, weekdayNames, weekdayOf } from './calendar.js';
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
  })
  .map(({ size, teamSize, seed, workingDays, holidays, start, sprintDays, dependencyPhase, phases, align }) => {
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
    return { input: { catalog, modules } satisfies ScheduleInput, options };
  });

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

  it('work happens on working days only, for effort / capacity working days', () => {
    fc.assert(
      fc.property(scheduleCases, (testCase) => {
        const plan = planOf(testCase);
        const holidays = new Set(plan.calendar.holidays);
        const isWorking = (date: string) => plan.calendar.workingDays.includes(weekdayOf(dayNumber(date)!)) && !holidays.has(date);
        const capacity = new Map(testCase.input.catalog.timeline.team.map((member) => [member.id, member.capacity ?? 1]));
        for (const task of plan.tasks) {
          let count = 0;
          for (let day = dayNumber(task.start)!; day <= dayNumber(task.end)!; day++) if (isWorking(isoDate(day))) count++;
          expect(isWorking(task.start) && isWorking(task.end), task.id).toBe(true);
          expect(count, task.id).toBe(task.workingDays);
          expect(task.workingDays).toBe(Math.ceil(task.effort / capacity.get(task.person)! - 1e-9));
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
