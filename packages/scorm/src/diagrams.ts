import { readFile } from 'node:fs/promises';
import { report } from '@pattern-press/diagnostics';
import path from 'node:path';
import { diagramHash, launchBrowser, renderMermaid, type MermaidResult } from '@pattern-press/render';
import type { Diagram, PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';

export function diagramsOf(modules: readonly PatternModule[]): { module: PatternModule; diagram: Diagram }[] {
  return modules.flatMap((module) => [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])].map((diagram) => ({ module, diagram })));
}

/**
 * Mermaid numbers its SVG ids per render call; ids from separate calls (or the
 * cache) would collide on one page, so each SVG takes ids from its source hash.
 */
export function withStableSvgIds(svg: string, id: string): string {
  return svg.replace(/press-diagram-\d+/g, id);
}

/**
 * Rendered diagrams: from renderMermaid's cache (`<sha256>.svg`) when every one is
 * there, so an unchanged build never starts Chromium; otherwise through renderMermaid
 * with the shared browser, or one started for the purpose.
 */
export async function renderDiagrams(sources: readonly string[], cacheDir: string, shared: Browser | undefined): Promise<Map<string, MermaidResult>> {
  const unique = [...new Set(sources)];
  const cached = await Promise.all(unique.map((source) => readFile(path.join(cacheDir, `${diagramHash(source)}.svg`), 'utf8').catch(() => undefined)));
  if (cached.every((svg) => svg !== undefined)) return new Map(unique.map((source, index) => [source, { svg: cached[index]! }]));
  const browser = shared ?? (await launchBrowser());
  try {
    return await renderMermaid(browser, unique, { cacheDir });
  } finally {
    if (!shared) await browser.close();
  }
}

/**
 * Every diagram of `modules` as SVG with stable ids, by source; a diagram
 * that does not render is reported on its module's file (the player shows
 * it as code).
 */
export async function moduleSvgs(modules: readonly PatternModule[], files: ReadonlyMap<string, VFile>, cacheDir: string, browser: Browser | undefined): Promise<Map<string, string>> {
  const diagrams = diagramsOf(modules);
  const rendered = await renderDiagrams(
    diagrams.map(({ diagram }) => diagram.source),
    cacheDir,
    browser,
  );
  const svgs = new Map<string, string>();
  for (const { module, diagram } of diagrams) {
    const result = rendered.get(diagram.source);
    if (result?.svg !== undefined) {
      svgs.set(diagram.source, withStableSvgIds(result.svg, diagram.id));
    } else {
      report(files.get(module.slug)!, 'diagram-invalid', `The Mermaid diagram does not render: ${result?.error ?? 'unknown error'}`, {
        place: diagram.position,
        hint: 'Fix the Mermaid syntax here; until then the SCORM player shows the diagram as code.',
      });
    }
  }
  return svgs;
}
