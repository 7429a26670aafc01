import type { Place } from '@pattern-press/diagnostics';
import type { Effort, PatternCatalog, Status } from '@pattern-press/schema';

/** The authoring phases, in the order they are done. */
export const phaseOrder = ['research', 'outline', 'content', 'exam', 'review'] as const;
export type Phase = (typeof phaseOrder)[number];

/** The seed's efforts, in working days, for a module that states none. */
export const defaultEfforts: Effort = { research: 1, outline: 1, content: 3, exam: 2, review: 1 };

/** Anything that maps a JSON pointer to a source place: ParsedCatalog.pointers and ParsedModule.pointers fit. */
export interface PointerLookup {
  lookup(pointer: string): { value: Place } | undefined;
}

/** Where a document was written, so diagnostics point at the exact YAML value. */
export interface SourceFile {
  path: string;
  pointers?: PointerLookup | undefined;
}

/** What the scheduler reads of a module document; a PatternModule fits. */
export interface ScheduleModule {
  slug: string;
  title: string;
  status: Status;
  authors: readonly string[];
  effort?: Partial<Effort> | undefined;
  priority?: number | undefined;
  depends_on?: readonly string[] | undefined;
  exam?: { questions: readonly unknown[] } | undefined;
  /** Actual dates per phase (front matter `progress`). */
  progress?: Partial<Record<Phase, { started: string; finished?: string | undefined; by?: string | undefined }>> | undefined;
}

/**
 * The scheduler's input. A Publication fits as it is (catalog, modules, root);
 * `sources` adds the parsed files' pointers so diagnostics carry positions.
 */
export interface ScheduleInput {
  catalog: PatternCatalog;
  modules: readonly ScheduleModule[];
  /** The modules/ folder: diagnostics go on `<root>/catalog.yaml` and `<root>/<slug>/module.md` unless `sources` says otherwise. */
  root?: string | undefined;
  sources?: ScheduleSources | undefined;
}

export interface ScheduleSources {
  catalog?: SourceFile | undefined;
  /** By slug. */
  modules?: ReadonlyMap<string, SourceFile> | undefined;
}

export interface ScheduleOptions {
  /** Which phases to plan (default: all five); the others count as done or out of scope. */
  phases?: readonly Phase[] | undefined;
  /**
   * `sprint`: a module's first remaining phase starts on the first working day
   * of a sprint (sprint planning commits whole modules); later phases follow
   * as soon as possible. `none` (default): everything as soon as possible.
   */
  align?: 'none' | 'sprint' | undefined;
  /** Gantt and calendar title. */
  title?: string | undefined;
  /**
   * The status date (YYYY-MM-DD) when the catalog sets no `timeline.status_date`
   * (`press schedule --now`). Without either the plan starts at `timeline.start`.
   */
  statusDate?: string | undefined;
  /**
   * The caller's checks already reported unknown dependencies and dependency
   * cycles (press's check pipeline does): they are not reported again, and a
   * graph with a cycle still gets no plan.
   */
  dependenciesChecked?: boolean | undefined;
}

/** Why a task started later than the plan's start. */
export type WaitReason =
  | { kind: 'dependency'; module: string; phase: Phase; task: string; until: string }
  | { kind: 'busy'; person: string; tasks: string[]; days: number }
  | { kind: 'sprint'; sprint: number; days: number }
  | { kind: 'unavailable'; person: string; days: number }
  | { kind: 'gap'; person: string; days: number };

export interface PlannedTask {
  /** `<slug>-<phase>`: stable across runs (Mermaid id, iCalendar UID). */
  id: string;
  module: string;
  title: string;
  phase: Phase;
  person: string;
  /** First and last working day, YYYY-MM-DD (the end is inclusive). */
  start: string;
  end: string;
  /** Working days spanned: effort / the person's capacity, rounded up. */
  workingDays: number;
  effort: number;
  /** 1-based sprint the task starts in. */
  sprint: number;
  /** Working days the task can slip without moving the plan's end. */
  slack: number;
  critical: boolean;
  waited: WaitReason[];
  /** `waited` in words, empty when the task did not wait. */
  why: string;
  /** The end the plan from `timeline.start` gave it, when that is before the status date: the task is late. */
  lateSince?: string | undefined;
  /** The actual first day, when the phase was started before the status date (front matter `progress`). */
  actualStart?: string | undefined;
  /** Against a baseline (`withBaseline`): its end there, and the working days the end moved (positive: later). */
  baselineEnd?: string | undefined;
  slip?: number | undefined;
}

export interface Sprint {
  number: number;
  /** Calendar days, inclusive. */
  start: string;
  end: string;
  tasks: string[];
}

export interface PersonLoad {
  id: string;
  roles: string[];
  capacity: number;
  tasks: string[];
  /** Working days booked. */
  busyDays: number;
  /** Days off (the catalog's `leave`), inclusive date ranges. */
  leave: { from: string; to: string }[];
  /** First and last day on the plan, when the catalog sets them. */
  joins?: string | undefined;
  leaves?: string | undefined;
}

export interface SchedulePlan {
  title: string;
  /** The first working day on or after the status date: nothing is planned before it. */
  start: string;
  /** The day the plan was made on and where that date came from (`start`: timeline.start, the reproducible default). */
  statusDate: { date: string; source: 'catalog' | 'option' | 'start' };
  /** The last working day of the last task (the start when nothing remains). */
  end: string;
  /** Working days from the start to the end. */
  workingDays: number;
  calendar: { workingDays: string[]; holidays: string[] };
  sprintDays: number;
  dependencyPhase: Phase;
  phases: Phase[];
  align: 'none' | 'sprint';
  /** In start order; ties in priority, then catalog, then phase order. */
  tasks: PlannedTask[];
  sprints: Sprint[];
  /** Task ids with no slack, in start order. */
  criticalPath: string[];
  people: PersonLoad[];
  /** Modules with nothing left to plan (published, or every planned phase done). */
  done: string[];
  /** Set by `withBaseline`: the saved plan compared with and the slip of the whole plan and of each module, in working days. */
  baseline?: { name: string; statusDate: string; end: string; slip: number; modules: { module: string; baselineEnd: string; end: string; slip: number }[] } | undefined;
}
