import type { SchedulePlan } from './types.js';

const allHeadings = ['sprint', 'start', 'end', 'days', 'task', 'person', 'slack', 'slip', 'waited'] as const;

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

function lateNote(plan: SchedulePlan): string {
  const late = plan.tasks.filter((task) => task.lateSince).length;
  return late === 0 ? '' : `; ${late} task(s) late (planned to end before it)`;
}

/**
 * The plan as a plain-text table for the terminal (`press schedule`): one
 * row per task in start order, `*` marking the critical path, then a summary.
 */
export function formatScheduleTable(plan: SchedulePlan): string {
  // The slip column only when there is a baseline to slip against.
  const shown = (_: unknown, column: number) => plan.baseline !== undefined || column !== 7;
  const headings = allHeadings.filter(shown);
  const rows = plan.tasks.map((task) =>
    [
      String(task.sprint),
      task.start,
      task.end,
      String(task.workingDays),
      `${task.critical ? '*' : ' '} ${task.module} ${task.phase}`,
      task.person,
      String(task.slack),
      task.slip === undefined ? '' : signed(task.slip),
      task.why,
    ].filter(shown),
  );
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 3 || column === 6 || (column === 7 && plan.baseline) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const summary =
    plan.tasks.length === 0
      ? 'Nothing left to plan: every module is done.'
      : `${plan.tasks.length} tasks, ${plan.start} to ${plan.end} (${plan.workingDays} working days, ${plan.sprints.length} sprints). * no slack (critical): ${plan.criticalPath.join(', ')}`;
  const sources = { catalog: 'timeline.status_date', option: '--now', start: 'timeline.start' } as const;
  const slips = plan.baseline
    ? [
        `Against baseline ${plan.baseline.name} (status date ${plan.baseline.statusDate}): the plan ends ${signed(plan.baseline.slip)} working day(s) ${plan.baseline.slip > 0 ? 'later' : plan.baseline.slip < 0 ? 'earlier' : 'as planned'} (was ${plan.baseline.end})`,
        ...plan.baseline.modules.filter((module) => module.slip !== 0).map((module) => `  ${module.module}: ${signed(module.slip)} (was ${module.baselineEnd}, now ${module.end})`),
      ]
    : [];
  const status = `Status date ${plan.statusDate.date} (${sources[plan.statusDate.source]})${lateNote(plan)}`;
  return [
    line([...headings]),
    line(widths.map((width, column) => '-'.repeat(column === headings.length - 1 ? headings[column]!.length : width))),
    ...rows.map(line),
    '',
    summary,
    status,
    ...slips,
    '',
  ].join('\n');
}
