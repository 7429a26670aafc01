import { report } from '@pattern-press/diagnostics';
import type { Diagram, PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { launchBrowser } from './browser.js';
import { diagramProblem, type DiagramPlace } from './diagram-problems.js';
import { readCachedSvg, renderMermaid, type MermaidResult } from './mermaid.js';

/** Every diagram of a module in reading order: its blocks', then its challenge's. */
export function moduleDiagrams(module: PatternModule): Diagram[] {
  return [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])];
}

/** Where the fix goes, the same whoever reports it: an invalid diagram stops every output, so none is published with a gap. */
export const diagramInvalidHint = 'fix the diagram (mermaid.live shows the same error); no output is published while a diagram cannot be drawn';

/** What `diagram-invalid` says, and where. */
export interface DiagramFinding {
  reason: string;
  place: DiagramPlace | undefined;
  hint: string;
}

/** A diagram of a module that Mermaid could not draw. */
export interface DiagramFailure {
  slug: string;
  diagram: Diagram;
  finding: DiagramFinding;
}

/**
 * The one `diagram-invalid` finding of a diagram that does not parse or render
 * (`press check` and every output): {@link diagramProblem}'s wording and place,
 * one hint, an error.
 */
export function diagramInvalid(diagram: Diagram, error: string): DiagramFinding {
  const problem = diagramProblem(diagram, error);
  return { reason: problem.reason, place: problem.place ?? diagram.position, hint: diagramInvalidHint };
}

/** Reports a failed diagram on its module's file, as `press check` words it. */
export function reportDiagramFailure(file: VFile, failure: DiagramFailure): void {
  report(file, 'diagram-invalid', failure.finding.reason, { place: failure.finding.place, hint: failure.finding.hint });
}

/**
 * The diagrams of one build, rendered by whichever output asks first and
 * reported once: outputs made at the same time share it, so a diagram that
 * cannot be drawn is one `diagram-invalid`, not one per output.
 */
export interface DiagramRenders {
  /** The Mermaid cache folder (`<sha256>.svg`). */
  readonly cacheDir: string;
  /**
   * The SVG or the error of every diagram of `modules`, by source: from the cache
   * when every one is there (no browser started), else rendered once with
   * `browser`, or a browser launched for the purpose when none is given.
   */
  render(modules: readonly PatternModule[], browser: Browser | undefined): Promise<Map<string, MermaidResult>>;
  /**
   * The failures nobody sharing this object has taken yet: the caller reports
   * them, the others get nothing (each still knows, from its own list, which
   * of its outputs are incomplete).
   */
  unreported(failures: readonly DiagramFailure[]): DiagramFailure[];
  /** Whether an output has met a diagram of module `slug` that cannot be drawn (its output is incomplete, whoever reported it). */
  failed(slug: string): boolean;
}

/**
 * The diagrams of `modules` that `results` holds an error for, in module
 * order. No result is no failure: an output may render its diagrams part by part.
 */
export function diagramFailures(modules: readonly PatternModule[], results: ReadonlyMap<string, MermaidResult>): DiagramFailure[] {
  return modules.flatMap((module) =>
    moduleDiagrams(module).flatMap((diagram) => {
      const result = results.get(diagram.source);
      if (result === undefined || result.svg !== undefined) return [];
      return [{ slug: module.slug, diagram, finding: diagramInvalid(diagram, result.error ?? 'not rendered') }];
    }),
  );
}

/** Rendered results by source for `sources`: cache first, so an unchanged build never starts Chromium. */
async function cachedOrRendered(sources: readonly string[], cacheDir: string, browser: Browser | undefined): Promise<Map<string, MermaidResult>> {
  const unique = [...new Set(sources)];
  const cached = await Promise.all(unique.map((source) => readCachedSvg(cacheDir, source)));
  if (cached.every((svg) => svg !== undefined)) return new Map(unique.map((source, index) => [source, { svg: cached[index]! }]));
  const own = browser ? undefined : await launchBrowser();
  try {
    return await renderMermaid((browser ?? own)!, unique, { cacheDir });
  } finally {
    await own?.close();
  }
}

/** The diagram service of one build (or of one output made on its own), over the Mermaid cache folder `cacheDir`. */
export function diagramRenders(cacheDir: string): DiagramRenders {
  const taken = new Set<string>();
  const failedSlugs = new Set<string>();
  return {
    cacheDir,
    render: (modules, browser) =>
      cachedOrRendered(
        modules.flatMap(moduleDiagrams).map((diagram) => diagram.source),
        cacheDir,
        browser,
      ),
    unreported: (failures) =>
      failures.filter((failure) => {
        failedSlugs.add(failure.slug);
        const key = `${failure.slug}\0${failure.diagram.id}`;
        if (taken.has(key)) return false;
        taken.add(key);
        return true;
      }),
    failed: (slug) => failedSlugs.has(slug),
  };
}
