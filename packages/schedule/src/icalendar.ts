import { createEvents, type EventAttributes } from 'ics';
import { dayNumber, isoDate } from './calendar.js';
import { taskLabel } from './labels.js';
import type { PlannedTask, SchedulePlan } from './types.js';

function dateArray(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year!, month!, day!];
}

function description(task: PlannedTask): string {
  return [
    `${task.title} (${task.module}): ${task.phase}`,
    `Person: ${task.person}`,
    `Working days: ${task.workingDays} (effort ${task.effort} days), sprint ${task.sprint}`,
    `Slack: ${task.slack} working day(s)${task.critical ? ', on the critical path' : ''}`,
    ...(task.why ? [`Waited: ${task.why}`] : []),
  ].join('\n');
}

/**
 * The plan as iCalendar: one all-day VEVENT per task from its first to its
 * last working day. UIDs are the task ids and DTSTAMP is the plan's start,
 * so the same plan gives the same bytes and calendar tools update events in
 * place when the plan changes.
 */
export function toICalendar(plan: SchedulePlan): string {
  const stamp = dayNumber(plan.start)! * 86_400_000;
  const events: EventAttributes[] = plan.tasks.map((task) => ({
    uid: `${task.id}@pattern-press.schedule`,
    title: taskLabel(task, plan),
    description: description(task),
    start: dateArray(task.start),
    // All-day events end on the day after the last one (RFC 5545 DTEND is exclusive).
    end: dateArray(isoDate(dayNumber(task.end)! + 1)),
    timestamp: stamp,
    categories: [task.phase, `sprint ${task.sprint}`, ...(task.critical ? ['critical'] : [])],
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    productId: 'pattern-press/schedule',
    calName: plan.title,
  }));
  const { error, value } = createEvents(events, { productId: 'pattern-press/schedule', calName: plan.title });
  // Every attribute above is built here, so a rejection is a bug in this function.
  if (error || !value) throw new Error(`toICalendar: ${String(error?.message ?? error)}`);
  return value;
}
