export { rules, isRuleId, type RuleId, type RuleInfo } from './rules.js';
export {
  report,
  relatedPlaces,
  severityOf,
  hasErrors,
  messageSource,
  type Place,
  type RelatedPlace,
  type ReportOptions,
  type Severity,
} from './messages.js';
export { closestMatch, didYouMean } from './suggest.js';
export {
  formatMessage,
  formatReport,
  formatJsonReport,
  formatSummary,
  sortedMessages,
  summarize,
  toDiagnosticJson,
  type DiagnosticJson,
  type Summary,
} from './format.js';
