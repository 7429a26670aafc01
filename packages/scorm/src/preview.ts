import type { DiagramRenders } from '@pattern-press/render';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isBuilt, type Publication } from '@pattern-press/format';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { collectAssets } from './assets.js';
import { diagramsFor, moduleSvgs } from './diagrams.js';
import { glossaryOptions } from './glossary-page.js';
import { playerFileEntries } from './package-spec.js';
import { openPlayerHtmlCache, playerHtml } from './page-cache.js';

export interface EmitScormPreviewOptions {
  /** Folder for `<slug>/index.html`, `<slug>/assets/...` and `player/`. */
  outDir: string;
  /** Content-hash caches (rendered diagrams in `<cacheDir>/mermaid`, shared with the package build). */
  cacheDir: string;
  /** A browser for diagrams not yet in the cache; without one, a browser is started and closed only if needed. */
  browser?: Browser | undefined;
  /** The build's diagram service, shared by its outputs (a diagram that cannot be drawn is reported once); default: this call's own. */
  diagrams?: DiagramRenders | undefined;
  /** Write only these built modules (the shared `player/` files are written whenever any module is). */
  modules?: ReadonlySet<string> | undefined;
}

export interface EmitScormPreviewResult {
  /** Written files, absolute, sorted. */
  files: string[];
  /** Content problems, one VFile per module that has any. */
  problems: VFile[];
  /** Player pages rendered, and taken from the page cache (`<cacheDir>/html`, shared with the packages' SCORM 2004 pages). */
  pages?: { rendered: number; reused: number };
}

// emit.ts keeps its assets folder private (and is being rewritten): the same path, from this folder.

/**
 * What a learner's browser loads from each module's SCORM 2004 package,
 * unzipped: `<slug>/index.html` (the SCO), `<slug>/assets/...` and the shared
 * `player/` files, laid out as in the package so the page's relative links
 * work as they do in an LMS. Opened without an LMS the player runs in its
 * preview mode; for `press dev`, which cannot serve a zip to a browser.
 */
export async function emitScormPreview(publication: Publication, options: EmitScormPreviewOptions): Promise<EmitScormPreviewResult> {
  const modules = publication.modules.filter((module) => isBuilt(module) && (!options.modules || options.modules.has(module.slug)));
  const vfiles = new Map(modules.map((module) => [module.slug, new VFile({ path: path.join(publication.root, module.slug, 'module.md') })]));
  const entries = new Map<string, Buffer>();
  if (modules.length === 0) return { files: [], problems: [] };

  const { svgs } = await moduleSvgs(modules, vfiles, diagramsFor(options), options.browser);
  for (const [name, bytes] of await playerFileEntries()) entries.set(name, bytes);
  const pageCache = await openPlayerHtmlCache(options.cacheDir);
  const glossaryOf = glossaryOptions(publication.modules.filter(isBuilt));
  for (const module of modules) {
    const assets = collectAssets(module, publication, vfiles.get(module.slug)!);
    const html = await playerHtml(
      pageCache,
      module,
      {
        version: '2004',
        diagrams: svgs,
        playerBase: '../player/',
        library: publication.library,
        assetUrl: (url) => assets.urls.get(url),
        ...glossaryOf(module),
      },
      assets.urls,
    );
    entries.set(`${module.slug}/index.html`, Buffer.from(html));
    for (const [name, bytes] of assets.files) entries.set(`${module.slug}/${name}`, bytes);
  }

  const files: string[] = [];
  for (const [name, bytes] of entries) {
    const file = path.join(options.outDir, ...name.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    files.push(file);
  }
  await pageCache.prune();
  return { files: files.sort(), problems: [...vfiles.values()].filter((file) => file.messages.length > 0), pages: pageCache.stats };
}
