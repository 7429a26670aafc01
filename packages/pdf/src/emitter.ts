import { artifactsIn, type Artifact, type ArtifactKind, type Emitter } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { emitPdf } from './emit.js';
import { emitHandbookHtml } from './preview.js';

const mediaTypes: Record<string, string> = {
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A module's `<slug>.pdf`, or the handbook's PDF, EPUB and DOCX (the collection's). */
function kindOf(publication: Publication) {
  const slugs = new Set(publication.modules.map((module) => module.slug));
  return (relative: string): ArtifactKind | undefined => {
    const match = /^([^/]+)\.(pdf|epub|docx)$/.exec(relative);
    if (!match) return undefined;
    const [, name = '', extension = ''] = match;
    if (name === 'handbook') return { format: extension, mediaType: mediaTypes[extension]! };
    return extension === 'pdf' && slugs.has(name) ? { module: name, format: 'pdf', mediaType: mediaTypes.pdf! } : undefined;
  };
}

/** The downloads in a folder of pdf output (a staging folder or dist/pdf/), measured and hashed. */
export function pdfArtifactsIn(folder: string, publication: Publication): Promise<Artifact[]> {
  return artifactsIn(folder, 'pdf', kindOf(publication));
}

/** dist/pdf/: a PDF per built module, the handbook as PDF, EPUB and DOCX. */
export const pdfEmitter: Emitter = {
  name: 'pdf',
  needs: [],
  browser: true,
  async emit(publication, context) {
    const result = await emitPdf(publication, { outDir: context.outDir, cacheDir: context.cacheDir, browser: context.browser, diagrams: context.diagrams, outputCache: context.outputCache });
    return { files: result.files.length, problems: result.problems, artifacts: await pdfArtifactsIn(context.outDir, publication) };
  },
  async previous(publication, folder) {
    return { files: 0, problems: [], artifacts: await pdfArtifactsIn(folder, publication) };
  },
  previews: [
    {
      folder: 'handbook',
      entryOf: (slug) => `${slug}.html`,
      async emit(publication, context, modules) {
        const { files, problems } = await emitHandbookHtml(publication, { ...context, modules, handbook: false });
        return { files: files.length, problems };
      },
    },
    {
      // The edited module's PDF and the handbook, from the part store: its chapter and the front matter are
      // printed, every other part is reused. No e-books: nobody previews them.
      folder: 'pdf',
      entryOf: (slug) => `${slug}.pdf`,
      prints: true,
      async emit(publication, context, modules) {
        const { files, problems } = await emitPdf(publication, { ...context, moduleDocuments: modules, ebooks: false });
        return { files: files.length, problems };
      },
    },
  ],
};
