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
  diagramHash,
  mermaidConfig,
  mermaidScriptPath,
  renderMermaid,
  writeCacheFile,
  type MermaidRenderStats,
  type MermaidResult,
  type RenderMermaidOptions,
} from './mermaid.js';
export { highlightCss, markdownToHtml, type MarkdownToHtmlOptions } from './markdown.js';
export { escapeHtml } from './escape.js';
