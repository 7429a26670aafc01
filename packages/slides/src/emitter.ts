import type { ArtifactKind, Emitter } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { hasErrors } from '@pattern-press/diagnostics';
import { isBuilt } from '@pattern-press/format';
import { emitSlides } from './emit.js';

const formats: Record<string, Omit<ArtifactKind, 'module'>> = {
  '.pdf': { format: 'slides-pdf', mediaType: 'application/pdf' },
  '.pptx': { format: 'slides-pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  '/index.html': { format: 'slides-html', mediaType: 'text/html' },
};

/** A deck's `<slug>.pdf`, `<slug>.pptx` and HTML entry point `<slug>/index.html`; its CSS, scripts and pictures are parts of it. */
function artifactKinds(publication: Publication) {
  const kinds = new Map<string, ArtifactKind>(publication.modules.flatMap(({ slug }) => Object.entries(formats).map(([suffix, kind]) => [`${slug}${suffix}`, { module: slug, ...kind }] as const)));
  return (relative: string) => kinds.get(relative);
}

/** dist/slides/: a deck per built module as HTML, PDF and PPTX. */
export const slidesEmitter: Emitter = {
  name: 'slides',
  needs: [],
  browser: true,
  async emit(publication, context) {
    const { files, problems } = await emitSlides(publication, context);
    return { files: files.length, problems };
  },
  artifactKinds,
  async emitModule(publication, slug, context) {
    const result = await emitSlides(publication, {
      outDir: context.outDir,
      cacheDir: context.cacheDir,
      ...(context.browser ? { browser: context.browser } : {}),
      outputCache: context.outputCache,
      modules: new Set([slug]),
    });
    return { files: result.files.length, problems: result.problems };
  },
  previews: [
    {
      // The HTML decks only (not printed nor packed), with links to every built module as in the build.
      folder: 'slides',
      entryOf: (slug) => slug,
      async emit(publication, context, modules) {
        const { problems } = await emitSlides(publication, { ...context, modules, documents: false });
        if (hasErrors(problems)) return { files: 0, problems };
        return { files: publication.modules.filter((module) => isBuilt(module) && (!modules || modules.has(module.slug))).length, problems };
      },
    },
  ],
};
