export { emitPdf, assetDataUrl, type EmitPdfOptions, type EmitPdfResult } from './emit.js';
export { documentMarkdown, type DocumentKind, type DocumentSpec } from './assemble.js';
export { rewrittenHref, moduleAnchor, innerAnchor } from './anchors.js';
export { remoteResourceRule } from './remote.js';
export { destinationPages, outlineTitles, withDocumentInfo, type DocumentInfo } from './pdf-info.js';
export { emitHandbookHtml, type EmitHandbookHtmlOptions, type EmitHandbookHtmlResult } from './preview.js';
