import { escapeHtml } from '@pattern-press/render';
import { dayNumber, isoDate, weekdayOf } from './calendar.js';
import { phaseLabels, taskLabel } from './labels.js';
import { phaseOrder, type Phase, type PlannedTask, type SchedulePlan } from './types.js';

/** Phase colours: dark enough for white labels inside a bar (WCAG AA at 12 px bold). */
export const phaseColours: Record<Phase, string> = {
  research: '#5b4a9e',
  outline: '#1f6f8b',
  content: '#2e6b30',
  exam: '#8a5a00',
  review: '#7a3e6e',
};

const layout = {
  width: 1200,
  labelWidth: 300,
  right: 24,
  row: 22,
  bar: 16,
  axis: 26,
  section: 26,
  legend: 28,
  title: 34,
};
const font = "'DejaVu Sans', 'Noto Color Emoji', sans-serif";
// A generous average glyph width of DejaVu Sans at 11 px: a label that may not fit goes outside.
const charWidth = 6.6;

interface Row {
  label: string;
  tasks: PlannedTask[];
  /** Date ranges shaded in the lane (a person's leave). */
  away?: { from: string; to: string }[];
}

interface Section {
  heading: string;
  rows: Row[];
}

/** Day numbers of the chart's first and last calendar day: the plan's start to its end, whole weeks. */
function span(plan: SchedulePlan): { first: number; last: number } {
  const start = Math.min(dayNumber(plan.start)!, ...plan.tasks.map((task) => dayNumber(task.start)!));
  const end = Math.max(start, ...plan.tasks.map((task) => dayNumber(task.end)!));
  // From the Monday on or before the start to the Sunday on or after the end: ticks fall on week starts.
  const first = start - ((((start + 3) % 7) + 7) % 7);
  const last = end + ((7 - ((((end + 3) % 7) + 7) % 7) - 1 + 7) % 7);
  return { first, last };
}

function isWorking(plan: SchedulePlan, day: number): boolean {
  return plan.calendar.workingDays.includes(weekdayOf(day)) && !plan.calendar.holidays.includes(isoDate(day));
}

/** The task view: one row per task, in sections by sprint so a tall plan reads section by section. */
function taskSections(plan: SchedulePlan): Section[] {
  const byId = new Map(plan.tasks.map((task) => [task.id, task]));
  return plan.sprints
    .filter((sprint) => sprint.tasks.length > 0)
    .map((sprint) => ({
      heading: `Sprint ${sprint.number}  ${sprint.start} – ${sprint.end}`,
      rows: sprint.tasks.map((id) => {
        const task = byId.get(id)!;
        return { label: `${task.title} · ${phaseLabels[task.phase]}`, tasks: [task] };
      }),
    }));
}

/** The people view: one lane per person with every task they do and their leave; load is busy days over the plan's working days. */
function peopleSections(plan: SchedulePlan): Section[] {
  return [
    {
      heading: `People  ${plan.start} – ${plan.end}`,
      rows: plan.people.map((person) => {
        const load = plan.workingDays > 0 ? Math.round((person.busyDays / plan.workingDays) * 100) : 0;
        return {
          label: `${person.id} · ${person.roles.join(', ')} · ${load}% loaded`,
          tasks: plan.tasks.filter((task) => task.person === person.id),
          away: person.leave,
        };
      }),
    },
  ];
}

/**
 * A Gantt chart as SVG, drawn here rather than by Mermaid so a team lead
 * reads it at a glance: bars coloured by phase with a legend, the critical
 * path outlined, labels inside a bar only when they fit (dark beside it
 * otherwise), non-working days shaded, ticks on week starts, the date axis at
 * the top, at every section and at the bottom, the status date as a line and
 * dependency arrows between modules. Deterministic: no clock, no script.
 */
export function toGanttSvg(plan: SchedulePlan, view: 'tasks' | 'people'): string {
  const sections = view === 'tasks' ? taskSections(plan) : peopleSections(plan);
  const { first, last } = span(plan);
  const days = last - first + 1;
  const chartLeft = layout.labelWidth;
  const dayWidth = (layout.width - chartLeft - layout.right) / days;
  const x = (day: number) => chartLeft + (day - first) * dayWidth;
  const parts: string[] = [];
  const bars = new Map<string, { x1: number; x2: number; y: number }>();
  let y = layout.title;
  const legendY = y;
  y += layout.legend;
  const axisTop = y;
  const rowsTop = axisTop + layout.axis;
  y = rowsTop;
  const sectionTops: number[] = [];
  for (const section of sections) {
    sectionTops.push(y);
    y += layout.section;
    for (const row of section.rows) {
      parts.push(`<text class="row-label" x="${chartLeft - 8}" y="${y + layout.row / 2 + 4}" text-anchor="end">${escapeHtml(clip(row.label, 46))}</text>`);
      for (const range of row.away ?? []) {
        const [from, to] = [Math.max(first, dayNumber(range.from)!), Math.min(last, dayNumber(range.to)!)];
        if (from <= to) parts.push(`<rect class="away" x="${f(x(from))}" y="${y + 2}" width="${f((to - from + 1) * dayWidth)}" height="${layout.row - 4}"/>`);
      }
      const ordered = [...row.tasks].sort((a, b) => a.start.localeCompare(b.start));
      ordered.forEach((task, index) => {
        // A label beside its bar must stop before the next bar in the lane (and the chart's edge): otherwise it is left to the tooltip.
        const next = ordered[index + 1];
        const limit = next ? x(dayNumber(next.start)!) - 4 : layout.width - 4;
        parts.push(bar(plan, task, y, x, limit, view, bars));
      });
      y += layout.row;
    }
  }
  const rowsBottom = y;
  const height = rowsBottom + layout.axis + 10;
  const background: string[] = [];
  for (let day = first; day <= last; day++) {
    if (!isWorking(plan, day)) background.push(`<rect class="off" x="${f(x(day))}" y="${axisTop}" width="${f(dayWidth)}" height="${rowsBottom - axisTop}"/>`);
  }
  const ticks = weekStarts(first, last);
  const grid = ticks.map((day) => `<line class="grid" x1="${f(x(day))}" x2="${f(x(day))}" y1="${axisTop}" y2="${rowsBottom}"/>`);
  const axes = [
    axis(ticks, x, axisTop + layout.axis - 8, 'axis-top'),
    ...sectionTops.slice(1).map((top) => axis(ticks, x, top + layout.section - 8, 'axis-section')),
    axis(ticks, x, rowsBottom + 18, 'axis-bottom'),
  ];
  const headings = sections.map((section, index) => `<text class="section" x="12" y="${sectionTops[index]! + layout.section - 8}">${escapeHtml(section.heading)}</text>`);
  const arrows = view === 'tasks' ? dependencyArrows(plan, bars) : [];
  const status = statusLine(plan, x, axisTop, rowsBottom, first, last);
  const title = `${plan.title}: ${view === 'tasks' ? 'tasks' : 'people'}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" font-family="${font}" font-size="11" role="img" aria-label="${escapeHtml(title)}">
<style>
.off{fill:#eef0f3}.away{fill:url(#away)}.grid{stroke:#d5d9de;stroke-width:1}
.task{stroke:none}.task.crit{stroke:#c0392b;stroke-width:2.5}.task.late{stroke:#c0392b;stroke-width:2.5;stroke-dasharray:4 2}
.row-label{fill:#1a1a1a}.section{fill:#1a1a1a;font-weight:bold;font-size:12px}
.label-in{fill:#ffffff;font-weight:bold}.label-out{fill:#1a1a1a}
.tick{fill:#444;font-size:10px}.title{font-size:16px;font-weight:bold;fill:#1a1a1a}
.legend{fill:#1a1a1a}.arrow{fill:none;stroke:#555;stroke-width:1.2}.status{stroke:#0b5cad;stroke-width:2;stroke-dasharray:6 3}.status-label{fill:#0b5cad;font-weight:bold}
</style>
<defs>
<pattern id="away" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f3e6e6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c9a3a3" stroke-width="2"/></pattern>
<marker id="arrowhead" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#555"/></marker>
</defs>
<rect width="100%" height="100%" fill="#ffffff"/>
<text class="title" x="12" y="22">${escapeHtml(title)}</text>
${legend(view, legendY)}
${background.join('\n')}
${grid.join('\n')}
${axes.join('\n')}
${headings.join('\n')}
${parts.join('\n')}
${arrows.join('\n')}
${status}
</svg>
`;
}

function f(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function clip(text: string, length: number): string {
  const characters = [...text];
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}

function bar(
  plan: SchedulePlan,
  task: PlannedTask,
  top: number,
  x: (day: number) => number,
  limit: number,
  view: 'tasks' | 'people',
  bars: Map<string, { x1: number; x2: number; y: number }>,
): string {
  const [start, end] = [dayNumber(task.start)!, dayNumber(task.end)!];
  const [x1, x2] = [x(start), x(end + 1)];
  const y = top + (layout.row - layout.bar) / 2;
  bars.set(task.id, { x1, x2, y: y + layout.bar / 2 });
  const classes = ['task', task.phase, ...(task.critical ? ['crit'] : []), ...(task.lateSince ? ['late'] : [])].join(' ');
  const text = view === 'tasks' ? `${task.person}` : `${task.title} · ${phaseLabels[task.phase]}`;
  const tip = `${taskLabel(task, plan)}: ${task.start} – ${task.end}, ${task.workingDays} working day(s), slack ${task.slack}${task.lateSince ? `, late (due ${task.lateSince})` : ''}`;
  const width = x2 - x1;
  const textWidth = (value: string) => [...value].length * charWidth + 8;
  const outside = clip(text, 40);
  const label =
    textWidth(text) <= width
      ? `<text class="label-in" x="${f(x1 + 4)}" y="${f(y + layout.bar / 2 + 4)}">${escapeHtml(text)}</text>`
      : x2 + textWidth(outside) <= limit
        ? `<text class="label-out" x="${f(x2 + 4)}" y="${f(y + layout.bar / 2 + 4)}">${escapeHtml(outside)}</text>`
        : '';
  return `<g><title>${escapeHtml(tip)}</title><rect class="${classes}" x="${f(x1)}" y="${f(y)}" width="${f(width)}" height="${layout.bar}" rx="3" fill="${phaseColours[task.phase]}"/>${label}</g>`;
}

/** Mondays (week starts) between the chart's first and last day, thinned so labels never overlap. */
function weekStarts(first: number, last: number): number[] {
  const mondays: number[] = [];
  for (let day = first; day <= last; day++) if (weekdayOf(day) === 'mon') mondays.push(day);
  const every = Math.max(1, Math.ceil(mondays.length / 14));
  return mondays.filter((_, index) => index % every === 0);
}

function axis(ticks: readonly number[], x: (day: number) => number, y: number, kind: string): string {
  return `<g class="${kind}">${ticks.map((day) => `<text class="tick" x="${f(x(day) + 2)}" y="${y}">${isoDate(day)}</text>`).join('')}</g>`;
}

function legend(view: 'tasks' | 'people', y: number): string {
  const items: string[] = [];
  let x = 12;
  for (const phase of phaseOrder) {
    items.push(`<rect x="${x}" y="${y}" width="14" height="12" rx="2" fill="${phaseColours[phase]}"/><text class="legend" x="${x + 18}" y="${y + 10}">${phaseLabels[phase]}</text>`);
    x += 30 + phaseLabels[phase].length * charWidth;
  }
  items.push(`<rect x="${x}" y="${y}" width="14" height="12" rx="2" fill="#ffffff" stroke="#c0392b" stroke-width="2.5"/><text class="legend" x="${x + 18}" y="${y + 10}">critical (no slack)</text>`);
  x += 150;
  items.push(
    `<rect x="${x}" y="${y}" width="14" height="12" rx="2" fill="#ffffff" stroke="#c0392b" stroke-width="2.5" stroke-dasharray="4 2"/><text class="legend" x="${x + 18}" y="${y + 10}">late</text>`,
  );
  x += 60;
  items.push(`<rect x="${x}" y="${y}" width="14" height="12" fill="#eef0f3"/><text class="legend" x="${x + 18}" y="${y + 10}">non-working day</text>`);
  x += 130;
  if (view === 'people') {
    items.push(`<rect x="${x}" y="${y}" width="14" height="12" fill="url(#away)"/><text class="legend" x="${x + 18}" y="${y + 10}">leave</text>`);
    x += 70;
  } else {
    items.push(`<path class="arrow" d="M${x},${y + 6} L${x + 18},${y + 6}" marker-end="url(#arrowhead)"/><text class="legend" x="${x + 24}" y="${y + 10}">dependency</text>`);
    x += 110;
  }
  items.push(`<line class="status" x1="${x + 7}" x2="${x + 7}" y1="${y - 2}" y2="${y + 14}"/><text class="legend" x="${x + 16}" y="${y + 10}">status date</text>`);
  return `<g class="legend-box">${items.join('')}</g>`;
}

/** An arrow from each dependency's gating task to the first task of the module it holds back. */
function dependencyArrows(plan: SchedulePlan, bars: ReadonlyMap<string, { x1: number; x2: number; y: number }>): string[] {
  const arrows: string[] = [];
  for (const task of plan.tasks) {
    for (const reason of task.waited) {
      if (reason.kind !== 'dependency') continue;
      const [from, to] = [bars.get(reason.task), bars.get(task.id)];
      if (!from || !to) continue;
      const mid = Math.max(from.x2 + 4, Math.min(to.x1 - 6, from.x2 + 10));
      arrows.push(`<path class="arrow" d="M${f(from.x2)},${f(from.y)} H${f(mid)} V${f(to.y)} H${f(to.x1 - 1)}" marker-end="url(#arrowhead)"/>`);
    }
  }
  return arrows;
}

function statusLine(plan: SchedulePlan, x: (day: number) => number, top: number, bottom: number, first: number, last: number): string {
  const day = dayNumber(plan.statusDate.date)!;
  if (day < first || day > last) return '';
  return `<line class="status" x1="${f(x(day))}" x2="${f(x(day))}" y1="${top}" y2="${bottom}"/><text class="status-label" x="${f(x(day) + 3)}" y="${top - 4}">status ${plan.statusDate.date}</text>`;
}
