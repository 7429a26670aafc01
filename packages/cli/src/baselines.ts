import type { ScheduleBaseline } from '@pattern-press/schedule';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '@pattern-press/engine';

/** `--now`: a YYYY-MM-DD date, or `today` (UTC), the one way a plan depends on the clock. */
export function statusDateOption(value: string | undefined, today = new Date()): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'today') return today.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--now must be a date (YYYY-MM-DD) or \`today\`, not ${value}`);
  }
  return value;
}

/** Where a named baseline is kept: `baselines/<name>.json` beside modules/ (a folder inside modules/ would be taken for a module). */
export function baselineFile(root: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) throw new UsageError(`a baseline name is lowercase letters, digits and -, e.g. kick-off (got ${name})`);
  return path.join(path.dirname(root), 'baselines', `${name}.json`);
}

export async function readBaseline(root: string, name: string): Promise<ScheduleBaseline> {
  const file = baselineFile(root, name);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`no baseline ${name} (${path.relative(process.cwd(), file)}); save one with press schedule --save-baseline ${name}`);
  });
  return JSON.parse(text) as ScheduleBaseline;
}
