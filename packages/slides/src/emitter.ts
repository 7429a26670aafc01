import type { ArtifactKind, Emitter } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { hasErrors } from '@pattern-press/diagnostics';
import { isBuilt } from '@pattern-press/format';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
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
  previews: [
    {
      // The HTML decks only: the PDF and PPTX are made on the way but not previewed.
      folder: 'slides',
      entryOf: (slug) => slug,
      async emit(publication, context, modules) {
        const chosen = publication.modules.filter((module) => isBuilt(module) && (!modules || modules.has(module.slug)));
        const decks = path.join(context.outDir, '.decks');
        try {
          const { problems } = await emitSlides({ ...publication, modules: chosen }, { ...context, outDir: decks });
          if (hasErrors(problems)) return { files: 0, problems };
          for (const module of chosen) await rename(path.join(decks, module.slug), path.join(context.outDir, module.slug));
          return { files: chosen.length, problems };
        } finally {
          await rm(decks, { recursive: true, force: true });
        }
      },
    },
  ],
};
