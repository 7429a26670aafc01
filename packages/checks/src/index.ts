export { checkCollection, checkStandaloneModule } from './collection-checks.js';
export {
  checkQuality,
  blockersFor,
  blockEstimate,
  type Finding,
  type ModuleQuality,
  type QualityInputs,
  type RuleResult,
  type RuleState,
  type SignoffResult,
} from './quality.js';
export {
  programRules,
  programRule,
  signoffItems,
  statusOrder,
  statusRank,
  dueSeverity,
  rubricCriteria,
  type Phase,
  type ProgramRule,
  type ProgramRuleId,
  type ChecklistEntry,
} from './checklist.js';
export { runCodeExamples, runtimeFor, quotedFailure, type RunFindings, type RunOptions } from './run-code.js';
export { runSandboxed, ensureSandbox, sandboxLimits, SandboxUnavailableError, type ProcessResult, type SandboxedProgram } from './sandbox.js';
export { checkDiagramSizes, validateDiagrams } from './diagrams.js';
export { readable, readableModules, type ReadableModule } from './readable.js';
