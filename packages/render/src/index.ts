export {
  chromiumPath,
  chromiumVersion,
  defaultConcurrency,
  fileUrl,
  launchBrowser,
  mapWithConcurrency,
  openIsolatedPage,
  withBrowser,
  type IsolatedPageOptions,
} from './browser.js';
export {
  defaultDiagramTimeoutMs,
  diagramHash,
  mermaidClock,
  mermaidConfig,
  mermaidScriptPath,
  mermaidSvgId,
  readCachedSvg,
  renderMermaid,
  writeCacheFile,
  type MermaidRenderStats,
  type MermaidResult,
  type RenderMermaidOptions,
} from './mermaid.js';
export {
  diagramLimits,
  diagramNoun,
  diagramProblem,
  diagramSize,
  diagramTooLarge,
  sourceLineOf,
  type DiagramPlace,
  type DiagramProblem,
  type DiagramRef,
  type DiagramSize,
} from './diagram-problems.js';
export {
  diagramFailures,
  diagramInvalid,
  diagramInvalidHint,
  diagramRenders,
  moduleDiagrams,
  reportDiagramFailure,
  type DiagramFailure,
  type DiagramFinding,
  type DiagramRenders,
} from './diagrams.js';
export { pngSize, rasterSvgs, svgViewBoxSize, type RasterOptions } from './raster.js';
export { highlightCss, markdownToHtml, type MarkdownToHtmlOptions } from './markdown.js';
export { escapeHtml } from './escape.js';
export { glossaryAnchor, glossaryEntries, moduleGlossary, termMatches, type GlossaryEntry, type TermMatch } from './glossary.js';
