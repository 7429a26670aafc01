export { emitPdf, assetDataUrl, type EmitPdfOptions, type EmitPdfResult } from './emit.js';
export { documentParts, partMarkdown, type DocumentKind, type DocumentSpec, type PartSpec } from './assemble.js';
export { rewrittenHref, moduleAnchor, innerAnchor } from './anchors.js';
export { remoteResourceRule } from './remote.js';
export { destinationPages, outlineTitles, readNavigation, withDocumentInfo, type DocumentInfo, type PdfNavigation } from './pdf-info.js';
export { mergeParts, partLink, type MergeInfo, type OutlineEntry, type PartSource } from './merge.js';
export { openSpilledPdf, finishSpilledPdf, type SpilledPdf } from './spill.js';
export { emitHandbookHtml, type EmitHandbookHtmlOptions, type EmitHandbookHtmlResult } from './preview.js';
export { pdfEmitter, pdfArtifactsIn } from './emitter.js';
