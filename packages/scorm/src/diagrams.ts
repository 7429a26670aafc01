import { diagramFailures, diagramRenders, reportDiagramFailure, type DiagramRenders } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';

/** The build's diagram service, or this package's own over `<cacheDir>/mermaid` when it is made alone. */
export function diagramsFor(options: { cacheDir: string; diagrams?: DiagramRenders | undefined }): DiagramRenders {
  return options.diagrams ?? diagramRenders(path.join(options.cacheDir, 'mermaid'));
}

/**
 * Every diagram of `modules` as SVG (ids made from the source, so several on
 * one page never collide), by source, and the modules with a diagram that
 * does not render (the player shows it as code). Each such diagram is reported
 * on its module's file unless another output of the build did already.
 */
export async function moduleSvgs(
  modules: readonly PatternModule[],
  files: ReadonlyMap<string, VFile>,
  diagrams: DiagramRenders,
  browser: Browser | undefined,
): Promise<{ svgs: Map<string, string>; broken: Set<string> }> {
  const rendered = await diagrams.render(modules, browser);
  const failures = diagramFailures(modules, rendered);
  for (const failure of diagrams.unreported(failures)) reportDiagramFailure(files.get(failure.slug)!, failure);
  const svgs = new Map<string, string>();
  for (const [source, result] of rendered) if (result.svg !== undefined) svgs.set(source, result.svg);
  return { svgs, broken: new Set(failures.map((failure) => failure.slug)) };
}
