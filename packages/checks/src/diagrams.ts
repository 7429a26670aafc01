import type { Collection } from '@pattern-press/format';
import { diagramHash, renderMermaid, withBrowser, writeCacheFile } from '@pattern-press/render';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readableModules } from './readable.js';

/**
 * Parses every Mermaid diagram of the collection with Mermaid's own parser
 * (in Chromium). Verdicts are cached by source hash, so an unchanged diagram
 * never starts the browser again. Returns error messages by source (undefined: parses).
 */
export async function validateDiagrams(collection: Collection, options: { cacheDir?: string } = {}): Promise<Map<string, string | undefined>> {
  const sources = new Set(
    readableModules(collection).flatMap(({ document }) => [
      ...document.blocks.flatMap((block) => block.diagrams.map((diagram) => diagram.source)),
      ...(document.challenge?.diagrams ?? []).map((diagram) => diagram.source),
    ]),
  );
  const verdicts = new Map<string, string | undefined>();
  const cacheDir = options.cacheDir ? path.join(options.cacheDir, 'mermaid-parse') : undefined;
  const unknown: string[] = [];
  for (const source of sources) {
    const cached = cacheDir ? await readFile(path.join(cacheDir, `${diagramHash(source)}.json`), 'utf8').catch(() => undefined) : undefined;
    if (cached === undefined) unknown.push(source);
    else verdicts.set(source, (JSON.parse(cached) as { error?: string }).error);
  }
  if (unknown.length > 0) {
    const results = await withBrowser((browser) => renderMermaid(browser, unknown, { parseOnly: true }));
    if (cacheDir) await mkdir(cacheDir, { recursive: true });
    for (const source of unknown) {
      const error = results.get(source)?.error;
      verdicts.set(source, error);
      if (cacheDir) await writeCacheFile(path.join(cacheDir, `${diagramHash(source)}.json`), JSON.stringify(error === undefined ? {} : { error }));
    }
  }
  return verdicts;
}
