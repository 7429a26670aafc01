/* Generated from schemas/api/schedule.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/schedule.json (present when the build scheduled the authoring work): the authoring timeline exactly as @pattern-press/schedule produced it. Its detailed shape is owned by the scheduling package; this schema only requires a JSON object.
 */
export interface ApiSchedule {}
