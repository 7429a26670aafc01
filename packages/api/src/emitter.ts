import type { Emitter } from '@pattern-press/emitter';
import type { SchedulePlan } from '@pattern-press/schedule';
import { emitApi } from './emit.js';

/** dist/api/: the static JSON API; it lists every other output's artifacts and the timeline, so it is made last. */
export const apiEmitter: Emitter = {
  name: 'api',
  needs: ['schedule'],
  readsArtifacts: true,
  browser: true,
  async emit(publication, context) {
    // The schedule emitter's value is its plan (packages/schedule/src/emitter.ts).
    const schedule = context.results.get('schedule')?.value as SchedulePlan | undefined;
    const result = await emitApi(publication, {
      outDir: context.outDir,
      cacheDir: context.cacheDir,
      browser: context.browser,
      diagrams: context.diagrams,
      schedule,
      artifacts: context.artifacts,
      audience: context.settings.audience,
    });
    return { files: result.files.length, problems: result.problems };
  },
  previews: [
    {
      folder: 'api',
      entryOf: (slug) => slug,
      whole: true,
      async emit(publication, context) {
        const { files, problems } = await emitApi(publication, context);
        return { files: files.length, problems };
      },
    },
  ],
};
