import type { OutputCache } from '@pattern-press/cache';
import type { ArtifactKind, Emitter } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { emitPdf } from './emit.js';
import { emitHandbookHtml } from './preview.js';

const mediaTypes: Record<string, string> = {
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A module's `<slug>.pdf`, or the handbook's PDF, EPUB and DOCX (the collection's). */
function artifactKinds(publication: Publication) {
  const slugs = new Set(publication.modules.map((module) => module.slug));
  return (relative: string): ArtifactKind | undefined => {
    const match = /^([^/]+)\.(pdf|epub|docx)$/.exec(relative);
    if (!match) return undefined;
    const [, name = '', extension = ''] = match;
    if (name === 'handbook') return { format: extension, mediaType: mediaTypes[extension]! };
    return extension === 'pdf' && slugs.has(name) ? { module: name, format: 'pdf', mediaType: mediaTypes.pdf! } : undefined;
  };
}

/**
 * `cache` that never hands a finished document back: the document is
 * assembled from its parts, so the parts are looked up in (and recorded from)
 * the part store even when the document itself is unchanged. The result is
 * still stored.
 */
function assembledAnew(cache: OutputCache): OutputCache {
  // The cache's methods are closures (no `this`): everything but restore is the cache's own, whatever it gains later.
  return {
    ...cache,
    async restore() {
      cache.stats.misses++;
      return undefined;
    },
  };
}

/** dist/pdf/: a PDF per built module, the handbook as PDF, EPUB and DOCX. */
export const pdfEmitter: Emitter = {
  name: 'pdf',
  needs: [],
  browser: true,
  async emit(publication, context) {
    const { files, problems } = await emitPdf(publication, context);
    return { files: files.length, problems };
  },
  artifactKinds,
  // The module's PDF and, in the part store, its chapter and answers: the handbook's share of the module.
  async emitModule(publication, slug, context) {
    const outputCache = context.outputCache && assembledAnew(context.outputCache);
    const result = await emitPdf(publication, { outDir: context.outDir, cacheDir: context.cacheDir, browser: context.browser, outputCache, moduleDocuments: new Set([slug]), handbook: false });
    return { files: result.files.length, problems: result.problems };
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
        const { files, problems, parts, steps } = await emitPdf(publication, { ...context, moduleDocuments: modules, ebooks: false });
        return { files: files.length, problems, made: parts.printed.length, reused: parts.reused.length, steps };
      },
    },
  ],
};
