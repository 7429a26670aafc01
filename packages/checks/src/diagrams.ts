import { report } from '@pattern-press/diagnostics';
import type { Collection } from '@pattern-press/format';
import { diagramHash, diagramLimits, diagramTooLarge, moduleDiagrams, renderMermaid, withBrowser, writeCacheFile } from '@pattern-press/render';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readableModules } from './readable.js';

/**
 * Reports `diagram-too-large` at the fence of every diagram over the size
 * limit (render's `diagramLimits`, judged on the source: nothing renders), and
 * returns their sources: no one should try to draw them. Reporting twice on
 * the same collection adds nothing.
 */
export function checkDiagramSizes(collection: Collection): Set<string> {
  const oversized = new Set<string>();
  for (const { parsed, document } of readableModules(collection)) {
    const file = parsed.file;
    for (const diagram of moduleDiagrams(document)) {
      const reason = diagramTooLarge(diagram);
      if (!reason) continue;
      oversized.add(diagram.source);
      const line = diagram.position?.line;
      if (file.messages.some((message) => message.ruleId === 'diagram-too-large' && message.line === line && message.reason === reason)) continue;
      report(file, 'diagram-too-large', reason, {
        place: diagram.position,
        hint: `split it into smaller diagrams; a diagram may have ${diagramLimits.lines} lines, ${diagramLimits.links} links and ${diagramLimits.bytes} bytes`,
      });
    }
  }
  return oversized;
}

/** Bumped when the verdicts change for the same source (v2: Mermaid's whole message, not its first lines). */
const verdictVersion = 'v2';

/**
 * Parses every Mermaid diagram of the collection with Mermaid's own parser
 * (in Chromium), after reporting the ones too large to draw
 * ({@link checkDiagramSizes}; those are not parsed, and get no verdict).
 * Verdicts are cached by source hash, so an unchanged diagram never starts the
 * browser again. Returns Mermaid's whole error message by source (undefined: parses).
 */
export async function validateDiagrams(collection: Collection, options: { cacheDir?: string } = {}): Promise<Map<string, string | undefined>> {
  const oversized = checkDiagramSizes(collection);
  const sources = new Set(
    readableModules(collection)
      .flatMap(({ document }) => moduleDiagrams(document).map((diagram) => diagram.source))
      .filter((source) => !oversized.has(source)),
  );
  const verdicts = new Map<string, string | undefined>();
  const cacheDir = options.cacheDir ? path.join(options.cacheDir, 'mermaid-parse') : undefined;
  const cacheFile = (source: string) => path.join(cacheDir!, `${diagramHash(`${verdictVersion}\n${source}`)}.json`);
  const unknown: string[] = [];
  for (const source of sources) {
    const cached = cacheDir ? await readFile(cacheFile(source), 'utf8').catch(() => undefined) : undefined;
    if (cached === undefined) unknown.push(source);
    else verdicts.set(source, (JSON.parse(cached) as { error?: string }).error);
  }
  if (unknown.length > 0) {
    const results = await withBrowser((browser) => renderMermaid(browser, unknown, { parseOnly: true }));
    if (cacheDir) await mkdir(cacheDir, { recursive: true });
    for (const source of unknown) {
      const result = results.get(source);
      const error = result?.error;
      verdicts.set(source, error);
      if (cacheDir && !result?.transient) await writeCacheFile(cacheFile(source), JSON.stringify(error === undefined ? {} : { error }));
    }
  }
  return verdicts;
}
