import type { Emitter } from '@pattern-press/emitter';
import { emitReport } from './emit.js';

/** dist/report/: every module's checklist, rubric, coverage and timing, as HTML and JSON. */
export const reportEmitter: Emitter = {
  name: 'report',
  needs: [],
  browser: false,
  async emit(publication, context) {
    const { files } = await emitReport(publication.modules, [...context.quality], { outDir: context.outDir });
    return { files: files.length, problems: [], artifacts: [] };
  },
};
