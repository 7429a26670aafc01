import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { report } from '@pattern-press/diagnostics';
import type { PatternModule } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { isRejectedFile } from './lint.js';

export interface ModuleAssets {
  /** Path in the SCO folder -> bytes. */
  files: Map<string, Buffer>;
  /** URL as written in Markdown -> path relative to the page. */
  urls: Map<string, string>;
}

/** Files beside module.md that the module links to: copied into its SCO folder under assets/. */
export async function collectAssets(module: PatternModule, root: string, file: VFile): Promise<ModuleAssets> {
  const assets: ModuleAssets = { files: new Map(), urls: new Map() };
  const moduleDir = path.join(root, module.slug);
  for (const link of module.links) {
    if (link.kind !== 'asset') continue;
    const href = link.href.split(/[?#]/)[0]!;
    let relative: string;
    try {
      relative = path.posix.normalize(decodeURI(href));
    } catch {
      continue;
    }
    const absolute = path.resolve(moduleDir, relative);
    if (!absolute.startsWith(moduleDir + path.sep) || relative.startsWith('..')) continue; // checks report escapes
    const target = `assets/${path.relative(moduleDir, absolute).split(path.sep).join('/')}`;
    if (isRejectedFile(target)) {
      report(file, 'asset-rejected', `The asset ${href} is a file type LMSs reject on import; it is left out of the SCORM package.`, {
        place: link.position,
        hint: 'Link to it from an external site or convert it (e.g. a script to a text file).',
      });
      continue;
    }
    if (!existsSync(absolute)) continue; // a missing asset is the checks' to report
    assets.files.set(target, await readFile(absolute));
    assets.urls.set(href, target);
  }
  return assets;
}
