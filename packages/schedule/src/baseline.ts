import { dayNumber, isoDate, weekdayOf } from './calendar.js';
import type { SchedulePlan } from './types.js';

/** A saved plan to measure slip against (`press schedule --save-baseline NAME`). */
export interface ScheduleBaseline {
  name: string;
  /** The status date of the plan that was saved. */
  statusDate: string;
  end: string;
  tasks: { id: string; module: string; person: string; start: string; end: string }[];
}

/** What a plan keeps of itself as a baseline: dates and people, nothing derived. */
export function toBaseline(plan: SchedulePlan, name: string): ScheduleBaseline {
  return {
    name,
    statusDate: plan.statusDate.date,
    end: plan.end,
    tasks: plan.tasks.map((task) => ({ id: task.id, module: task.module, person: task.person, start: task.start, end: task.end })),
  };
}

/** Working days from `from` to `to` on the plan's calendar: positive when `to` is later. */
function workingDaysBetween(plan: Pick<SchedulePlan, 'calendar'>, from: string, to: string): number {
  const [a, b] = [dayNumber(from)!, dayNumber(to)!];
  const sign = b >= a ? 1 : -1;
  let count = 0;
  for (let day = Math.min(a, b) + 1; day <= Math.max(a, b); day++) {
    if (plan.calendar.workingDays.includes(weekdayOf(day)) && !plan.calendar.holidays.includes(isoDate(day))) count++;
  }
  return sign * count;
}

/**
 * The plan with its slip against a baseline: per task, the working days its
 * end moved (positive: later); per module, the move of its last task's end.
 * Tasks the baseline does not have get no slip; work done since is not listed.
 */
export function withBaseline(plan: SchedulePlan, baseline: ScheduleBaseline): SchedulePlan {
  const before = new Map(baseline.tasks.map((task) => [task.id, task]));
  const tasks = plan.tasks.map((task) => {
    const saved = before.get(task.id);
    return saved ? { ...task, baselineEnd: saved.end, slip: workingDaysBetween(plan, saved.end, task.end) } : task;
  });
  const modules = [...new Set(plan.tasks.map((task) => task.module))].flatMap((module) => {
    const savedEnds = baseline.tasks.filter((task) => task.module === module).map((task) => task.end);
    if (savedEnds.length === 0) return [];
    const [savedEnd, end] = [
      savedEnds.sort().at(-1)!,
      plan.tasks
        .filter((task) => task.module === module)
        .map((task) => task.end)
        .sort()
        .at(-1)!,
    ];
    return [{ module, baselineEnd: savedEnd, end, slip: workingDaysBetween(plan, savedEnd, end) }];
  });
  return { ...plan, tasks, baseline: { name: baseline.name, statusDate: baseline.statusDate, end: baseline.end, slip: workingDaysBetween(plan, baseline.end, plan.end), modules } };
}
