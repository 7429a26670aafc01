import { didYouMean, report, type Place, type RelatedPlace } from '@pattern-press/diagnostics';
import type { Effort, Status } from '@pattern-press/schema';
import path from 'node:path';
import { VFile } from 'vfile';
import { dayNumber, WorkingCalendar, weekdayNames, type Weekday } from './calendar.js';
import { remainingPhases } from './remaining-phases.js';
import { defaultEfforts, phaseOrder, type Phase, type ScheduleInput, type ScheduleModule, type ScheduleOptions, type SourceFile } from './types.js';

export interface TeamMember {
  id: string;
  roles: readonly string[];
  /** Share of a working day, outside part-time periods. */
  capacity: number;
  /** Calendar day numbers (days since 1970-01-01), inclusive; undefined: open-ended. */
  joins?: number | undefined;
  leaves?: number | undefined;
  leave: readonly { from: number; to: number }[];
  partTime: readonly { from: number; to: number; capacity: number }[];
}

/** The share of calendar day `day` a person can work: 0 before joining, after leaving and on leave. */
export function capacityOnDay(member: TeamMember, day: number): number {
  if ((member.joins !== undefined && day < member.joins) || (member.leaves !== undefined && day > member.leaves)) return 0;
  if (member.leave.some((range) => range.from <= day && day <= range.to)) return 0;
  return member.partTime.find((period) => period.from <= day && day <= period.to)?.capacity ?? member.capacity;
}

/** One module's remaining work, normalized. */
export interface ModuleWork {
  slug: string;
  title: string;
  priority: number;
  /** Catalog order; modules missing from the catalog come after, by slug. */
  order: number;
  authors: readonly string[];
  effort: Effort;
  dependsOn: readonly string[];
  /** Remaining phases that are planned, in order. */
  phases: Phase[];
  /** The first remaining phase when the front matter says it was started: it keeps its person and first day. */
  inProgress?: { phase: Phase; started: number; by: string | undefined } | undefined;
}

export interface ScheduleModel {
  title: string;
  /** timeline.start: sprints are counted from it. */
  start: number;
  /** The status date: nothing is planned before it. The calendar's working day 0 is its first working day. */
  from: number;
  statusDate: { date: string; source: 'catalog' | 'option' | 'start' };
  calendar: WorkingCalendar;
  sprintDays: number;
  horizonDays: number | undefined;
  dependencyPhase: Phase;
  phases: Phase[];
  align: 'none' | 'sprint';
  team: TeamMember[];
  modules: ModuleWork[];
  /** Where horizon problems are reported, once the plan is known. */
  reporter: Reporter;
}

/** Diagnostics of one run, one VFile per source file, created on first use. */
export class Reporter {
  readonly #files = new Map<string, VFile>();
  constructor(
    readonly catalog: SourceFile,
    readonly moduleSource: (slug: string) => SourceFile,
  ) {}

  fileFor(source: SourceFile): VFile {
    let file = this.#files.get(source.path);
    if (!file) {
      file = new VFile({ path: source.path });
      this.#files.set(source.path, file);
    }
    return file;
  }

  placeIn(source: SourceFile, pointer: string): Place | undefined {
    return source.pointers?.lookup(pointer)?.value;
  }

  atCatalog(pointer: string, rule: Parameters<typeof report>[1], reason: string, extra: { hint?: string | undefined; cause?: RelatedPlace[]; expected?: string[]; severity?: 'error' | 'warning' } = {}): void {
    report(this.fileFor(this.catalog), rule, reason, { place: this.placeIn(this.catalog, pointer), ...extra });
  }

  atModule(slug: string, pointer: string, rule: Parameters<typeof report>[1], reason: string, extra: { hint?: string | undefined } = {}): void {
    const source = this.moduleSource(slug);
    report(this.fileFor(source), rule, reason, { place: this.placeIn(source, pointer), ...extra });
  }

  get files(): VFile[] {
    return [...this.#files.values()].filter((file) => file.messages.length > 0);
  }

  get hasErrors(): boolean {
    return this.files.some((file) => file.messages.some((message) => message.fatal === true));
  }
}

const defaultTitle = 'Authoring timeline';
const statuses: readonly Status[] = ['research', 'outline', 'draft', 'review', 'published'];

/**
 * Reads the catalog and the module documents into what the scheduler needs,
 * reporting every problem that makes a plan impossible. The model is returned
 * only when there is none.
 */
export function readScheduleInput(input: ScheduleInput, options: ScheduleOptions = {}): { model?: ScheduleModel; reporter: Reporter } {
  const root = input.root ?? '.';
  const catalogSource = input.sources?.catalog ?? { path: path.join(root, 'catalog.yaml') };
  const reporter = new Reporter(catalogSource, (slug) => input.sources?.modules?.get(slug) ?? { path: path.join(root, slug, 'module.md') });
  const phases = selectedPhases(options.phases);
  const timeline = input.catalog.timeline;

  const start = dayNumber(timeline.start);
  if (start === undefined) {
    reporter.atCatalog('/timeline/start', 'schema-format', `start \`${String(timeline.start)}\` is not a date`, { hint: 'write it as YYYY-MM-DD, e.g. 2025-02-03' });
  }
  const status = statusDateOf(timeline.status_date, options.statusDate, timeline.start);
  const statusDay = dayNumber(status.date);
  if (statusDay === undefined) {
    if (status.source === 'catalog') reporter.atCatalog('/timeline/status_date', 'schema-format', `status_date \`${status.date}\` is not a date`, { hint: 'write it as YYYY-MM-DD' });
    else if (status.source === 'option') throw new Error(`statusDate \`${status.date}\` is not a YYYY-MM-DD date`);
  }
  const workingDays = readWorkingDays(timeline.calendar?.working_days, reporter);
  const holidays = new Set<number>();
  (timeline.calendar?.holidays ?? []).forEach((holiday, index) => {
    const day = dayNumber(holiday);
    if (day === undefined) reporter.atCatalog(`/timeline/calendar/holidays/${index}`, 'schema-format', `holiday \`${String(holiday)}\` is not a date`, { hint: 'write it as YYYY-MM-DD' });
    else holidays.add(day);
  });
  const sprintDays = timeline.sprint_days ?? 7;
  if (!Number.isInteger(sprintDays) || sprintDays < 1) {
    reporter.atCatalog('/timeline/sprint_days', 'schema-value', `sprint_days must be a whole number of days, at least 1 (got ${String(sprintDays)})`);
  }
  const horizonDays = timeline.horizon_days;
  if (horizonDays !== undefined && (!Number.isInteger(horizonDays) || horizonDays < 1)) {
    reporter.atCatalog('/timeline/horizon_days', 'schema-value', `horizon_days must be a whole number of days, at least 1 (got ${String(horizonDays)})`);
  }
  const dependencyPhase = timeline.dependency_phase ?? 'review';
  if (!phaseOrder.includes(dependencyPhase)) {
    reporter.atCatalog('/timeline/dependency_phase', 'schema-enum', `dependency_phase \`${String(dependencyPhase)}\` is not a phase`, { expected: [...phaseOrder] });
  }

  const team = readTeam(timeline.team ?? [], reporter);
  const modules = readModules(input, phases, team, reporter);
  // Checked by the caller (press's check pipeline reports them once, on the catalog): only refuse to plan what has no order.
  const unplannable = options.dependenciesChecked === true ? hasNoOrder(modules) : checkDependencies(input, modules, reporter);
  checkStaffing(modules, team, reporter);

  if (reporter.hasErrors || unplannable || start === undefined || statusDay === undefined) return { reporter };
  const from = Math.max(start, statusDay);
  return {
    reporter,
    model: {
      title: options.title ?? defaultTitle,
      start,
      from,
      statusDate: status,
      calendar: new WorkingCalendar(from, workingDays, holidays),
      sprintDays,
      horizonDays,
      dependencyPhase,
      phases,
      align: options.align ?? 'none',
      team,
      modules,
      reporter,
    },
  };
}

/** The catalog's status_date, else the caller's (`press schedule --now`), else the timeline's start: builds stay reproducible. */
function statusDateOf(catalog: string | undefined, option: string | undefined, start: string): ScheduleModel['statusDate'] {
  if (catalog !== undefined) return { date: catalog, source: 'catalog' };
  if (option !== undefined) return { date: option, source: 'option' };
  return { date: start, source: 'start' };
}

function selectedPhases(phases: readonly Phase[] | undefined): Phase[] {
  if (phases === undefined) return [...phaseOrder];
  for (const phase of phases) if (!phaseOrder.includes(phase)) throw new Error(`unknown phase \`${String(phase)}\`: use ${phaseOrder.join(', ')}`);
  return phaseOrder.filter((phase) => phases.includes(phase));
}

function readWorkingDays(names: readonly string[] | undefined, reporter: Reporter): Set<Weekday> {
  const days = new Set<Weekday>();
  (names ?? []).forEach((name, index) => {
    if ((weekdayNames as readonly string[]).includes(name)) days.add(name as Weekday);
    else reporter.atCatalog(`/timeline/calendar/working_days/${index}`, 'schema-enum', `\`${String(name)}\` is not a weekday`, { expected: [...weekdayNames], hint: didYouMean(String(name), weekdayNames) });
  });
  if (days.size === 0) {
    reporter.atCatalog('/timeline/calendar/working_days', 'calendar-no-working-day', 'the calendar has no working day: nothing can ever be scheduled', { hint: 'list the working weekdays, e.g. [mon, tue, wed, thu, fri]' });
  }
  return days;
}

type CatalogMember = NonNullable<ScheduleInput['catalog']['timeline']['team']>[number];

function readTeam(members: readonly CatalogMember[], reporter: Reporter): TeamMember[] {
  const seen = new Set<string>();
  const team: TeamMember[] = [];
  members.forEach((member, index) => {
    const at = `/timeline/team/${index}`;
    const capacity = member.capacity ?? 1;
    if (!validCapacity(capacity)) {
      reporter.atCatalog(`${at}/capacity`, 'schema-value', `capacity of \`${member.id}\` must be more than 0 and at most 1 (a share of a working day), got ${String(capacity)}`);
      return;
    }
    const date = (pointer: string, text: string | undefined): number | undefined => {
      if (text === undefined) return undefined;
      const day = dayNumber(text);
      if (day === undefined) reporter.atCatalog(pointer, 'schema-format', `\`${String(text)}\` is not a date`, { hint: 'write it as YYYY-MM-DD' });
      return day;
    };
    const range = (pointer: string, value: { from: string; to: string }): { from: number; to: number } | undefined => {
      const [from, to] = [date(`${pointer}/from`, value.from), date(`${pointer}/to`, value.to)];
      if (from === undefined || to === undefined) return undefined;
      if (from > to) {
        reporter.atCatalog(`${pointer}/to`, 'schema-value', `\`${value.to}\` is before \`${value.from}\`: a period ends on or after its first day`);
        return undefined;
      }
      return { from, to };
    };
    const leave = (member.leave ?? []).flatMap((value, i) => range(`${at}/leave/${i}`, value) ?? []);
    const partTime = (member.part_time ?? []).flatMap((value, i) => {
      const period = range(`${at}/part_time/${i}`, value);
      if (!validCapacity(value.capacity)) {
        reporter.atCatalog(`${at}/part_time/${i}/capacity`, 'schema-value', `capacity must be more than 0 and at most 1, got ${String(value.capacity)}`);
        return [];
      }
      return period ? [{ ...period, capacity: value.capacity }] : [];
    });
    const [joins, leaves] = [date(`${at}/joins`, member.joins), date(`${at}/leaves`, member.leaves)];
    if (joins !== undefined && leaves !== undefined && leaves < joins) {
      reporter.atCatalog(`${at}/leaves`, 'schema-value', `\`${member.id}\` leaves (${String(member.leaves)}) before joining (${String(member.joins)})`);
    }
    if (seen.has(member.id)) return;
    seen.add(member.id);
    team.push({ id: member.id, roles: member.roles ?? [], capacity, joins, leaves, leave, partTime });
  });
  return team;
}

function validCapacity(capacity: unknown): capacity is number {
  return typeof capacity === 'number' && capacity > 0 && capacity <= 1;
}

function readModules(input: ScheduleInput, phases: readonly Phase[], team: readonly TeamMember[], reporter: Reporter): ModuleWork[] {
  const entries = new Map(input.catalog.patterns.map((pattern, index) => [pattern.slug, { pattern, index }]));
  const documents = new Map(input.modules.map((module) => [module.slug, module]));
  const teamIds = new Set(team.map((member) => member.id));
  const slugs = [...entries.keys(), ...[...documents.keys()].filter((slug) => !entries.has(slug)).sort()];
  return slugs.map((slug, order) => {
    const entry = entries.get(slug);
    const document = documents.get(slug);
    // A catalog entry without a module yet is work not started: the whole module remains.
    let status = document?.status ?? 'research';
    if (!statuses.includes(status)) {
      reporter.atModule(slug, '/status', 'schema-enum', `status \`${String(status)}\` is not a lifecycle status`, {});
      status = 'research';
    }
    const effort = { ...defaultEfforts, ...definedValues(document?.effort) };
    for (const phase of phaseOrder) {
      const days = effort[phase];
      if (!(typeof days === 'number' && Number.isFinite(days) && days > 0)) {
        reporter.atModule(slug, `/effort/${phase}`, 'schema-value', `effort for ${phase} must be more than 0 days, got ${String(days)}`);
      }
    }
    const authors = document?.authors ?? [];
    authors.forEach((author, index) => {
      if (!teamIds.has(author)) reporter.atModule(slug, `/authors/${index}`, 'unknown-person', `author \`${author}\` is not in the catalog's team`, { hint: didYouMean(author, teamIds) });
    });
    const { phases: remaining, inProgress } = progressed(slug, remainingPhases(status, document?.exam).filter((phase) => phases.includes(phase)), document?.progress, teamIds, reporter);
    return {
      slug,
      title: document?.title ?? entry?.pattern.title ?? slug,
      priority: entry?.pattern.priority ?? document?.priority ?? Number.MAX_SAFE_INTEGER,
      order,
      authors,
      effort,
      dependsOn: entry?.pattern.depends_on ?? document?.depends_on ?? [],
      phases: remaining,
      ...(inProgress ? { inProgress } : {}),
    };
  });
}

/**
 * The remaining phases after the front matter's actual dates: a finished
 * phase is done, and so is every phase before the first one started; the
 * first started, unfinished phase is in progress.
 */
function progressed(slug: string, phases: Phase[], progress: ScheduleModule['progress'], teamIds: ReadonlySet<string>, reporter: Reporter): Pick<ModuleWork, 'phases' | 'inProgress'> {
  if (!progress) return { phases };
  const dates: Partial<Record<Phase, { started: number; finished?: number | undefined; by?: string | undefined }>> = {};
  for (const phase of phaseOrder) {
    const entry = progress[phase];
    if (!entry) continue;
    const started = dayNumber(entry.started);
    const finished = entry.finished === undefined ? undefined : dayNumber(entry.finished);
    if (started === undefined) reporter.atModule(slug, `/progress/${phase}/started`, 'schema-format', `\`${String(entry.started)}\` is not a date`, { hint: 'write it as YYYY-MM-DD' });
    else if (entry.finished !== undefined && finished === undefined) reporter.atModule(slug, `/progress/${phase}/finished`, 'schema-format', `\`${String(entry.finished)}\` is not a date`, { hint: 'write it as YYYY-MM-DD' });
    else if (finished !== undefined && finished < started) reporter.atModule(slug, `/progress/${phase}/finished`, 'schema-value', `finished (${entry.finished}) is before started (${entry.started})`);
    else {
      if (entry.by !== undefined && !teamIds.has(entry.by)) reporter.atModule(slug, `/progress/${phase}/by`, 'unknown-person', `\`${entry.by}\` is not in the catalog's team`, { hint: didYouMean(entry.by, teamIds) });
      dates[phase] = { started, finished, by: entry.by };
    }
  }
  const firstStarted = phaseOrder.findIndex((phase) => dates[phase] !== undefined);
  const remaining = phases.filter((phase) => phaseOrder.indexOf(phase) >= firstStarted && dates[phase]?.finished === undefined);
  const first = remaining[0];
  const open = first === undefined ? undefined : dates[first];
  return { phases: remaining, ...(first && open ? { inProgress: { phase: first, started: open.started, by: open.by } } : {}) };
}

function definedValues<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Each module's dependencies on modules the schedule knows. */
function dependencyGraph(modules: readonly ModuleWork[]): Map<string, string[]> {
  const known = new Set(modules.map((module) => module.slug));
  return new Map(modules.map((module) => [module.slug, module.dependsOn.filter((dependency) => known.has(dependency))]));
}

/** Whether a dependency is unknown or the dependencies form a cycle: no order of work satisfies either. */
function hasNoOrder(modules: readonly ModuleWork[]): boolean {
  const known = new Set(modules.map((module) => module.slug));
  return modules.some((module) => module.dependsOn.some((dependency) => !known.has(dependency))) || dependencyCycles(dependencyGraph(modules)).length > 0;
}

/** Reports unknown dependencies and cycles; true when there is either. */
function checkDependencies(input: ScheduleInput, modules: readonly ModuleWork[], reporter: Reporter): boolean {
  const known = new Set(modules.map((module) => module.slug));
  const catalogIndex = new Map(input.catalog.patterns.map((pattern, index) => [pattern.slug, index]));
  const edgePointer = (from: string, to: string): { inCatalog: boolean; pointer: string } => {
    const index = catalogIndex.get(from);
    const module = modules.find((candidate) => candidate.slug === from)!;
    const position = module.dependsOn.indexOf(to);
    return index === undefined ? { inCatalog: false, pointer: `/depends_on/${position}` } : { inCatalog: true, pointer: `/patterns/${index}/depends_on/${position}` };
  };
  const reportAtEdge = (from: string, to: string, rule: 'unknown-module' | 'dependency-cycle', reason: string, extra: { hint?: string | undefined; cause?: RelatedPlace[] } = {}) => {
    const { inCatalog, pointer } = edgePointer(from, to);
    if (inCatalog) reporter.atCatalog(pointer, rule, reason, extra);
    else reporter.atModule(from, pointer, rule, reason, extra);
  };
  const placeOfEdge = (from: string, to: string): RelatedPlace => {
    const { inCatalog, pointer } = edgePointer(from, to);
    const source = inCatalog ? reporter.catalog : reporter.moduleSource(from);
    return { path: source.path, place: reporter.placeIn(source, pointer), reason: `${from} depends on ${to}` };
  };
  let unknown = false;
  for (const module of modules) {
    for (const dependency of module.dependsOn) {
      if (!known.has(dependency)) {
        unknown = true;
        reportAtEdge(module.slug, dependency, 'unknown-module', `\`${module.slug}\` depends on \`${dependency}\`, which is not in the catalog`, { hint: didYouMean(dependency, known) });
      }
    }
  }
  const cycles = dependencyCycles(dependencyGraph(modules));
  for (const cycle of cycles) {
    const edges = cycle.map((from, index) => [from, cycle[(index + 1) % cycle.length]!] as const);
    const [first, ...others] = edges;
    reportAtEdge(first![0], first![1], 'dependency-cycle', `dependency cycle: ${[...cycle, cycle[0]].join(' → ')}`, {
      hint: 'remove one of the edges',
      cause: others.map(([from, to]) => placeOfEdge(from, to)),
    });
  }
  return unknown || cycles.length > 0;
}

/**
 * One cycle per strongly connected component that has one (Tarjan), each
 * starting at its first node in input order: enough to name every knot.
 */
export function dependencyCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  const order = [...graph.keys()];
  return components
    .filter((component) => component.length > 1 || (graph.get(component[0]!) ?? []).includes(component[0]!))
    .map((component) => {
      const members = new Set(component);
      const first = order.find((node) => members.has(node))!;
      return cycleThrough(first, members, graph);
    })
    .sort((a, b) => order.indexOf(a[0]!) - order.indexOf(b[0]!));
}

/** A shortest cycle from `first` back to itself inside one component (breadth first). */
function cycleThrough(first: string, members: ReadonlySet<string>, graph: ReadonlyMap<string, readonly string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [first];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === first) {
        const cycle = [node];
        while (cycle[0] !== first) cycle.unshift(previous.get(cycle[0]!)!);
        return cycle;
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [first];
}

/** Every remaining phase needs someone who may do it. */
function checkStaffing(modules: readonly ModuleWork[], team: readonly TeamMember[], reporter: Reporter): void {
  const anyAuthor = team.some((member) => member.roles.includes('author'));
  for (const module of modules) {
    if (module.authors.length === 0 && !anyAuthor && module.phases.some((phase) => phase !== 'review')) {
      reporter.atCatalog('/timeline/team', 'no-assignee', `\`${module.slug}\` has no authors and no team member has the role \`author\``, { hint: 'add authors to the module or an author to timeline.team' });
    }
    if (module.phases.includes('review') && reviewersFor(module, team).length === 0) {
      reporter.atCatalog('/timeline/team', 'no-assignee', `no team member with the role \`reviewer\` can review \`${module.slug}\` (authors do not review their own module)`, {
        hint: 'add a reviewer to timeline.team',
      });
    }
  }
}

/** Who may review a module: reviewers who did not write it. */
export function reviewersFor(module: Pick<ModuleWork, 'authors'>, team: readonly TeamMember[]): TeamMember[] {
  return team.filter((member) => member.roles.includes('reviewer') && !module.authors.includes(member.id));
}
