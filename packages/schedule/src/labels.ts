import type { Phase, PlannedTask, SchedulePlan } from './types.js';

/** The seed's names for a phase's work ("Load Balancing Module", "Load Balancing Exam"). */
export const phaseLabels: Record<Phase, string> = {
  research: 'Research',
  outline: 'Outline',
  content: 'Module',
  exam: 'Exam',
  review: 'Review',
};

/** A task's name in the chart and the calendar; the person is named only when there is more than one. */
export function taskLabel(task: PlannedTask, plan: Pick<SchedulePlan, 'people'>): string {
  const name = `${task.title} ${phaseLabels[task.phase]}`;
  return plan.people.length > 1 ? `${name} (${task.person})` : name;
}
