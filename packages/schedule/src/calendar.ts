/** Day names as the catalog writes them, indexed by JavaScript's getUTCDay (0: Sunday). */
export const weekdayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdayNames)[number];

const msPerDay = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or undefined when it is not a real calendar date. */
export function dayNumber(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2025-02-30 over into March: a round trip tells real dates from impossible ones.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / msPerDay;
}

export function isoDate(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

export function weekdayOf(day: number): Weekday {
  return weekdayNames[(((day + 4) % 7) + 7) % 7]!;
}

/**
 * The team's working days from the plan's start, numbered 0, 1, 2, ...:
 * the scheduler thinks in these indices, outputs in dates.
 */
export class WorkingCalendar {
  readonly #days: number[] = [];
  readonly #index = new Map<number, number>();
  #next: number;

  constructor(
    readonly start: number,
    readonly workingDays: ReadonlySet<Weekday>,
    readonly holidays: ReadonlySet<number>,
  ) {
    if (workingDays.size === 0) throw new Error('a working calendar needs at least one working weekday');
    this.#next = start;
  }

  isWorking(day: number): boolean {
    return this.workingDays.has(weekdayOf(day)) && !this.holidays.has(day);
  }

  /** The calendar day of working day `index`. */
  dayAt(index: number): number {
    while (this.#days.length <= index) {
      const day = this.#next++;
      if (this.isWorking(day)) {
        this.#index.set(day, this.#days.length);
        this.#days.push(day);
      }
    }
    return this.#days[index]!;
  }

  dateAt(index: number): string {
    return isoDate(this.dayAt(index));
  }
}

/** 0-based sprint of a calendar day; sprints are `sprintDays` calendar days from the start. */
export function sprintOf(day: number, start: number, sprintDays: number): number {
  return Math.floor((day - start) / sprintDays);
}
