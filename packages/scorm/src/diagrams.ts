import { report } from '@pattern-press/diagnostics';
import { diagramProblem, launchBrowser, readCachedSvg, renderMermaid, type MermaidResult } from '@pattern-press/render';
import type { Diagram, PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';

export function diagramsOf(modules: readonly PatternModule[]): { module: PatternModule; diagram: Diagram }[] {
  return modules.flatMap((module) => [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])].map((diagram) => ({ module, diagram })));
}

/**
 * Rendered diagrams: from renderMermaid's cache (`<sha256>.svg`) when every one is
 * there, so an unchanged build never starts Chromium; otherwise through renderMermaid
 * with the shared browser, or one started for the purpose.
 */
async function renderDiagrams(sources: readonly string[], cacheDir: string, shared: Browser | undefined): Promise<Map<string, MermaidResult>> {
  const unique = [...new Set(sources)];
  const cached = await Promise.all(unique.map((source) => readCachedSvg(cacheDir, source)));
  if (cached.every((svg) => svg !== undefined)) return new Map(unique.map((source, index) => [source, { svg: cached[index]! }]));
  const browser = shared ?? (await launchBrowser());
  try {
    return await renderMermaid(browser, unique, { cacheDir });
  } finally {
    if (!shared) await browser.close();
  }
}

/**
 * Every diagram of `modules` as SVG (ids made from the source, so several on one page never collide), by source; a diagram
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
      svgs.set(diagram.source, result.svg);
    } else {
      const problem = diagramProblem(diagram, result?.error ?? 'not rendered');
      report(files.get(module.slug)!, 'diagram-invalid', problem.reason, {
        place: problem.place,
        hint: 'until it is fixed the SCORM player shows the diagram as code',
      });
    }
  }
  return svgs;
}
