import { describe, expect, it } from 'vitest';
import { toBaseline, withBaseline } from './baseline.js';
import { toHtml } from './html.js';
import { scheduleTimeline } from './schedule.js';
import { formatScheduleTable } from './table.js';
import { catalogOf } from './test-helpers.js';
import type { ScheduleInput } from './types.js';

const input = (statusDate?: string, content = 3): ScheduleInput => ({
  catalog: catalogOf([{ slug: 'a' }, { slug: 'b' }], statusDate ? { status_date: statusDate } : {}),
  modules: [
    { slug: 'a', title: 'A', status: 'outline', authors: ['author-a'], effort: { content } },
    { slug: 'b', title: 'B', status: 'review', authors: ['author-a'] },
  ],
});

describe('baselines', () => {
  const saved = toBaseline(scheduleTimeline(input()).plan!, 'kick-off');

  it('keep dates and people only, and compare to themselves with no slip', () => {
    expect(saved).toMatchObject({ name: 'kick-off', statusDate: '2025-02-03', end: '2025-02-10' });
    const same = withBaseline(scheduleTimeline(input()).plan!, saved);
    expect(same.tasks.every((task) => task.slip === 0)).toBe(true);
    expect(same.baseline).toMatchObject({ slip: 0 });
  });

  it('show slip per task and per module in working days, in the table, the HTML and the JSON', () => {
    // A week later the content of `a` turns out to need 5 days: its phases move.
    const later = withBaseline(scheduleTimeline(input('2025-02-10', 5)).plan!, saved);
    const slip = new Map(later.tasks.map((task) => [task.id, task.slip]));
    expect(slip.get('a-content')).toBe(7);
    expect(later.baseline!.modules.find((module) => module.module === 'a')).toEqual({
      module: 'a',
      baselineEnd: '2025-02-10',
      end: later.tasks.find((task) => task.id === 'a-review')!.end,
      slip: later.baseline!.slip,
    });
    const table = formatScheduleTable(later);
    expect(table.split('\n')[0]).toMatch(/slack\s+slip\s+waited$/);
    expect(table).toMatch(/a content\s+author-a\s+\d+\s+\+7/);
    expect(table).toContain('Against baseline kick-off (status date 2025-02-03)');
    expect(toHtml(later, '')).toContain('<th>Slip vs kick-off</th>');
    expect(JSON.parse(JSON.stringify(later)).baseline.name).toBe('kick-off');
  });
});
