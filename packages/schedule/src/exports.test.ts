import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate } from './calendar.js';
import { csvColumns, toCsv } from './csv.js';
import { toHtml } from './html.js';
import { toICalendar } from './icalendar.js';
import { toJson } from './json.js';
import { mermaidExcludes } from './mermaid-gantt.js';
import { scheduleTimeline } from './schedule.js';
import { formatScheduleTable } from './table.js';
import { catalogOf, readFixture } from './test-helpers.js';
import type { SchedulePlan } from './types.js';

function workingWeekPlan(): SchedulePlan {
  const result = scheduleTimeline({
    catalog: catalogOf([{ slug: 'load-balancing' }, { slug: 'caching', depends_on: ['load-balancing'] }, { slug: 'circuit-breaker' }], {
      dependency_phase: 'content',
      calendar: { working_days: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2025-02-07'] },
      team: [{ id: 'author-a', roles: ['author'] }, { id: 'author-b', roles: ['author'], capacity: 0.5 }, { id: 'reviewer-a', roles: ['reviewer'] }],
    }),
    modules: [
      { slug: 'load-balancing', title: 'Load Balancing: the "basics", part 1', status: 'research', authors: ['author-a'] },
      { slug: 'caching', title: 'Caching <fast>', status: 'outline', authors: ['author-b'] },
      { slug: 'circuit-breaker', title: 'Circuit Breaker', status: 'draft', authors: ['author-a'] },
    ],
  });
  return result.plan!;
}

describe('iCalendar', () => {
  const plan = workingWeekPlan();
  const text = toICalendar(plan);

  it('parses with ical.js: one all-day event per task with its dates, person and stable UID', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(plan.tasks.length);
    for (const [index, event] of events.entries()) {
      const task = plan.tasks[index]!;
      expect(event.uid).toBe(`${task.id}@pattern-press.schedule`);
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(task.start);
      // DTEND of an all-day event is the day after the last one.
      expect(event.endDate.toString()).toBe(isoDate(dayNumber(task.end)! + 1));
      expect(event.summary).toContain(task.title);
      expect(event.summary).toContain(task.person);
      expect(event.description).toContain(`Person: ${task.person}`);
    }
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
  });

  it('is deterministic: DTSTAMP comes from the plan, not the clock', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const stamps = calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('dtstamp')!.toString());
    expect(new Set(stamps)).toEqual(new Set(['2025-02-03T00:00:00Z']));
    expect(toICalendar(workingWeekPlan())).toBe(text);
  });
});

describe('CSV, JSON, table, HTML', () => {
  const plan = workingWeekPlan();

  it('CSV has a header and one row per task, quoting what needs it', () => {
    const lines = toCsv(plan).split('\r\n');
    expect(lines[0]).toBe(csvColumns.join(','));
    expect(lines).toHaveLength(plan.tasks.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe(
      'load-balancing-research,load-balancing,"Load Balancing: the ""basics"", part 1",research,author-a,2025-02-03,2025-02-03,1,1,1,0,true,',
    );
  });

  it('JSON round-trips to the plan', () => {
    expect(JSON.parse(toJson(plan))).toEqual(plan);
  });

  it('the terminal table lists every task and marks the critical path', () => {
    const table = formatScheduleTable(plan);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^sprint\s+start\s+end\s+days\s+task\s+person\s+slack\s+waited$/);
    for (const task of plan.tasks) expect(table).toMatch(new RegExp(`${task.critical ? '\\*' : ' '} ${task.module} ${task.phase}\\s+${task.person}`));
    expect(table).toContain(`${plan.tasks.length} tasks, ${plan.start} to ${plan.end}`);
    expect(formatScheduleTable({ ...plan, tasks: [], criticalPath: [] })).toContain('Nothing left to plan');
  });

  it('the HTML page is self-contained and escapes content', () => {
    const html = toHtml(plan, '<svg id="chart"></svg>');
    expect(html).toContain('<svg id="chart"></svg>');
    expect(html).toContain('Caching &lt;fast&gt;');
    expect(html).not.toContain('<fast>');
    expect(html).not.toMatch(/<script|<link|https?:\/\//);
    expect(html.match(/<tr[ >]/g)).toHaveLength(plan.tasks.length + 1);
  });

  it('Mermaid excludes follow the calendar', () => {
    expect(mermaidExcludes(plan)).toEqual(['weekends', '2025-02-07']);
    expect(mermaidExcludes({ calendar: { workingDays: ['sun', 'mon', 'tue', 'wed', 'thu'], holidays: [] } })).toEqual(['friday', 'saturday']);
    const seed = readFixture('seed-timeline.json');
    expect(mermaidExcludes(scheduleTimeline(seed, seed.options).plan!)).toEqual([]);
  });
});
