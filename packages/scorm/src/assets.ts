import { report } from '@pattern-press/diagnostics';
import { assetOf, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { isRejectedFile } from './lint.js';

export interface ScoAssets {
  /** Path in the SCO folder -> bytes. */
  files: Map<string, Buffer>;
  /** URL as written in Markdown -> path relative to the page. */
  urls: Map<string, string>;
}

/**
 * The files a module links to, for its SCO folder under assets/: taken from
 * the publication (read once, confined to the module folder, SVG sanitized),
 * never from the file system. Types LMSs refuse on import are left out and reported.
 */
export function collectAssets(module: PatternModule, publication: Pick<Publication, 'assets'>, file: VFile): ScoAssets {
  const assets: ScoAssets = { files: new Map(), urls: new Map() };
  for (const link of module.links) {
    if (link.kind !== 'asset') continue;
    const asset = assetOf(publication, module.slug, link.href);
    if (!asset) continue; // missing or refused: the checks reported it
    const target = `assets/${asset.path}`;
    if (isRejectedFile(target)) {
      report(file, 'asset-rejected', `The asset ${link.href} is a file type LMSs reject on import; it is left out of the SCORM package.`, {
        place: link.position,
        hint: 'Link to it from an external site or convert it (e.g. a script to a text file).',
      });
      continue;
    }
    assets.files.set(target, asset.bytes);
    assets.urls.set(link.href.split(/[?#]/)[0]!, target);
  }
  return assets;
}
