import type { ArtifactKind, Emitter } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { emitScorm, versions, zipName } from './emit.js';
import { emitScormPreview } from './preview.js';

/** The course's packages belong to the collection. */
const courseName = 'course';

/** Each package by its zip name: a module's or the course's, SCORM 1.2 or 2004. */
function artifactKinds(publication: Publication) {
  const owners = [...publication.modules.map((module) => module.slug), courseName];
  const kinds = new Map<string, ArtifactKind>(
    owners.flatMap((name) =>
      versions.map((version) => [zipName(name, version), { ...(name === courseName ? {} : { module: name }), format: `scorm-${version}`, mediaType: 'application/zip' }] as const),
    ),
  );
  return (relative: string) => kinds.get(relative);
}

/** dist/scorm/: a SCORM 1.2 and a SCORM 2004 package per built module and for the course. */
export const scormEmitter: Emitter = {
  name: 'scorm',
  needs: [],
  browser: true,
  async emit(publication, context) {
    const { files, problems } = await emitScorm(publication, context);
    return { files: files.length, problems };
  },
  artifactKinds,
  // The module's two packages; the course package is the whole build's.
  async emitModule(publication, slug, context) {
    const result = await emitScorm(publication, { outDir: context.outDir, cacheDir: context.cacheDir, browser: context.browser, outputCache: context.outputCache, modules: new Set([slug]) });
    return { files: result.files.length, problems: result.problems };
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
