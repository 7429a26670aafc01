import type { VFile } from 'vfile';
import { isoDate, sprintOf } from './calendar.js';
import { readScheduleInput, reviewersFor, type ModuleWork, type ScheduleModel, type TeamMember } from './read-input.js';
import { phaseOrder, type Phase, type PlannedTask, type ScheduleInput, type ScheduleOptions, type SchedulePlan, type WaitReason } from './types.js';

export interface ScheduleResult {
  /** The plan, when the input has no errors. */
  plan?: SchedulePlan | undefined;
  /** Content diagnostics, one VFile per source file that has any. */
  problems: VFile[];
}

/** One phase of one module while it is being placed. Times are working-day indices. */
interface WorkTask {
  id: string;
  module: ModuleWork;
  phase: Phase;
  effort: number;
  first: boolean;
  start?: number;
  end?: number;
  person?: TeamMember;
  /** First index at which the phases before it and the dependencies allowed it. */
  ready?: number;
  dependency?: WorkTask;
}

// Every arc goes forward in time, so a plan longer than this is a bug, not a big catalog.
const maxWorkingDays = 1_000_000;

/**
 * Plans the remaining authoring work: a parallel schedule generation scheme
 * over working days. Each day, every module whose next phase is free of its
 * predecessors (the phase before, the dependencies' configured phase) and,
 * with `align: 'sprint'`, at a sprint start for its first phase, takes the
 * free eligible person who finishes soonest; modules are served in priority,
 * then catalog order, so ties are deterministic and nobody is double-booked.
 */
export function scheduleTimeline(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleResult {
  const { model, reporter } = readScheduleInput(input, options);
  if (!model) return { problems: reporter.files };
  const work = placeTasks(model);
  const plan = toPlan(model, work);
  if (model.horizonDays !== undefined) {
    const last = model.start + model.horizonDays - 1;
    const late = plan.tasks.filter((task) => task.end > isoDate(last));
    if (late.length > 0) {
      reporter.atCatalog(
        '/timeline/horizon_days',
        'schedule-horizon-exceeded',
        `the plan needs until ${plan.end} but horizon_days ${model.horizonDays} ends on ${isoDate(last)}: ${late.length} task(s) do not fit (first: ${late[0]!.id}, ending ${late[0]!.end})`,
        { hint: 'extend horizon_days, add people to timeline.team, or lower the efforts' },
      );
      return { problems: reporter.files };
    }
  }
  return { plan, problems: reporter.files };
}

function tasksOf(model: ScheduleModel): Map<string, WorkTask[]> {
  return new Map(
    model.modules.map((module) => [
      module.slug,
      module.phases.map((phase, index) => ({ id: `${module.slug}-${phase}`, module, phase, effort: module.effort[phase], first: index === 0 })),
    ]),
  );
}

/** The task of `dependency` whose end gates its dependents: its last planned phase up to the configured one. */
function gateOf(tasks: readonly WorkTask[], dependencyPhase: Phase): WorkTask | undefined {
  const limit = phaseOrder.indexOf(dependencyPhase);
  return tasks.filter((task) => phaseOrder.indexOf(task.phase) <= limit).at(-1);
}

function eligiblePeople(task: WorkTask, team: readonly TeamMember[]): TeamMember[] {
  if (task.phase === 'review') return reviewersFor(task.module, team);
  if (task.module.authors.length > 0) return task.module.authors.map((id) => team.find((member) => member.id === id)!);
  return team.filter((member) => member.roles.includes('author'));
}

function durationFor(effort: number, capacity: number): number {
  // Work is planned in whole working days; the epsilon keeps 1 / (1/3) from becoming 4.
  return Math.max(1, Math.ceil(effort / capacity - 1e-9));
}

function isSprintStart(model: ScheduleModel, index: number): boolean {
  if (index === 0) return true;
  const { calendar, start, sprintDays } = model;
  return sprintOf(calendar.dayAt(index - 1), start, sprintDays) !== sprintOf(calendar.dayAt(index), start, sprintDays);
}

interface PlacedWork {
  byModule: Map<string, WorkTask[]>;
  all: WorkTask[];
  /** Each module's gating task for its dependents (undefined: nothing gates). */
  gates: Map<string, WorkTask | undefined>;
}

function placeTasks(model: ScheduleModel): PlacedWork {
  const byModule = tasksOf(model);
  const all = [...byModule.values()].flat();
  const gates = new Map(model.modules.map((module) => [module.slug, gateOf(byModule.get(module.slug)!, model.dependencyPhase)]));
  const queue = [...model.modules].sort((a, b) => a.priority - b.priority || a.order - b.order);
  const freeFrom = new Map(model.team.map((member) => [member.id, 0]));
  let remaining = all.length;
  for (let day = 0; remaining > 0; day++) {
    if (day > maxWorkingDays) throw new Error('scheduleTimeline: no progress (a bug: every arc should go forward in time)');
    for (const module of queue) {
      const tasks = byModule.get(module.slug)!;
      const index = tasks.findIndex((task) => task.start === undefined);
      if (index < 0) continue;
      const task = tasks[index]!;
      if (!predecessorsDone(task, tasks[index - 1], gates, day)) continue;
      task.ready ??= day;
      if (task.first && model.align === 'sprint' && !isSprintStart(model, day)) continue;
      const person = pickPerson(task, model.team, freeFrom, day);
      if (!person) continue;
      task.start = day;
      task.end = day + durationFor(task.effort, person.capacity) - 1;
      task.person = person;
      freeFrom.set(person.id, task.end + 1);
      remaining--;
    }
  }
  return { byModule, all, gates };

  function predecessorsDone(task: WorkTask, previous: WorkTask | undefined, gates: Map<string, WorkTask | undefined>, day: number): boolean {
    if (previous) return previous.end !== undefined && previous.end < day;
    let binding: WorkTask | undefined;
    for (const dependency of task.module.dependsOn) {
      const gate = gates.get(dependency);
      if (!gate) continue;
      if (gate.end === undefined || gate.end >= day) return false;
      if (!binding || gate.end > binding.end!) binding = gate;
    }
    task.dependency = binding;
    return true;
  }
}

/** The free eligible person who would finish soonest (the fuller capacity), ties in the order listed. */
function pickPerson(task: WorkTask, team: readonly TeamMember[], freeFrom: ReadonlyMap<string, number>, day: number): TeamMember | undefined {
  let best: TeamMember | undefined;
  for (const person of eligiblePeople(task, team)) {
    if (freeFrom.get(person.id)! > day) continue;
    if (!best || durationFor(task.effort, person.capacity) < durationFor(task.effort, best.capacity)) best = person;
  }
  return best;
}

/**
 * Why a task started after it was ready: the working days its person was
 * busy with other tasks, and the rest spent waiting for a sprint start.
 */
function waitReasons(model: ScheduleModel, task: WorkTask, personTasks: readonly WorkTask[]): WaitReason[] {
  const reasons: WaitReason[] = [];
  const { calendar } = model;
  const [ready, start] = [task.ready!, task.start!];
  if (task.first && task.dependency) {
    const gate = task.dependency;
    reasons.push({ kind: 'dependency', module: gate.module.slug, phase: gate.phase, task: gate.id, until: calendar.dateAt(gate.end!) });
  }
  const overlaps = personTasks
    .filter((other) => other !== task && other.start! < start && other.end! >= ready)
    .map((other) => ({ id: other.id, days: Math.min(other.end!, start - 1) - Math.max(other.start!, ready) + 1 }));
  const busyDays = overlaps.reduce((sum, overlap) => sum + overlap.days, 0);
  if (busyDays > 0) reasons.push({ kind: 'busy', person: task.person!.id, tasks: overlaps.map((overlap) => overlap.id), days: busyDays });
  if (start - ready > busyDays) {
    reasons.push({ kind: 'sprint', sprint: sprintOf(calendar.dayAt(start), model.start, model.sprintDays) + 1, days: start - ready - busyDays });
  }
  return reasons;
}

export function describeWait(reasons: readonly WaitReason[]): string {
  return reasons
    .map((reason) => {
      switch (reason.kind) {
        case 'dependency':
          return `after ${reason.module} ${reason.phase} (until ${reason.until})`;
        case 'sprint':
          return `waited ${reason.days} working day(s) for sprint ${reason.sprint}`;
        case 'busy':
          return `${reason.person} busy with ${reason.tasks.join(', ')} for ${reason.days} working day(s)`;
      }
    })
    .join('; ');
}

/**
 * Slack on the levelled plan: latest starts from the plan's end backwards
 * over every arc that holds a task back (the phase before, a dependency's
 * gate, the person's previous task). Sprint alignment is not an arc: slack
 * says how many working days a task may slip with everything else as planned.
 */
function slackOf(work: PlacedWork, byPerson: ReadonlyMap<string, WorkTask[]>, planEnd: number): Map<WorkTask, number> {
  const successors = new Map<WorkTask, WorkTask[]>(work.all.map((task) => [task, []]));
  const link = (from: WorkTask | undefined, to: WorkTask) => from && successors.get(from)!.push(to);
  for (const tasks of work.byModule.values()) {
    tasks.forEach((task, index) => {
      link(tasks[index - 1], task);
      if (task.first) for (const dependency of task.module.dependsOn) link(work.gates.get(dependency), task);
    });
  }
  for (const tasks of byPerson.values()) tasks.forEach((task, index) => link(tasks[index - 1], task));
  const latestStart = new Map<WorkTask, number>();
  const slack = new Map<WorkTask, number>();
  // Every arc goes forward in time, so latest starts are known for all successors when walking backwards by start.
  for (const task of [...work.all].sort((a, b) => b.start! - a.start!)) {
    const latestFinish = Math.min(planEnd, ...successors.get(task)!.map((next) => latestStart.get(next)! - 1));
    const start = latestFinish - (task.end! - task.start!);
    latestStart.set(task, start);
    slack.set(task, start - task.start!);
  }
  return slack;
}

/** Compares tuples of numbers left to right. */
function byTuple<T>(key: (item: T) => readonly number[]): (a: T, b: T) => number {
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  };
}

function weekIndex(day: string): number {
  return (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).indexOf(day as 'mon');
}

function toPlan(model: ScheduleModel, work: PlacedWork): SchedulePlan {
  const { calendar } = model;
  const ordered = [...work.all].sort(byTuple((task) => [task.start!, task.module.priority, task.module.order, phaseOrder.indexOf(task.phase)]));
  const byPerson = new Map<string, WorkTask[]>(model.team.map((member) => [member.id, []]));
  for (const task of ordered) byPerson.get(task.person!.id)!.push(task);
  const planEnd = Math.max(-1, ...ordered.map((task) => task.end!));
  const slack = slackOf(work, byPerson, planEnd);
  const sprintNumber = (index: number) => sprintOf(calendar.dayAt(index), model.start, model.sprintDays) + 1;
  const tasks: PlannedTask[] = ordered.map((task) => {
    const waited = waitReasons(model, task, byPerson.get(task.person!.id)!);
    return {
      id: task.id,
      module: task.module.slug,
      title: task.module.title,
      phase: task.phase,
      person: task.person!.id,
      start: calendar.dateAt(task.start!),
      end: calendar.dateAt(task.end!),
      workingDays: task.end! - task.start! + 1,
      effort: task.effort,
      sprint: sprintNumber(task.start!),
      slack: slack.get(task)!,
      critical: slack.get(task) === 0,
      waited,
      why: describeWait(waited),
    };
  });
  const lastSprint = planEnd < 0 ? 0 : sprintNumber(planEnd);
  const sprints = Array.from({ length: lastSprint }, (_, index) => ({
    number: index + 1,
    start: isoDate(model.start + index * model.sprintDays),
    end: isoDate(model.start + (index + 1) * model.sprintDays - 1),
    tasks: tasks.filter((task) => task.sprint === index + 1).map((task) => task.id),
  }));
  return {
    title: model.title,
    start: isoDate(model.start),
    end: planEnd < 0 ? isoDate(model.start) : calendar.dateAt(planEnd),
    workingDays: planEnd + 1,
    calendar: {
      workingDays: [...calendar.workingDays].sort((a, b) => weekIndex(a) - weekIndex(b)),
      holidays: [...calendar.holidays].sort((a, b) => a - b).map(isoDate),
    },
    sprintDays: model.sprintDays,
    dependencyPhase: model.dependencyPhase,
    phases: model.phases,
    align: model.align,
    tasks,
    sprints,
    criticalPath: tasks.filter((task) => task.critical).map((task) => task.id),
    people: model.team.map((member) => {
      const own = byPerson.get(member.id)!;
      return { id: member.id, roles: [...member.roles], capacity: member.capacity, tasks: own.map((task) => task.id), busyDays: own.reduce((sum, task) => sum + task.end! - task.start! + 1, 0) };
    }),
    done: model.modules.filter((module) => module.phases.length === 0).map((module) => module.slug),
  };
}
