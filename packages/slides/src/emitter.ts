import { artifactsIn, type Artifact, type ArtifactKind, type Emitter } from '@pattern-press/emitter';
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
function kindOf(publication: Publication) {
  const kinds = new Map<string, ArtifactKind>();
  for (const { slug } of publication.modules) {
    for (const [suffix, kind] of Object.entries(formats)) kinds.set(`${slug}${suffix}`, { module: slug, ...kind });
  }
  return (relative: string) => kinds.get(relative);
}

/** The downloads in a folder of slides output (a staging folder or dist/slides/), measured and hashed. */
export function slidesArtifactsIn(folder: string, publication: Publication): Promise<Artifact[]> {
  return artifactsIn(folder, 'slides', kindOf(publication));
}

/** dist/slides/: a deck per built module as HTML, PDF and PPTX. */
export const slidesEmitter: Emitter = {
  name: 'slides',
  needs: [],
  browser: true,
  async emit(publication, context) {
    const result = await emitSlides(publication, {
      outDir: context.outDir,
      cacheDir: context.cacheDir,
      ...(context.browser ? { browser: context.browser } : {}),
      diagrams: context.diagrams,
      outputCache: context.outputCache,
    });
    return { files: result.files.length, problems: result.problems, artifacts: await slidesArtifactsIn(context.outDir, publication) };
  },
  async previous(publication, folder) {
    return { files: 0, problems: [], artifacts: await slidesArtifactsIn(folder, publication) };
  },
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
