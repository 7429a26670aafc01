import type { Emitter } from '@pattern-press/emitter';
import { learnerModule } from '@pattern-press/format';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** dist/modules/: each module's canonical JSON document. */
export const modulesEmitter: Emitter = {
  name: 'modules',
  needs: [],
  browser: false,
  async emit(publication, context) {
    await mkdir(context.outDir, { recursive: true });
    // The canonical documents hold the exam and the hidden tests: only an instructor build publishes them whole.
    for (const module of publication.modules) {
      const document = context.settings.audience === 'instructor' ? module : learnerModule(module);
      await writeFile(path.join(context.outDir, `${module.slug}.json`), `${JSON.stringify(document, null, 2)}\n`);
    }
    return { files: publication.modules.length, problems: [], artifacts: [] };
  },
};
