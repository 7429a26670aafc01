import { readScheduleInput, reviewersFor, type ModuleWork, type ScheduleModel, type TeamMember } from './read-input.js';
import { phaseOrder, type Phase, type ScheduleInput, type ScheduleOptions } from './types.js';

/**
 * The scheduler as it was before the plan search (issue 20), kept only as the
 * yardstick of the property tests: a new plan must never be longer than this
 * one. Returns its length in working days (0 when nothing remains).
 */
export function legacyWorkingDays(input: ScheduleInput, options: ScheduleOptions = {}): number | undefined {
  const { model } = readScheduleInput(input, options);
  if (!model) return undefined;
  return legacyPlacement(model);
}

interface LegacyTask {
  module: ModuleWork;
  phase: Phase;
  effort: number;
  first: boolean;
  start?: number;
  end?: number;
}

function legacyPlacement(model: ScheduleModel): number {
  const byModule = new Map(model.modules.map((module) => [module.slug, module.phases.map((phase, index): LegacyTask => ({ module, phase, effort: module.effort[phase], first: index === 0 }))]));
  const limit = phaseOrder.indexOf(model.dependencyPhase);
  const gates = new Map([...byModule].map(([slug, tasks]) => [slug, tasks.filter((task) => phaseOrder.indexOf(task.phase) <= limit).at(-1)]));
  const queue = [...model.modules].sort((a, b) => a.priority - b.priority || a.order - b.order);
  const freeFrom = new Map(model.team.map((member) => [member.id, 0]));
  const duration = (effort: number, capacity: number) => Math.max(1, Math.ceil(effort / capacity - 1e-9));
  const sprintStart = (index: number) =>
    index === 0 || Math.floor((model.calendar.dayAt(index - 1) - model.start) / model.sprintDays) !== Math.floor((model.calendar.dayAt(index) - model.start) / model.sprintDays);
  let remaining = [...byModule.values()].flat().length;
  let end = -1;
  for (let day = 0; remaining > 0; day++) {
    for (const module of queue) {
      const tasks = byModule.get(module.slug)!;
      const index = tasks.findIndex((task) => task.start === undefined);
      if (index < 0) continue;
      const task = tasks[index]!;
      const previous = tasks[index - 1];
      if (
        previous
          ? previous.end === undefined || previous.end >= day
          : module.dependsOn.some((slug) => {
              const gate = gates.get(slug);
              return gate !== undefined && (gate.end === undefined || gate.end >= day);
            })
      )
        continue;
      if (task.first && model.align === 'sprint' && !sprintStart(day)) continue;
      const people: TeamMember[] =
        task.phase === 'review'
          ? reviewersFor(module, model.team)
          : module.authors.length > 0
            ? module.authors.map((id) => model.team.find((member) => member.id === id)!)
            : model.team.filter((member) => member.roles.includes('author'));
      let best: TeamMember | undefined;
      for (const person of people) if (freeFrom.get(person.id)! <= day && (!best || duration(task.effort, person.capacity) < duration(task.effort, best.capacity))) best = person;
      if (!best) continue;
      task.start = day;
      task.end = day + duration(task.effort, best.capacity) - 1;
      freeFrom.set(best.id, task.end + 1);
      end = Math.max(end, task.end);
      remaining--;
    }
  }
  return end + 1;
}
