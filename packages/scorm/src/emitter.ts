import { artifactsIn, type Artifact, type ArtifactKind, type Emitter } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { emitScorm, versions, zipName } from './emit.js';
import { emitScormPreview } from './preview.js';

/** The course's packages belong to the collection. */
const courseName = 'course';

/** Each package by its zip name: a module's or the course's, SCORM 1.2 or 2004. */
function kindOf(publication: Publication) {
  const kinds = new Map<string, ArtifactKind>();
  for (const name of [...publication.modules.map((module) => module.slug), courseName]) {
    for (const version of versions) {
      kinds.set(zipName(name, version), { ...(name === courseName ? {} : { module: name }), format: `scorm-${version}`, mediaType: 'application/zip' });
    }
  }
  return (relative: string) => kinds.get(relative);
}

/** The downloads in a folder of scorm output (a staging folder or dist/scorm/), measured and hashed. */
export function scormArtifactsIn(folder: string, publication: Publication): Promise<Artifact[]> {
  return artifactsIn(folder, 'scorm', kindOf(publication));
}

/** dist/scorm/: a SCORM 1.2 and a SCORM 2004 package per built module and for the course. */
export const scormEmitter: Emitter = {
  name: 'scorm',
  needs: [],
  browser: true,
  async emit(publication, context) {
    const result = await emitScorm(publication, { outDir: context.outDir, cacheDir: context.cacheDir, browser: context.browser, diagrams: context.diagrams, outputCache: context.outputCache });
    return { files: result.files.length, problems: result.problems, artifacts: await scormArtifactsIn(context.outDir, publication) };
  },
  async previous(publication, folder) {
    return { files: 0, problems: [], artifacts: await scormArtifactsIn(folder, publication) };
  },
  // The player as a learner sees it, without the packaging.
  previews: [
    {
      folder: 'scorm',
      entryOf: (slug) => slug,
      async emit(publication, context, modules) {
        const { files, problems } = await emitScormPreview(publication, { ...context, modules });
        return { files: files.length, problems };
      },
    },
  ],
};
