import type { SchedulePlan } from './types.js';

function field(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvColumns = ['id', 'module', 'title', 'phase', 'person', 'start', 'end', 'working_days', 'effort_days', 'sprint', 'slack_days', 'critical', 'waited'] as const;

/** The tasks as RFC 4180 CSV (CRLF line ends), one row per task in plan order. */
export function toCsv(plan: SchedulePlan): string {
  const rows = plan.tasks.map((task) =>
    [task.id, task.module, task.title, task.phase, task.person, task.start, task.end, task.workingDays, task.effort, task.sprint, task.slack, task.critical, task.why].map(field).join(','),
  );
  return [csvColumns.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}
