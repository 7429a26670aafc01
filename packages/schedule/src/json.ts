import type { SchedulePlan } from './types.js';

/** The plan as JSON, as served by the API: two-space indented, key order fixed by the plan's construction. */
export function toJson(plan: SchedulePlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
