import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, weekdayOf } from './calendar.js';
import { csvColumns, toCsv } from './csv.js';
import { toHtml } from './html.js';
import { toICalendar } from './icalendar.js';
import { toJson } from './json.js';
import { mermaidExcludes } from './mermaid-gantt.js';
import { scheduleTimeline } from './schedule.js';
import { formatScheduleTable } from './table.js';
import { catalogOf, readFixture } from './test-helpers.js';
import type { SchedulePlan } from './types.js';

function workingWeekPlan(statusDate?: string): SchedulePlan {
  const result = scheduleTimeline({
    catalog: catalogOf([{ slug: 'load-balancing' }, { slug: 'caching', depends_on: ['load-balancing'] }, { slug: 'circuit-breaker' }], {
      dependency_phase: 'content',
      ...(statusDate ? { status_date: statusDate } : {}),
      calendar: { working_days: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2025-02-07'] },
      team: [
        { id: 'author-a', roles: ['author'] },
        { id: 'author-b', roles: ['author'], capacity: 0.5 },
        { id: 'reviewer-a', roles: ['reviewer'] },
      ],
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

  const eventsOf = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  const isWorking = (day: number) => plan.calendar.workingDays.includes(weekdayOf(day)) && !plan.calendar.holidays.includes(isoDate(day));

  it('parses with ical.js: all-day events covering each task from its start to its end, with its person and stable UIDs', () => {
    const events = eventsOf(text);
    for (const task of plan.tasks) {
      const own = events.filter((event) => event.uid === `${task.id}@pattern-press.schedule` || event.uid.startsWith(`${task.id}.`));
      expect(own.length, task.id).toBeGreaterThan(0);
      expect(own[0]!.uid).toBe(`${task.id}@pattern-press.schedule`);
      expect(own.every((event) => event.startDate.isDate)).toBe(true);
      expect(own[0]!.startDate.toString()).toBe(task.start);
      // DTEND of an all-day event is the day after the last one.
      expect(own.at(-1)!.endDate.toString()).toBe(isoDate(dayNumber(task.end)! + 1));
      for (const event of own) {
        expect(event.summary).toContain(task.title);
        expect(event.summary).toContain(task.person);
        expect(event.description).toContain(`Person: ${task.person}`);
      }
    }
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
  });

  it('marks a person busy on working days only: no event covers a weekend or a holiday', () => {
    expect(plan.tasks.some((task) => dayNumber(task.end)! - dayNumber(task.start)! + 1 > task.workingDays)).toBe(true);
    for (const event of eventsOf(text)) {
      for (let day = dayNumber(event.startDate.toString())!; day < dayNumber(event.endDate.toString())!; day++) expect(isWorking(day), `${event.uid} on ${isoDate(day)}`).toBe(true);
    }
  });

  it('folds lines at 75 octets, not 75 characters, and unfolds to the same titles', () => {
    const title = 'Événements répartis — 分散イベント 😀 '.repeat(3).trim();
    const ics = toICalendar({ ...plan, tasks: plan.tasks.map((task) => ({ ...task, title })) });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(eventsOf(ics).every((event) => event.summary.startsWith(title))).toBe(true);
  });

  it('a plan made on a later status date has a later DTSTAMP and a higher SEQUENCE for the same UID', () => {
    const stamp = (ics: string, uid: string) => {
      const event = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').find((component) => component.getFirstPropertyValue('uid') === uid)!;
      return { dtstamp: event.getFirstPropertyValue('dtstamp')!.toString(), sequence: Number(event.getFirstPropertyValue('sequence')) };
    };
    const later = toICalendar(workingWeekPlan('2025-02-10'));
    const uid = `${plan.tasks.at(-1)!.id}@pattern-press.schedule`;
    const [before, after] = [stamp(text, uid), stamp(later, uid)];
    expect(after.dtstamp > before.dtstamp).toBe(true);
    expect(after.sequence).toBeGreaterThan(before.sequence);
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
    expect(lines[1]).toBe('load-balancing-research,load-balancing,"Load Balancing: the ""basics"", part 1",research,author-a,2025-02-03,2025-02-03,1,1,1,0,true,');
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
