import { checkCollection } from '@pattern-press/checks';
import { formatReport } from '@pattern-press/diagnostics';
import { loadCollection, parseCatalog, toPublication } from '@pattern-press/format';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { dayNumber, weekdayOf } from './calendar.js';
import { scheduleInputFromCollection } from './collection-input.js';
import { toMermaidGantt } from './mermaid-gantt.js';
import { scheduleTimeline } from './schedule.js';
import { catalogOf, fixturePath, modulesRoot, readFixture } from './test-helpers.js';
import type { PlannedTask, ScheduleInput, ScheduleModule, ScheduleOptions, SchedulePlan } from './types.js';

function planOf(input: ScheduleInput, options?: ScheduleOptions): SchedulePlan {
  const result = scheduleTimeline(input, options);
  expect(result.problems.flatMap((file) => file.messages.map(String))).toEqual([]);
  return result.plan!;
}

function messagesOf(input: ScheduleInput, options?: ScheduleOptions): string[] {
  const result = scheduleTimeline(input, options);
  expect(result.plan).toBeUndefined();
  return result.problems.flatMap((file) => file.messages.map((message) => `${path.basename(file.path)}:${message.line ?? '-'}:${message.column ?? '-'} ${message.ruleId}: ${message.reason}`));
}

const task = (plan: SchedulePlan, id: string): PlannedTask => {
  const found = plan.tasks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no task ${id} in ${plan.tasks.map((t) => t.id).join(', ')}`);
  return found;
};

const module = (slug: string, extra: Partial<ScheduleModule> = {}): ScheduleModule => ({ slug, title: slug, status: 'research', authors: ['author-a'], ...extra });

/**
 * The seed's "Implementation Timeline", exactly as the seed writes it: two
 * Mermaid charts, one module a week from 2025-02-01, module 3 days then exam 2.
 */
const seedTimeline = `
    Load Balancing Module    :a1, 2025-02-01, 3d
    Load Balancing Exam      :a2, after a1, 2d
    Circuit Breaker Module   :b1, 2025-02-08, 3d
    Circuit Breaker Exam     :b2, after b1, 2d
    Caching Module          :c1, 2025-02-15, 3d
    Caching Exam            :c2, after c1, 2d
    Sharding Module         :d1, 2025-02-22, 3d
    Sharding Exam           :d2, after d1, 2d`;

/** The seed's lines as (name, first day, days), resolving `after x` with every day a working day. */
function seedTasks(): { name: string; start: string; days: number }[] {
  const ends = new Map<string, number>();
  return seedTimeline
    .trim()
    .split('\n')
    .map((line) => {
      const [name, data] = line.split(':').map((part) => part.trim()) as [string, string];
      const [id, from, length] = data.split(',').map((part) => part.trim()) as [string, string, string];
      const start = from.startsWith('after ') ? ends.get(from.slice(6))! + 1 : dayNumber(from)!;
      const days = Number(length.replace('d', ''));
      ends.set(id, start + days - 1);
      return { name, start: new Date(start * 86_400_000).toISOString().slice(0, 10), days };
    });
}

describe('the seed timeline, from metadata', () => {
  const fixture = readFixture('seed-timeline.json');
  const plan = planOf(fixture, fixture.options);

  it('comes out exactly as the seed plans it', () => {
    const ours = plan.tasks.map((t) => ({ name: `${t.title} ${t.phase === 'content' ? 'Module' : 'Exam'}`, start: t.start, days: t.workingDays }));
    expect(ours).toEqual(seedTasks());
  });

  it('matches the golden Mermaid file', () => {
    expect(toMermaidGantt(plan)).toBe(readFileSync(fixturePath('seed-timeline.mmd'), 'utf8'));
  });

  it('puts one module in each weekly sprint and says why each waited', () => {
    expect(plan.sprints.map((sprint) => [sprint.number, sprint.start, sprint.end, sprint.tasks.length])).toEqual([
      [1, '2025-02-01', '2025-02-07', 2],
      [2, '2025-02-08', '2025-02-14', 2],
      [3, '2025-02-15', '2025-02-21', 2],
      [4, '2025-02-22', '2025-02-28', 2],
    ]);
    expect(task(plan, 'caching-content').waited).toEqual([
      { kind: 'dependency', module: 'load-balancing', phase: 'content', task: 'load-balancing-content', until: '2025-02-03' },
      { kind: 'busy', person: 'author-a', tasks: ['load-balancing-exam', 'circuit-breaker-content', 'circuit-breaker-exam'], days: 7 },
      { kind: 'sprint', sprint: 3, days: 4 },
    ]);
    expect(task(plan, 'load-balancing-content').waited).toEqual([]);
  });

  it('ends on the critical path: the last module has no slack, earlier ones can slip', () => {
    expect(plan.criticalPath).toEqual(['sharding-content', 'sharding-exam']);
    expect(task(plan, 'caching-exam').slack).toBe(2);
    expect(plan.end).toBe('2025-02-26');
  });

  it('without sprint alignment the same author works back to back', () => {
    const tight = planOf(fixture, { ...fixture.options, align: 'none' });
    expect(tight.tasks.map((t) => [t.id, t.start])).toEqual([
      ['load-balancing-content', '2025-02-01'],
      ['load-balancing-exam', '2025-02-04'],
      ['circuit-breaker-content', '2025-02-06'],
      ['circuit-breaker-exam', '2025-02-09'],
      ['caching-content', '2025-02-11'],
      ['caching-exam', '2025-02-14'],
      ['sharding-content', '2025-02-16'],
      ['sharding-exam', '2025-02-19'],
    ]);
    // One person, no gaps: everything is critical.
    expect(tight.criticalPath).toHaveLength(8);
  });
});

describe('the working calendar', () => {
  const holidays = ['2025-02-05', '2025-02-10', '2025-02-14', '2025-02-17', '2025-02-18'];
  const input: ScheduleInput = {
    catalog: catalogOf([{ slug: 'load-balancing' }, { slug: 'caching', depends_on: ['load-balancing'] }, { slug: 'circuit-breaker' }], {
      start: '2025-02-01',
      dependency_phase: 'content',
      calendar: { working_days: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays },
      team: [{ id: 'author-a', roles: ['author'] }, { id: 'author-b', roles: ['author'], capacity: 0.5 }, { id: 'reviewer-a', roles: ['reviewer'] }],
    }),
    modules: [module('load-balancing'), module('caching', { authors: ['author-b'], status: 'outline' }), module('circuit-breaker', { authors: [] })],
  };

  it('starts no task on a weekend or a holiday, and books no one on one', () => {
    const plan = planOf(input);
    expect(plan.tasks.length).toBe(13);
    for (const t of plan.tasks) {
      expect(['sat', 'sun'], t.id).not.toContain(weekdayOf(dayNumber(t.start)!));
      expect(holidays, t.id).not.toContain(t.start);
      expect(['sat', 'sun'], t.id).not.toContain(weekdayOf(dayNumber(t.end)!));
      expect(holidays, t.id).not.toContain(t.end);
    }
    expect(plan.tasks[0]!.start).toBe('2025-02-03');
  });

  it('stretches part-time work: capacity 0.5 turns 3 days of content into 6 working days', () => {
    const plan = planOf(input);
    const content = task(plan, 'caching-content');
    expect(content.person).toBe('author-b');
    expect([content.effort, content.workingDays]).toEqual([3, 6]);
  });

  it('gives work without named authors to any author, reviews to reviewers only', () => {
    const plan = planOf(input);
    expect(task(plan, 'circuit-breaker-research').person).toMatch(/^author-/);
    expect(plan.tasks.filter((t) => t.phase === 'review').map((t) => t.person)).toEqual(['reviewer-a', 'reviewer-a', 'reviewer-a']);
  });

  it('follows other working weeks: a Sunday-to-Thursday team never works Friday or Saturday', () => {
    const plan = planOf({ ...input, catalog: { ...input.catalog, timeline: { ...input.catalog.timeline, calendar: { working_days: ['sun', 'mon', 'tue', 'wed', 'thu'] } } } });
    for (const t of plan.tasks) expect(['fri', 'sat']).not.toContain(weekdayOf(dayNumber(t.start)!));
    expect(plan.tasks[0]!.start).toBe('2025-02-02');
  });
});

describe('phases, dependencies, people and ties', () => {
  it('plans the phases each status leaves, in order', () => {
    const plan = planOf({
      catalog: catalogOf([{ slug: 'a' }, { slug: 'b' }, { slug: 'c' }, { slug: 'd' }, { slug: 'e' }, { slug: 'f' }, { slug: 'g' }]),
      modules: [
        module('a', { status: 'research' }),
        module('b', { status: 'outline' }),
        module('c', { status: 'draft' }),
        module('d', { status: 'draft', exam: { questions: [{}] } }),
        module('e', { status: 'review' }),
        module('f', { status: 'published' }),
        // g has a catalog entry but no module yet: all of it remains.
      ],
    });
    const phases = (slug: string) => plan.tasks.filter((t) => t.module === slug).map((t) => t.phase);
    expect(phases('a')).toEqual(['research', 'outline', 'content', 'exam', 'review']);
    expect(phases('b')).toEqual(['content', 'exam', 'review']);
    expect(phases('c')).toEqual(['exam', 'review']);
    expect(phases('d')).toEqual(['review']);
    expect(phases('e')).toEqual(['review']);
    expect(phases('f')).toEqual([]);
    expect(phases('g')).toEqual(['research', 'outline', 'content', 'exam', 'review']);
    expect(plan.done).toEqual(['f']);
    for (const slug of ['a', 'b', 'g']) {
      const own = plan.tasks.filter((t) => t.module === slug);
      own.slice(1).forEach((t, index) => expect(t.start > own[index]!.end, t.id).toBe(true));
    }
  });

  it('uses each module\'s efforts, defaults for the rest', () => {
    const plan = planOf({ catalog: catalogOf([{ slug: 'a' }]), modules: [module('a', { status: 'outline', effort: { content: 5, exam: 0.5 } })] });
    expect(plan.tasks.map((t) => [t.phase, t.effort, t.workingDays])).toEqual([
      ['content', 5, 5],
      ['exam', 0.5, 1],
      ['review', 1, 1],
    ]);
  });

  it('starts a module after the configured phase of each dependency', () => {
    const catalog = (phase: 'outline' | 'review') =>
      catalogOf([{ slug: 'base' }, { slug: 'top', depends_on: ['base'] }], {
        dependency_phase: phase,
        team: [{ id: 'author-a', roles: ['author'] }, { id: 'author-b', roles: ['author'] }, { id: 'reviewer-a', roles: ['reviewer'] }],
      });
    const modules = [module('base'), module('top', { authors: ['author-b'] })];
    const early = planOf({ catalog: catalog('outline'), modules });
    expect(task(early, 'top-research').start > task(early, 'base-outline').end).toBe(true);
    expect(task(early, 'top-research').start < task(early, 'base-content').end).toBe(true);
    expect(task(early, 'top-research').why).toBe('after base outline (until 2025-02-04)');
    const late = planOf({ catalog: catalog('review'), modules });
    expect(task(late, 'top-research').start > task(late, 'base-review').end).toBe(true);
  });

  it('does not wait for a dependency whose gating phase is already done', () => {
    const plan = planOf({
      catalog: catalogOf([{ slug: 'base' }, { slug: 'top', depends_on: ['base'] }], { dependency_phase: 'content', team: [{ id: 'author-a', roles: ['author'] }, { id: 'author-b', roles: ['author'] }, { id: 'reviewer-a', roles: ['reviewer'] }] }),
      modules: [module('base', { status: 'review' }), module('top', { authors: ['author-b'] })],
    });
    expect(task(plan, 'top-research').start).toBe('2025-02-03');
    expect(task(plan, 'top-research').waited).toEqual([]);
  });

  it('breaks ties by priority, then catalog order, and says who was busy', () => {
    const plan = planOf({
      catalog: catalogOf([{ slug: 'first', priority: 2 }, { slug: 'second', priority: 1 }, { slug: 'third', priority: 2 }]),
      modules: [module('first', { status: 'review' }), module('second', { status: 'review' }), module('third', { status: 'review' })],
    });
    expect(plan.tasks.map((t) => [t.id, t.start])).toEqual([
      ['second-review', '2025-02-03'],
      ['first-review', '2025-02-04'],
      ['third-review', '2025-02-05'],
    ]);
    expect(task(plan, 'third-review').why).toBe('reviewer-a busy with second-review, first-review for 2 working day(s)');
  });

  it('never lets authors review their own module', () => {
    const plan = planOf({
      catalog: catalogOf([{ slug: 'a' }], { team: [{ id: 'both', roles: ['author', 'reviewer'] }, { id: 'reviewer-b', roles: ['reviewer'], capacity: 0.5 }] }),
      modules: [module('a', { status: 'review', authors: ['both'] })],
    });
    expect(task(plan, 'a-review')).toMatchObject({ person: 'reviewer-b', workingDays: 2 });
  });

  it('prefers the free person who finishes sooner', () => {
    const plan = planOf({
      catalog: catalogOf([{ slug: 'a' }], { team: [{ id: 'slow', roles: ['author'], capacity: 0.25 }, { id: 'fast', roles: ['author'] }, { id: 'reviewer-a', roles: ['reviewer'] }] }),
      modules: [module('a', { status: 'outline', authors: [] })],
    });
    expect(task(plan, 'a-content').person).toBe('fast');
  });

  it('computes slack over dependency and resource arcs', () => {
    // Two authors: a long module and a short one in parallel; the short one has slack.
    const plan = planOf({
      catalog: catalogOf([{ slug: 'long' }, { slug: 'short' }], { team: [{ id: 'author-a', roles: ['author'] }, { id: 'author-b', roles: ['author'] }, { id: 'reviewer-a', roles: ['reviewer'] }, { id: 'reviewer-b', roles: ['reviewer'] }] }),
      modules: [module('long', { status: 'outline', effort: { content: 8 } }), module('short', { status: 'outline', authors: ['author-b'] })],
    });
    expect(plan.criticalPath).toEqual(['long-content', 'long-exam', 'long-review']);
    // Not 5: reviewer-a reviews `short` and then `long`, and that resource arc takes a day.
    expect(plan.tasks.filter((t) => t.module === 'short').map((t) => [t.slack, t.person])).toEqual([
      [4, 'author-b'],
      [4, 'author-b'],
      [4, 'reviewer-a'],
    ]);
    expect(task(plan, 'long-review').person).toBe('reviewer-a');
    expect(plan.workingDays).toBe(11);
  });

  it('plans the real collection: every unpublished module, with the phases its status leaves', async () => {
    const collection = await loadCollection(modulesRoot);
    checkCollection(collection);
    const publication = toPublication(collection);
    const plan = planOf(publication);
    const expected: Record<string, string[]> = {
      research: ['research', 'outline', 'content', 'exam', 'review'],
      outline: ['content', 'exam', 'review'],
      review: ['review'],
      published: [],
    };
    for (const module of publication.modules) {
      if (module.status === 'draft') continue;
      expect(plan.tasks.filter((t) => t.module === module.slug).map((t) => t.phase), module.slug).toEqual(expected[module.status]);
    }
    expect(new Set(plan.tasks.map((t) => t.module)).size).toBe(publication.modules.filter((m) => m.status !== 'published').length);
    expect(plan.tasks[0]!.start).toBe('2025-02-03');
    expect(planOf(scheduleInputFromCollection(collection)!)).toEqual(plan);
    // Priorities decide who takes a person first: inverting every priority changes the plan.
    const priorities = publication.catalog.patterns.map((pattern) => pattern.priority);
    const [low, high] = [Math.min(...priorities), Math.max(...priorities)];
    const inverted = planOf({ ...publication, catalog: { ...publication.catalog, patterns: publication.catalog.patterns.map((pattern) => ({ ...pattern, priority: low + high - pattern.priority })) } });
    const other = new Map(inverted.tasks.map((t) => [t.id, t]));
    expect(plan.tasks.filter((t) => other.get(t.id)!.start !== t.start || other.get(t.id)!.person !== t.person).length).toBeGreaterThan(0);
  });
});

describe('bad input: each problem a diagnostic, no plan', () => {
  const base = () => ({ catalog: catalogOf([{ slug: 'a' }, { slug: 'b', depends_on: ['a'] }]), modules: [module('a'), module('b')] });

  it('names a dependency cycle with the position of every edge', () => {
    const yaml = `categories:
  - { id: scaling, title: Scaling }
patterns:
  - slug: load-balancing
    title: Load Balancing
    category: scaling
    priority: 1
    complexity: medium
    depends_on: [sharding]
    real_examples: []
  - slug: caching
    title: Caching
    category: scaling
    priority: 1
    complexity: medium
    depends_on: [load-balancing]
    real_examples: []
  - slug: sharding
    title: Sharding
    category: scaling
    priority: 1
    complexity: high
    depends_on: [load-balancing, caching]
    real_examples: []
timeline:
  start: "2025-02-03"
  sprint_days: 7
  calendar: { working_days: [mon, tue, wed, thu, fri] }
  team: [{ id: author-a, roles: [author] }, { id: reviewer-a, roles: [reviewer] }]
`;
    const parsed = parseCatalog(new VFile({ path: '/c/catalog.yaml', value: yaml }));
    expect(parsed.valid).toBe(true);
    const result = scheduleTimeline({ catalog: parsed.data!, modules: [], sources: { catalog: { path: '/c/catalog.yaml', pointers: parsed.pointers } } });
    expect(result.plan).toBeUndefined();
    expect(formatReport(result.problems, '/c')).toContain('catalog.yaml:9:18: error dependency-cycle: dependency cycle: load-balancing → sharding → load-balancing');
    const report = formatReport(result.problems, '/c');
    // The other edge of the cycle is listed with its place.
    expect(report).toMatch(/catalog\.yaml:23:18.*sharding depends on load-balancing/);
    // Checked by the caller (press's check pipeline reports the cycle once): no second report, and still no plan.
    const checked = scheduleTimeline({ catalog: parsed.data!, modules: [], sources: { catalog: { path: '/c/catalog.yaml', pointers: parsed.pointers } } }, { dependenciesChecked: true });
    expect(checked.plan).toBeUndefined();
    expect(formatReport(checked.problems, '/c')).not.toContain('dependency-cycle');
  });

  it('reports unknown dependencies and people', () => {
    const input = base();
    input.catalog.patterns[1]!.depends_on = ['a', 'cachign'];
    input.modules[0] = module('a', { authors: ['author-z'] });
    expect(messagesOf(input).sort()).toEqual([
      'catalog.yaml:-:- unknown-module: `b` depends on `cachign`, which is not in the catalog',
      'module.md:-:- unknown-person: author `author-z` is not in the catalog\'s team',
    ]);
  });

  it('reports a start that is not a date, an effort of zero or less, a calendar with no working day', () => {
    for (const start of ['2025-02-30', 'next monday']) {
      const input = base();
      input.catalog.timeline.start = start;
      expect(messagesOf(input)).toEqual([`catalog.yaml:-:- schema-format: start \`${start}\` is not a date`]);
    }
    const efforts = base();
    efforts.modules[1] = module('b', { effort: { content: 0, exam: -1 } });
    expect(messagesOf(efforts)).toEqual(['module.md:-:- schema-value: effort for content must be more than 0 days, got 0', 'module.md:-:- schema-value: effort for exam must be more than 0 days, got -1']);
    const idle = base();
    idle.catalog.timeline.calendar = { working_days: [] };
    expect(messagesOf(idle)).toEqual(['catalog.yaml:-:- calendar-no-working-day: the calendar has no working day: nothing can ever be scheduled']);
  });

  it('reports more work than the horizon holds', () => {
    const input = base();
    input.catalog.timeline.horizon_days = 14;
    expect(messagesOf(input)).toEqual([
      'catalog.yaml:-:- schedule-horizon-exceeded: the plan needs until 2025-02-24 but horizon_days 14 ends on 2025-02-16: 3 task(s) do not fit (first: b-content, ending 2025-02-19)',
    ]);
    // 2025-02-03 to 2025-02-24 is 22 calendar days: 21 is one too few.
    input.catalog.timeline.horizon_days = 21;
    expect(messagesOf(input)).toHaveLength(1);
    input.catalog.timeline.horizon_days = 22;
    expect(scheduleTimeline(input).plan?.end).toBe('2025-02-24');
  });

  it('reports a review nobody may do', () => {
    const input = base();
    input.catalog.timeline.team = [{ id: 'author-a', roles: ['author', 'reviewer'] }];
    expect(messagesOf(input)[0]).toBe('catalog.yaml:-:- no-assignee: no team member with the role `reviewer` can review `a` (authors do not review their own module)');
  });

  it('points at the YAML values in a real collection', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'press-schedule-'));
    await cp(modulesRoot, root, { recursive: true });
    const catalogPath = path.join(root, 'catalog.yaml');
    await writeFile(catalogPath, (await readFile(catalogPath, 'utf8')).replace('start: "2025-02-01"', 'start: "2025-13-01"'));
    const bulkhead = path.join(root, 'bulkhead', 'module.md');
    await writeFile(bulkhead, (await readFile(bulkhead, 'utf8')).replace('authors: [author-a]', 'authors: [author-q]'));
    const collection = await loadCollection(root);
    const result = scheduleTimeline(scheduleInputFromCollection(collection)!);
    const report = formatReport(result.problems, root);
    const line = (file: string, text: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(report).toContain(`bulkhead/module.md:${line(bulkhead, 'author-q')}:`);
    expect(report).toContain('unknown-person: author `author-q` is not in the catalog\'s team');
    expect(report).toMatch(/did you mean `author-[ab]`/);
    expect(result.plan).toBeUndefined();
    void catalogPath;
  });
});
