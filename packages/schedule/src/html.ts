import { escapeHtml } from '@pattern-press/render';
import { phaseLabels } from './labels.js';
import type { SchedulePlan } from './types.js';

const style = `
body { font-family: 'DejaVu Sans', sans-serif; margin: 2rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; }
.chart { margin: 1rem 0; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.table { overflow-x: auto; }
/* On a phone a chart shrunk to the screen is unreadable: keep its size and let it scroll sideways. */
@media (max-width: 700px) { body { margin: 1rem; } .chart svg { max-width: none; width: 1200px; } }
table { border-collapse: collapse; font-size: 0.85rem; margin-top: 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.number { text-align: right; }
tr.critical td:first-child { border-left: 4px solid #c0392b; }
.summary { color: #444; }
`;

function late(plan: SchedulePlan): string {
  const tasks = plan.tasks.filter((task) => task.lateSince);
  return tasks.length === 0 ? '' : ` Late (planned to end before the status date): ${tasks.map((task) => task.id).join(', ')}.`;
}

/**
 * The timeline as one self-contained HTML page: the rendered chart (inline
 * SVG, no script, nothing fetched) and a table of every task.
 */
export function toHtml(plan: SchedulePlan, svg: string, peopleSvg = ''): string {
  const rows = plan.tasks
    .map((task) => {
      const cells = [
        String(task.sprint),
        task.start,
        task.end,
        String(task.workingDays),
        `${task.title} (${task.module})`,
        phaseLabels[task.phase],
        task.person,
        String(task.slack),
        ...(plan.baseline ? [task.slip === undefined ? 'new' : task.slip > 0 ? `+${task.slip}` : String(task.slip)] : []),
        task.why,
      ];
      const numeric = new Set(plan.baseline ? [0, 3, 7, 8] : [0, 3, 7]);
      return `<tr${task.critical ? ' class="critical"' : ''} id="${escapeHtml(task.id)}">${cells.map((cell, index) => `<td${numeric.has(index) ? ' class="number"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const summary =
    plan.tasks.length === 0
      ? 'Nothing left to plan: every module is done.'
      : `Status date ${plan.statusDate.date}${plan.statusDate.source === 'start' ? ' (the timeline start)' : ''}. ${plan.tasks.length} tasks from ${plan.start} to ${plan.end}: ${plan.workingDays} working days in ${plan.sprints.length} sprints of ${plan.sprintDays} days. Critical (no slack, red outline): ${plan.criticalPath.join(', ')}.${late(plan)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(plan.title)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escapeHtml(plan.title)}</h1>
<p class="summary">${escapeHtml(summary)}</p>
<figure class="chart">${svg}</figure>
${peopleSvg ? `<figure class="chart">${peopleSvg}</figure>` : ''}
<div class="table"><table>
<thead><tr><th>Sprint</th><th>Start</th><th>End</th><th>Working days</th><th>Module</th><th>Phase</th><th>Person</th><th>Slack</th>${plan.baseline ? `<th>Slip vs ${escapeHtml(plan.baseline.name)}</th>` : ''}<th>Waited</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</body>
</html>
`;
}
