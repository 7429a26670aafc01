import { sprintOf } from './calendar.js';
import { capacityOnDay, reviewersFor, type ModuleWork, type ScheduleModel, type TeamMember } from './read-input.js';
import { phaseOrder, type Phase } from './types.js';

/** One phase of one module while it is being placed. Times are working-day indices from the status date. */
export interface WorkTask {
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
  dependency?: WorkTask | undefined;
  /** A phase started before the status date: its actual first day, and the working days worked on it before the status date. */
  actual?: { started: number; daysBefore: number };
}

export interface PlacedWork {
  byModule: Map<string, WorkTask[]>;
  all: WorkTask[];
  /** Each module's gating task for its dependents (undefined: nothing gates). */
  gates: Map<string, WorkTask | undefined>;
  /** Each person's share of every working day, and the days they are booked. */
  agendas: Map<string, Agenda>;
}

/** A plan that could not be made: nobody on the team is ever available for this task. */
export interface Unplaceable {
  unplaceable: WorkTask;
}

// Every arc goes forward in time, so a plan longer than this is a bug, not a big catalog.
const maxWorkingDays = 1_000_000;
// Work is planned in whole working days; the epsilon keeps 3 × 1/3 from falling short of 1.
const epsilon = 1e-9;

/** One person's working days: what share of each they can work, and which are booked. */
export class Agenda {
  readonly #capacity: number[] = [];
  readonly #busy: boolean[] = [];
  constructor(
    readonly member: TeamMember,
    readonly model: ScheduleModel,
  ) {}

  capacityAt(index: number): number {
    while (this.#capacity.length <= index) this.#capacity.push(capacityOnDay(this.member, this.model.calendar.dayAt(this.#capacity.length)));
    return this.#capacity[index]!;
  }

  isBusy(index: number): boolean {
    return this.#busy[index] === true;
  }

  book(start: number, end: number): void {
    for (let index = start; index <= end; index++) this.#busy[index] = true;
  }

  /** After the person's last day (`leaves`): nothing can be planned for them from here on. */
  gone(index: number): boolean {
    return this.member.leaves !== undefined && this.model.calendar.dayAt(index) > this.member.leaves;
  }

  /**
   * The earliest stretch from `ready` on (exactly at `ready` when `exact`) that
   * starts on a day the person works, holds `effort` days of their capacity and
   * crosses no booked day. Days off inside it (leave) add nothing.
   */
  place(effort: number, ready: number, startOk: (index: number) => boolean, exact = false): { start: number; end: number } | undefined {
    for (let start = ready; start <= maxWorkingDays; start++) {
      if (this.gone(start)) return undefined;
      if (this.isBusy(start) || this.capacityAt(start) === 0 || !startOk(start)) {
        if (exact) return undefined;
        continue;
      }
      let work = 0;
      let end = start;
      for (; ; end++) {
        if (this.gone(end) || this.isBusy(end)) break;
        work += this.capacityAt(end);
        if (work >= effort - epsilon) return { start, end };
      }
      if (exact || this.gone(end)) return undefined;
      start = end;
    }
    throw new Error('placeTask: no progress (a bug: every placement goes forward in time)');
  }
}

function newWork(model: ScheduleModel): PlacedWork {
  const byModule = new Map(
    model.modules.map((module) => [
      module.slug,
      module.phases.map((phase, index): WorkTask => ({ id: `${module.slug}-${phase}`, module, phase, effort: module.effort[phase], first: index === 0 })),
    ]),
  );
  const gates = new Map(model.modules.map((module) => [module.slug, gateOf(byModule.get(module.slug)!, model.dependencyPhase)]));
  const agendas = new Map(model.team.map((member) => [member.id, new Agenda(member, model)]));
  return { byModule, all: [...byModule.values()].flat(), gates, agendas };
}

/** The task of a dependency whose end gates its dependents: its last planned phase up to the configured one. */
function gateOf(tasks: readonly WorkTask[], dependencyPhase: Phase): WorkTask | undefined {
  const limit = phaseOrder.indexOf(dependencyPhase);
  return tasks.filter((task) => phaseOrder.indexOf(task.phase) <= limit).at(-1);
}

/** The tasks that must end before `task` starts: the phase before it, or (for a module's first) each dependency's gate. */
function predecessorsOf(work: PlacedWork, task: WorkTask): WorkTask[] {
  const own = work.byModule.get(task.module.slug)!;
  const index = own.indexOf(task);
  if (index > 0) return [own[index - 1]!];
  return task.module.dependsOn.flatMap((slug) => work.gates.get(slug) ?? []);
}

/** Who may be asked at all, ignoring who already wrote what: named authors (or any author), reviewers who are not named authors. */
function staticEligible(task: WorkTask, team: readonly TeamMember[]): TeamMember[] {
  if (task.phase === 'review') return reviewersFor(task.module, team);
  if (task.module.authors.length > 0) return task.module.authors.map((id) => team.find((member) => member.id === id)!);
  return team.filter((member) => member.roles.includes('author'));
}

/**
 * Who may do `task` now: a review goes to a reviewer who wrote none of the
 * module's phases in this plan (not only its listed authors); work on a
 * module without named authors goes to an author who leaves someone else to
 * review it.
 */
function eligibleNow(task: WorkTask, work: PlacedWork, team: readonly TeamMember[]): TeamMember[] {
  const writers = new Set(work.byModule.get(task.module.slug)!.flatMap((other) => (other.phase !== 'review' && other.person ? [other.person.id] : [])));
  const reviewers = reviewersFor(task.module, team).filter((member) => !writers.has(member.id));
  if (task.phase === 'review') return reviewers;
  const writersToBe = staticEligible(task, team);
  if (task.module.authors.length > 0 || !task.module.phases.includes('review')) return writersToBe;
  return writersToBe.filter((member) => reviewers.some((reviewer) => reviewer.id !== member.id));
}

function isSprintStart(model: ScheduleModel, index: number): boolean {
  if (index === 0) return true;
  const { calendar, start, sprintDays } = model;
  return sprintOf(calendar.dayAt(index - 1), start, sprintDays) !== sprintOf(calendar.dayAt(index), start, sprintDays);
}

function startRule(model: ScheduleModel, task: WorkTask): (index: number) => boolean {
  return task.first && model.align === 'sprint' ? (index) => isSprintStart(model, index) : () => true;
}

/** The first index the task's predecessors allow; a module's first phase notes the dependency that held it back. */
function readyIndex(work: PlacedWork, task: WorkTask): number {
  let binding: WorkTask | undefined;
  for (const before of predecessorsOf(work, task)) if (!binding || before.end! > binding.end!) binding = before;
  if (task.first) task.dependency = binding;
  return binding ? binding.end! + 1 : 0;
}

/**
 * Phases in progress keep their person and go on from the status date with
 * what is left of their effort (the person's capacity on each working day
 * since the actual start counts as done), before anything else is placed.
 */
function placeStarted(model: ScheduleModel, work: PlacedWork): Unplaceable | undefined {
  for (const task of work.all) {
    const progress = task.module.inProgress;
    if (!progress || !task.first || progress.phase !== task.phase) continue;
    const person = progress.by !== undefined ? model.team.find((member) => member.id === progress.by) : eligibleNow(task, work, model.team)[0];
    if (!person) return { unplaceable: task };
    let [done, daysBefore] = [0, 0];
    for (let day = progress.started; day < model.from; day++) {
      if (!model.calendar.isWorking(day)) continue;
      daysBefore++;
      done += capacityOnDay(person, day);
    }
    // Effort used up but not finished: it still takes the person's next working day.
    const at = work.agendas.get(person.id)!.place(Math.max(task.effort - done, epsilon), 0, () => true);
    if (!at) return { unplaceable: task };
    task.ready = 0;
    task.actual = { started: progress.started, daysBefore };
    assign(work, task, person, at);
  }
  return undefined;
}

function assign(work: PlacedWork, task: WorkTask, person: TeamMember, at: { start: number; end: number }): void {
  task.start = at.start;
  task.end = at.end;
  task.person = person;
  work.agendas.get(person.id)!.book(at.start, at.end);
}

/**
 * Longest remaining path of each task, in working days at the fastest
 * eligible person's capacity: the task itself, then the longest chain of
 * phases and dependent modules it holds back.
 */
function tails(model: ScheduleModel, work: PlacedWork): Map<WorkTask, number> {
  const successors = new Map<WorkTask, WorkTask[]>(work.all.map((task) => [task, []]));
  for (const task of work.all) for (const before of predecessorsOf(work, task)) successors.get(before)!.push(task);
  const tail = new Map<WorkTask, number>();
  const visit = (task: WorkTask): number => {
    const known = tail.get(task);
    if (known !== undefined) return known;
    const fastest = Math.max(...staticEligible(task, model.team).map((member) => member.capacity), epsilon);
    const value = Math.ceil(task.effort / fastest - epsilon) + Math.max(0, ...successors.get(task)!.map(visit));
    tail.set(task, value);
    return value;
  };
  work.all.forEach(visit);
  return tail;
}

type ListRule = 'priority-path' | 'path' | 'priority-catalog' | { sample: number };

/** A small deterministic random generator (mulberry32): the same seed, the same plans. */
function randomNumbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Serial schedule generation: tasks are taken one at a time in the rule's
 * order (among those whose predecessors are placed) and each gets the
 * stretch and person that finish it soonest, even in a gap before work
 * placed earlier. So a task taken first takes its person first. Among people
 * finishing equally soon the one least in demand by the work still to place
 * goes, so that a scarce person is kept for what only they can do.
 */
function serialPlan(model: ScheduleModel, rule: ListRule): PlacedWork | Unplaceable {
  const work = newWork(model);
  const tail = tails(model, work);
  // Sampled rules bias the longest remaining path by a random factor: many near-greedy lists, one of which is often better.
  const random = typeof rule === 'object' ? randomNumbers(rule.sample) : undefined;
  const noise = new Map(work.all.map((task) => [task, random ? 1 + random() : 1]));
  const key = (task: WorkTask): number[] => {
    const path = -tail.get(task)! * noise.get(task)!;
    const order = [task.effort, task.module.order, phaseOrder.indexOf(task.phase)];
    if (rule === 'path') return [path, task.module.priority, ...order];
    if (rule === 'priority-catalog') return [task.module.priority, task.module.order, phaseOrder.indexOf(task.phase)];
    return [task.module.priority, path, ...order];
  };
  const demand = new Map(model.team.map((member) => [member.id, 0]));
  const shareOf = (task: WorkTask) => {
    const people = staticEligible(task, model.team);
    return { people, share: task.effort / Math.max(1, people.length) };
  };
  const stuck = placeStarted(model, work);
  if (stuck) return stuck;
  const pending = new Set(work.all.filter((task) => task.start === undefined));
  for (const task of pending) for (const person of shareOf(task).people) demand.set(person.id, demand.get(person.id)! + shareOf(task).share);
  while (pending.size > 0) {
    let next: WorkTask | undefined;
    for (const task of pending) {
      if (predecessorsOf(work, task).some((before) => before.end === undefined)) continue;
      if (!next || compareTuples(key(task), key(next)) < 0) next = task;
    }
    const task = next!;
    const ready = readyIndex(work, task);
    task.ready = ready;
    const { people, share } = shareOf(task);
    for (const person of people) demand.set(person.id, demand.get(person.id)! - share);
    let best: { person: TeamMember; at: { start: number; end: number } } | undefined;
    for (const person of eligibleNow(task, work, model.team)) {
      const at = work.agendas.get(person.id)!.place(task.effort, ready, startRule(model, task));
      if (!at) continue;
      if (!best || at.end < best.at.end || (at.end === best.at.end && demand.get(person.id)! < demand.get(best.person.id)! - epsilon)) best = { person, at };
    }
    if (!best) return { unplaceable: task };
    assign(work, task, best.person, best.at);
    pending.delete(task);
  }
  return work;
}

/**
 * The earlier scheduler, kept as one candidate so no plan is ever longer than
 * it gave: day by day, modules in priority then catalog order start their next
 * phase when it is ready and an eligible person is free that day (the one
 * finishing soonest, ties in team order).
 */
function parallelPlan(model: ScheduleModel): PlacedWork | Unplaceable {
  const work = newWork(model);
  const queue = [...model.modules].sort((a, b) => a.priority - b.priority || a.order - b.order);
  const stuck = placeStarted(model, work);
  if (stuck) return stuck;
  let remaining = work.all.filter((task) => task.start === undefined).length;
  for (let day = 0; remaining > 0; day++) {
    if (day > maxWorkingDays) throw new Error('scheduleTimeline: no progress (a bug: every arc should go forward in time)');
    for (const module of queue) {
      const tasks = work.byModule.get(module.slug)!;
      const task = tasks.find((candidate) => candidate.start === undefined);
      if (!task || predecessorsOf(work, task).some((before) => before.end === undefined || before.end >= day)) continue;
      if (task.ready === undefined) task.ready = readyIndex(work, task);
      const people = eligibleNow(task, work, model.team);
      if (people.every((person) => work.agendas.get(person.id)!.gone(day))) return { unplaceable: task };
      let best: { person: TeamMember; at: { start: number; end: number } } | undefined;
      for (const person of people) {
        const at = work.agendas.get(person.id)!.place(task.effort, day, startRule(model, task), true);
        if (at && (!best || at.end < best.at.end)) best = { person, at };
      }
      if (!best) continue;
      assign(work, task, best.person, best.at);
      remaining--;
    }
  }
  return work;
}

export function compareTuples(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function makespan(work: PlacedWork): number {
  return Math.max(-1, ...work.all.map((task) => task.end!));
}

/** When each priority's last module ends, highest priority first: among equally long plans, the one that finishes the important work first. */
function priorityFinishes(work: PlacedWork): number[] {
  const byPriority = new Map<number, number>();
  for (const task of work.all) byPriority.set(task.module.priority, Math.max(byPriority.get(task.module.priority) ?? -1, task.end!));
  return [...byPriority.entries()].sort((a, b) => a[0] - b[0]).map(([, end]) => end);
}

/** The sum of every module's finish: smaller when modules are finished one after another rather than all at the end. */
function totalFinish(work: PlacedWork): number {
  return [...work.byModule.values()].reduce((sum, tasks) => sum + (tasks.at(-1)?.end ?? 0), 0);
}

/**
 * The plan: several schedule generation rules are tried and the shortest plan
 * wins; among equally short ones, the one finishing higher priorities first,
 * then the one finishing modules earliest on average, then the first rule
 * (priority, then longest remaining path).
 */
export function searchPlan(model: ScheduleModel, samples = 16): PlacedWork | Unplaceable {
  const rules: ListRule[] = ['priority-path', 'path', 'priority-catalog', ...Array.from({ length: samples }, (_, index) => ({ sample: index + 1 }))];
  const candidates = [...rules.map((rule) => serialPlan(model, rule)), parallelPlan(model)];
  const plans = candidates.filter((candidate): candidate is PlacedWork => !('unplaceable' in candidate));
  if (plans.length === 0) return candidates[0]!;
  return plans.reduce((best, plan) => {
    const order = makespan(plan) - makespan(best) || compareTuples(priorityFinishes(plan), priorityFinishes(best)) || totalFinish(plan) - totalFinish(best);
    return order < 0 ? plan : best;
  });
}
