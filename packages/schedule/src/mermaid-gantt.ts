import { weekdayNames } from './calendar.js';
import { taskLabel } from './labels.js';
import type { SchedulePlan } from './types.js';

const fullDayNames: Record<string, string> = { sun: 'sunday', mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday' };

/** Mermaid's gantt grammar ends a name at `:` and starts comments at `%%`; `#` and `;` are entity and statement marks. */
function plainText(text: string): string {
  return text
    .replace(/[:#;%\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What Mermaid must skip so that `Nd` durations count working days:
 * `weekends` for Saturday and Sunday, other non-working weekdays by name, holidays by date.
 */
export function mermaidExcludes(plan: Pick<SchedulePlan, 'calendar'>): string[] {
  const off = weekdayNames.filter((day) => !plan.calendar.workingDays.includes(day));
  const weekends = off.includes('sat') && off.includes('sun');
  const names = off.filter((day) => !(weekends && (day === 'sat' || day === 'sun'))).map((day) => fullDayNames[day]!);
  return [...(weekends ? ['weekends'] : []), ...names, ...plan.calendar.holidays];
}

/**
 * The plan as a Mermaid gantt: a section per sprint holding the tasks that
 * start in it, each with its own start date and its length in working days,
 * `crit` on the tasks without slack. The today marker is off: a chart that
 * changes with the build date would break byte-identical outputs.
 */
export function toMermaidGantt(plan: SchedulePlan): string {
  const lines = ['gantt', `    title ${plainText(plan.title)}`, '    dateFormat YYYY-MM-DD', '    axisFormat %Y-%m-%d', '    todayMarker off'];
  const excludes = mermaidExcludes(plan);
  if (excludes.length > 0) lines.push(`    excludes ${excludes.join(', ')}`);
  const byId = new Map(plan.tasks.map((task) => [task.id, task]));
  for (const sprint of plan.sprints) {
    if (sprint.tasks.length === 0) continue;
    lines.push(`    section Sprint ${sprint.number}`);
    for (const id of sprint.tasks) {
      const task = byId.get(id)!;
      const tags = [...(task.critical ? ['crit'] : []), task.id, task.start, `${task.workingDays}d`];
      lines.push(`    ${plainText(taskLabel(task, plan))} :${tags.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
