import ICAL from 'ical.js';
import { dayNumber, isoDate, weekdayOf } from './calendar.js';
import { taskLabel } from './labels.js';
import type { PlannedTask, SchedulePlan } from './types.js';

function description(task: PlannedTask): string {
  return [
    `${task.title} (${task.module}): ${task.phase}`,
    `Person: ${task.person}`,
    `Working days: ${task.workingDays} (effort ${task.effort} days), sprint ${task.sprint}`,
    `Slack: ${task.slack} working day(s)${task.critical ? ', on the critical path' : ''}`,
    ...(task.why ? [`Waited: ${task.why}`] : []),
    ...(task.lateSince ? [`Late: planned to end by ${task.lateSince}`] : []),
  ].join('\n');
}

/**
 * The runs of consecutive days inside a task on which its person works:
 * weekends, holidays and the person's leave split a task, so that a calendar
 * shows them busy only when they are.
 */
export function workingStretches(plan: Pick<SchedulePlan, 'calendar' | 'people'>, task: Pick<PlannedTask, 'start' | 'end' | 'person'>): { start: string; end: string }[] {
  const leave = plan.people.find((person) => person.id === task.person)?.leave ?? [];
  const works = (day: number) => {
    const date = isoDate(day);
    return plan.calendar.workingDays.includes(weekdayOf(day)) && !plan.calendar.holidays.includes(date) && !leave.some((range) => range.from <= date && date <= range.to);
  };
  const stretches: { start: string; end: string }[] = [];
  let open: number | undefined;
  const [first, last] = [dayNumber(task.start)!, dayNumber(task.end)!];
  for (let day = first; day <= last + 1; day++) {
    if (day <= last && works(day)) open ??= day;
    else if (open !== undefined) {
      stretches.push({ start: isoDate(open), end: isoDate(day - 1) });
      open = undefined;
    }
  }
  return stretches;
}

function allDay(date: string): ICAL.Time {
  return ICAL.Time.fromDateString(date);
}

/**
 * The plan as iCalendar (written with ical.js, which folds lines at 75
 * octets): one all-day VEVENT per stretch of days a task's person works on it.
 * UIDs are the task ids (`<id>.<n>` for later stretches), so calendar tools
 * update events in place when the plan changes. DTSTAMP is the status date
 * and SEQUENCE its day number: the same plan gives the same bytes, and a plan
 * made on a later status date supersedes the earlier one's events.
 */
export function toICalendar(plan: SchedulePlan): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//pattern-press//schedule//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', 'PUBLISH');
  calendar.updatePropertyWithValue('x-wr-calname', plan.title);
  const statusDay = dayNumber(plan.statusDate.date)!;
  const [year, month, day] = plan.statusDate.date.split('-').map(Number);
  const stamp = new ICAL.Time({ year: year!, month: month!, day: day!, hour: 0, minute: 0, second: 0, isDate: false }, ICAL.Timezone.utcTimezone);
  for (const task of plan.tasks) {
    workingStretches(plan, task).forEach((stretch, index) => {
      const event = new ICAL.Component('vevent');
      event.updatePropertyWithValue('uid', `${task.id}${index === 0 ? '' : `.${index + 1}`}@pattern-press.schedule`);
      event.updatePropertyWithValue('dtstamp', stamp);
      event.updatePropertyWithValue('sequence', statusDay);
      event.updatePropertyWithValue('dtstart', allDay(stretch.start));
      // All-day events end on the day after the last one (RFC 5545 DTEND is exclusive).
      event.updatePropertyWithValue('dtend', allDay(isoDate(dayNumber(stretch.end)! + 1)));
      event.updatePropertyWithValue('summary', taskLabel(task, plan));
      event.updatePropertyWithValue('description', description(task));
      const categories = new ICAL.Property('categories');
      categories.setValues([task.phase, `sprint ${task.sprint}`, ...(task.critical ? ['critical'] : []), ...(task.lateSince ? ['late'] : [])]);
      event.addProperty(categories);
      event.updatePropertyWithValue('status', 'CONFIRMED');
      event.updatePropertyWithValue('transp', 'OPAQUE');
      calendar.addSubcomponent(event);
    });
  }
  // ical.js folds at ICAL.foldLength octets after the leading space of a continuation: 74 keeps every line within 75.
  const foldLength = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    return `${calendar.toString()}\r\n`;
  } finally {
    ICAL.foldLength = foldLength;
  }
}
