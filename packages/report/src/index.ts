export { toReport, type Report, type ReportModule, type ReportRule } from './report-data.js';
export { toReportHtml } from './report-html.js';
export { emitReport } from './emit.js';
export { reportEmitter } from './emitter.js';
