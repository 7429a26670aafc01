import type { Emitter } from '@pattern-press/emitter';
import { withBaseline, type ScheduleBaseline } from './baseline.js';
import { scheduleInputFromCollection } from './collection-input.js';
import { emitSchedule } from './emit.js';
import { scheduleTimeline } from './schedule.js';

/** dist/schedule/: the authoring timeline (charts, HTML, iCalendar, CSV, JSON); its value is the plan, for the API. */
export const scheduleEmitter: Emitter = {
  name: 'schedule',
  needs: [],
  browser: true,
  async emit(_publication, context) {
    const input = scheduleInputFromCollection(context.collection);
    if (!input) return { files: 0, problems: [], artifacts: [] };
    const baseline = context.settings.baseline as ScheduleBaseline | undefined;
    const result = await emitSchedule(input, { outDir: context.outDir, cacheDir: context.cacheDir, browser: context.browser, outputCache: context.outputCache, schedule: { statusDate: context.settings.statusDate }, baseline });
    return { files: result.files.length, problems: result.problems, artifacts: [], value: result.plan };
  },
  // The plan is pure: no browser and nothing read from dist/ (the API built alone still lists the timeline).
  async previous(_publication, _folder, context) {
    const input = scheduleInputFromCollection(context.collection);
    const plan = input ? scheduleTimeline(input, { statusDate: context.settings.statusDate }).plan : undefined;
    const baseline = context.settings.baseline as ScheduleBaseline | undefined;
    return { files: 0, problems: [], artifacts: [], value: plan && baseline ? withBaseline(plan, baseline) : plan };
  },
};
