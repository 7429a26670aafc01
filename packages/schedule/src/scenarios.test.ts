import { loadCollection, toPublication } from '@pattern-press/format';
import { afterAll, describe, expect, it } from 'vitest';
import { legacyWorkingDays } from './legacy-schedule.js';
import { remainingPhases } from './remaining-phases.js';
import { scheduleTimeline } from './schedule.js';
import { catalogOf, modulesRoot, readFixture } from './test-helpers.js';
import { defaultEfforts, phaseOrder, type Phase, type ScheduleInput, type ScheduleModule, type ScheduleOptions } from './types.js';

/**
 * A lower bound on the plan's length in working days (no availability, no
 * sprint alignment): the longest chain of phases and dependencies at the
 * fastest eligible person's pace, and for each person, the work only they can
 * do between the earliest it can start and the shortest chain that must follow.
 */
function lowerBound(input: ScheduleInput, options: ScheduleOptions = {}): number {
  const team = input.catalog.timeline.team;
  const dependencyPhase = input.catalog.timeline.dependency_phase ?? 'review';
  const phases = (options.phases ?? phaseOrder) as readonly Phase[];
  type Task = { id: string; slug: string; people: (typeof team)[number][]; effort: number; before: Task[]; after: Task[] };
  const tasks = new Map<string, Task[]>();
  for (const module of input.modules) {
    const named = module.authors.length > 0 ? team.filter((member) => module.authors.includes(member.id)) : team.filter((member) => member.roles.includes('author'));
    const reviewers = team.filter((member) => member.roles.includes('reviewer') && !module.authors.includes(member.id));
    const own = remainingPhases(module.status, module.exam)
      .filter((phase) => phases.includes(phase))
      .map((phase): Task => ({ id: `${module.slug}-${phase}`, slug: module.slug, people: phase === 'review' ? reviewers : named, effort: module.effort?.[phase] ?? defaultEfforts[phase], before: [], after: [] }));
    own.forEach((task, index) => index > 0 && (task.before.push(own[index - 1]!), own[index - 1]!.after.push(task)));
    tasks.set(module.slug, own);
  }
  for (const pattern of input.catalog.patterns) {
    const first = tasks.get(pattern.slug)?.[0];
    if (!first) continue;
    for (const dependency of pattern.depends_on) {
      const gate = (tasks.get(dependency) ?? []).filter((task) => phaseOrder.indexOf(task.id.slice(dependency.length + 1) as Phase) <= phaseOrder.indexOf(dependencyPhase)).at(-1);
      if (gate) (first.before.push(gate), gate.after.push(first));
    }
  }
  const all = [...tasks.values()].flat();
  const length = (task: Task, person?: (typeof team)[number]) => Math.ceil(task.effort / (person ? person.capacity ?? 1 : Math.max(...task.people.map((p) => p.capacity ?? 1))) - 1e-9);
  const head = new Map<Task, number>();
  const headOf = (task: Task): number => head.get(task) ?? (head.set(task, Math.max(0, ...task.before.map((b) => headOf(b) + length(b)))), head.get(task)!);
  const tail = new Map<Task, number>();
  const tailOf = (task: Task): number => tail.get(task) ?? (tail.set(task, Math.max(0, ...task.after.map((a) => tailOf(a) + length(a)))), tail.get(task)!);
  const chain = Math.max(0, ...all.map((task) => headOf(task) + length(task) + tailOf(task)));
  const people = team.map((person) => {
    const only = all.filter((task) => task.people.length === 1 && task.people[0]!.id === person.id);
    if (only.length === 0) return 0;
    return Math.min(...only.map(headOf)) + only.reduce((sum, task) => sum + length(task, person), 0) + Math.min(...only.map(tailOf));
  });
  // Work any of a group may do, spread evenly over the group at best.
  const groups = new Map<string, { size: number; days: number }>();
  for (const task of all) {
    const key = task.people.map((p) => p.id).sort().join(',');
    const group = groups.get(key) ?? { size: task.people.reduce((sum, p) => sum + (p.capacity ?? 1), 0), days: 0 };
    group.days += task.effort;
    groups.set(key, group);
  }
  const shared = Math.max(0, ...[...groups.values()].map((group) => Math.ceil(group.days / group.size - 1e-9)));
  return Math.max(chain, shared, ...people);
}

/** A deterministic catalog of `size` modules: a few authors and reviewers, chains and fans of dependencies, mixed efforts and statuses. */
function generated(size: number, authors: number, reviewers: number, seed: number): ScheduleInput {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
  const slugs = Array.from({ length: size }, (_, i) => `pattern-${String(i + 1).padStart(2, '0')}`);
  const team = [
    ...Array.from({ length: authors }, (_, i) => ({ id: `author-${i + 1}`, roles: ['author'] as ['author'], capacity: i === authors - 1 ? 0.5 : 1 })),
    ...Array.from({ length: reviewers }, (_, i) => ({ id: `reviewer-${i + 1}`, roles: ['reviewer'] as ['reviewer'], capacity: 1 })),
  ];
  const catalog = catalogOf(
    slugs.map((slug, i) => ({ slug, priority: 1 + next(3), depends_on: i > 0 && next(3) === 0 ? [slugs[next(i)]!] : [] })),
    { team: [team[0]!, ...team.slice(1)], dependency_phase: 'content' },
  );
  const statuses = ['research', 'outline', 'outline', 'draft', 'review'] as const;
  const modules: ScheduleModule[] = slugs.map((slug, i) => ({
    slug,
    title: slug,
    status: statuses[next(statuses.length)]!,
    authors: next(3) === 0 ? [] : [`author-${1 + (i % authors)}`],
    effort: { research: 1 + next(2), outline: 1, content: 2 + next(4), exam: 1 + next(2), review: 1 },
  }));
  return { catalog, modules };
}

const rows: { name: string; modules: number; ours: number; bound: number; before: number; optimal?: number | undefined }[] = [];

async function repository(): Promise<ScheduleInput> {
  return toPublication(await loadCollection(modulesRoot));
}

/** `optimal`: the shortest plan possible, where it is known by argument (written beside it) rather than by reaching the bound. */
const scenarios: { name: string; input: () => ScheduleInput | Promise<ScheduleInput>; options?: ScheduleOptions; optimal?: number }[] = [
  { name: 'seed timeline (1 author, 4 modules)', input: () => readFixture('seed-timeline.json'), options: { phases: ['content', 'exam'] } },
  {
    // 14, not the bound's 13: `full` has 12 days of content and exams, `half` 12 working days on only-half;
    // both last exams end on day 12, and the one reviewer needs 2 days for their reviews.
    optimal: 14,
    name: 'half-time author with work only they may do',
    input: () => ({
      catalog: catalogOf([{ slug: 'shared-1' }, { slug: 'shared-2' }, { slug: 'only-half' }], {
        team: [{ id: 'full', roles: ['author'] }, { id: 'half', roles: ['author'], capacity: 0.5 }, { id: 'reviewer-a', roles: ['reviewer'] }],
      }),
      modules: [
        { slug: 'shared-1', title: 'S1', status: 'outline', authors: [], effort: { content: 4 } },
        { slug: 'shared-2', title: 'S2', status: 'outline', authors: [], effort: { content: 4 } },
        { slug: 'only-half', title: 'H', status: 'outline', authors: ['half'], effort: { content: 4 } },
      ],
    }),
  },
  {
    name: 'exam that would delay the critical chain',
    input: () => ({
      catalog: catalogOf([{ slug: 'base' }, { slug: 'next', depends_on: ['base'] }], { dependency_phase: 'content' }),
      modules: [
        { slug: 'base', title: 'Base', status: 'outline', authors: ['author-a'], effort: { content: 2, exam: 3, review: 1 } },
        { slug: 'next', title: 'Next', status: 'outline', authors: ['author-a'], effort: { content: 6, exam: 1, review: 3 } },
      ],
    }),
  },
  { name: 'the repository catalog', input: repository },
  { name: 'generated, 12 modules, 2 authors, 1 reviewer', input: () => generated(12, 2, 1, 7) },
  { name: 'generated, 20 modules, 3 authors, 2 reviewers', input: () => generated(20, 3, 2, 11) },
  { name: 'generated, 40 modules, 4 authors, 2 reviewers', input: () => generated(40, 4, 2, 2025) },
  { name: 'generated, 40 modules, 3 authors, 1 reviewer', input: () => generated(40, 3, 1, 99) },
];

describe('scenarios against a lower bound', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const input = await scenario.input();
      const result = scheduleTimeline(input, scenario.options);
      expect(result.problems.flatMap((file) => file.messages.map(String))).toEqual([]);
      const ours = result.plan!.workingDays;
      const bound = lowerBound(input, scenario.options);
      const before = legacyWorkingDays(input, scenario.options)!;
      rows.push({ name: scenario.name, modules: input.modules.length || input.catalog.patterns.length, ours, bound, before, optimal: scenario.optimal });
      expect(ours).toBeGreaterThanOrEqual(bound);
      expect(ours).toBeLessThanOrEqual(before);
      expect(ours).toBeLessThanOrEqual(scenario.optimal ?? bound * 1.03);
    });
  }

  afterAll(() => {
    const lines = rows.map((row) => `| ${row.name} | ${row.modules} | ${row.ours} | ${row.bound} | ${row.optimal ?? row.bound} | ${(((row.ours - row.bound) / row.bound) * 100).toFixed(1)}% | ${row.before} |`);
    console.info(['| scenario | modules | ours (working days) | lower bound | optimal | gap to bound | earlier scheduler |', '|---|---|---|---|---|---|---|', ...lines].join('\n'));
  });
});
