import type { VFile } from 'vfile';
import { isoDate, sprintOf } from './calendar.js';
import { compareTuples, searchPlan, type Agenda, type PlacedWork, type WorkTask } from './plan-search.js';
import { readScheduleInput, type ScheduleModel } from './read-input.js';
import { phaseOrder, type PlannedTask, type ScheduleInput, type ScheduleOptions, type SchedulePlan, type WaitReason } from './types.js';

export interface ScheduleResult {
  /** The plan, when the input has no errors. */
  plan?: SchedulePlan | undefined;
  /** Content diagnostics, one VFile per source file that has any. */
  problems: VFile[];
}

/**
 * Plans the remaining authoring work from the status date: the shortest of
 * several schedule generation rules (see plan-search.ts), so ties are
 * deterministic and nobody is double-booked, on leave or writing and
 * reviewing the same module. Work that the plan from `timeline.start` put
 * before the status date and that is not done is reported late.
 */
export function scheduleTimeline(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleResult {
  const { model, reporter } = readScheduleInput(input, options);
  if (!model) return { problems: reporter.files };
  const work = searchPlan(model);
  if ('unplaceable' in work) {
    const task = work.unplaceable;
    reporter.atCatalog('/timeline/team', 'no-assignee', `nobody on the team is available for ${task.id} from ${model.calendar.dateAt(0)} on (joining, leaving and leave dates)`, {
      hint: 'add someone to timeline.team or move a `leaves` date',
    });
    return { problems: reporter.files };
  }
  const plan = toPlan(model, work, lateTasks(input, options, model));
  reportLate(model, plan);
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

/**
 * Task ids the plan from `timeline.start` ends before the status date, with
 * that end: remaining work that should be done by now.
 */
function lateTasks(input: ScheduleInput, options: ScheduleOptions, model: ScheduleModel): Map<string, string> {
  if (model.from <= model.start) return new Map();
  const { status_date: _statusDate, ...timeline } = input.catalog.timeline;
  const original = scheduleTimeline({ ...input, catalog: { ...input.catalog, timeline } }, { ...options, statusDate: undefined });
  const statusDate = isoDate(model.from);
  return new Map((original.plan?.tasks ?? []).filter((task) => task.end < statusDate).map((task) => [task.id, task.end]));
}

function reportLate(model: ScheduleModel, plan: SchedulePlan): void {
  const late = plan.tasks.filter((task) => task.lateSince !== undefined);
  if (late.length === 0) return;
  const pointer = model.statusDate.source === 'catalog' ? '/timeline/status_date' : '/timeline/start';
  model.reporter.atCatalog(
    pointer,
    'schedule-late',
    `${late.length} task(s) planned to end before the status date ${plan.statusDate.date} are not done: ${late
      .slice(0, 5)
      .map((task) => `${task.id} (due ${task.lateSince}, now ends ${task.end})`)
      .join(', ')}${late.length > 5 ? ', …' : ''}`,
    { severity: 'warning', hint: 'move the modules on (status), record actual dates, or re-baseline the plan' },
  );
}

/**
 * Why a task started after it was ready: the working days its person was
 * busy with other tasks or away, the days spent waiting for a sprint start,
 * and the rest: free days too few to hold the task before the person's next one.
 */
function waitReasons(model: ScheduleModel, task: WorkTask, personTasks: readonly WorkTask[], agenda: Agenda): WaitReason[] {
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
  let away = 0;
  for (let index = ready; index < start; index++) if (!agenda.isBusy(index) && agenda.capacityAt(index) === 0) away++;
  if (away > 0) reasons.push({ kind: 'unavailable', person: task.person!.id, days: away });
  const rest = start - ready - busyDays - away;
  if (rest > 0) {
    if (task.first && model.align === 'sprint') reasons.push({ kind: 'sprint', sprint: sprintOf(calendar.dayAt(start), model.start, model.sprintDays) + 1, days: rest });
    else reasons.push({ kind: 'gap', person: task.person!.id, days: rest });
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
        case 'unavailable':
          return `${reason.person} away (leave, not yet joined) for ${reason.days} working day(s)`;
        case 'gap':
          return `${reason.person}'s free days before their next task were too few for ${reason.days} working day(s)`;
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

function weekIndex(day: string): number {
  return (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).indexOf(day as 'mon');
}

function toPlan(model: ScheduleModel, work: PlacedWork, late: ReadonlyMap<string, string>): SchedulePlan {
  const { calendar } = model;
  const key = (task: WorkTask) => [task.start!, task.module.priority, task.module.order, phaseOrder.indexOf(task.phase)];
  const ordered = [...work.all].sort((a, b) => compareTuples(key(a), key(b)));
  const byPerson = new Map<string, WorkTask[]>(model.team.map((member) => [member.id, []]));
  for (const task of ordered) byPerson.get(task.person!.id)!.push(task);
  const planEnd = Math.max(-1, ...ordered.map((task) => task.end!));
  const slack = slackOf(work, byPerson, planEnd);
  const sprintNumber = (index: number) => sprintOf(calendar.dayAt(index), model.start, model.sprintDays) + 1;
  const tasks: PlannedTask[] = ordered.map((task) => {
    const waited = waitReasons(model, task, byPerson.get(task.person!.id)!, work.agendas.get(task.person!.id)!);
    return {
      id: task.id,
      module: task.module.slug,
      title: task.module.title,
      phase: task.phase,
      person: task.person!.id,
      start: task.actual ? isoDate(task.actual.started) : calendar.dateAt(task.start!),
      end: calendar.dateAt(task.end!),
      workingDays: task.end! - task.start! + 1 + (task.actual?.daysBefore ?? 0),
      ...(task.actual ? { actualStart: isoDate(task.actual.started) } : {}),
      effort: task.effort,
      sprint: sprintNumber(task.start!),
      slack: slack.get(task)!,
      critical: slack.get(task) === 0,
      waited,
      why: describeWait(waited),
      ...(late.has(task.id) ? { lateSince: late.get(task.id)! } : {}),
    };
  });
  // Sprints keep their numbers from timeline.start; the list runs from the one holding the status date.
  const firstSprint = sprintOf(model.from, model.start, model.sprintDays) + 1;
  const lastSprint = planEnd < 0 ? firstSprint - 1 : sprintNumber(planEnd);
  const sprints = Array.from({ length: lastSprint - firstSprint + 1 }, (_, index) => {
    const number = firstSprint + index;
    return {
      number,
      start: isoDate(model.start + (number - 1) * model.sprintDays),
      end: isoDate(model.start + number * model.sprintDays - 1),
      tasks: tasks.filter((task) => task.sprint === number).map((task) => task.id),
    };
  });
  return {
    title: model.title,
    start: isoDate(model.from),
    statusDate: model.statusDate,
    end: planEnd < 0 ? isoDate(model.from) : calendar.dateAt(planEnd),
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
      return {
        id: member.id,
        roles: [...member.roles],
        capacity: member.capacity,
        tasks: own.map((task) => task.id),
        busyDays: own.reduce((sum, task) => sum + task.end! - task.start! + 1, 0),
        leave: member.leave.map((range) => ({ from: isoDate(range.from), to: isoDate(range.to) })),
        ...(member.joins !== undefined ? { joins: isoDate(member.joins) } : {}),
        ...(member.leaves !== undefined ? { leaves: isoDate(member.leaves) } : {}),
      };
    }),
    done: model.modules.filter((module) => module.phases.length === 0).map((module) => module.slug),
  };
}
