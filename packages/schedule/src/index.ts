export { scheduleTimeline, describeWait, type ScheduleResult } from './schedule.js';
export { scheduleInputFromCollection } from './collection-input.js';
export { remainingPhases } from './remaining-phases.js';
export { dependencyCycles } from './read-input.js';
export { toMermaidGantt, mermaidExcludes } from './mermaid-gantt.js';
export { toICalendar } from './icalendar.js';
export { toCsv, csvColumns } from './csv.js';
export { toJson } from './json.js';
export { toHtml } from './html.js';
export { toGanttSvg, phaseColours } from './gantt-svg.js';
export { toBaseline, withBaseline, type ScheduleBaseline } from './baseline.js';
export { workingStretches } from './icalendar.js';
export { formatScheduleTable } from './table.js';
export { phaseLabels, taskLabel } from './labels.js';
export { emitSchedule, screenshotSvg, scheduleFileNames, type EmitScheduleOptions, type EmitScheduleResult } from './emit.js';
export {
  defaultEfforts,
  phaseOrder,
  type Phase,
  type PlannedTask,
  type PersonLoad,
  type PointerLookup,
  type ScheduleInput,
  type ScheduleModule,
  type ScheduleOptions,
  type SchedulePlan,
  type ScheduleSources,
  type SourceFile,
  type Sprint,
  type WaitReason,
} from './types.js';
export { scheduleEmitter } from './emitter.js';
