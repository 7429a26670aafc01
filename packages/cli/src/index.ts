export { main, usage } from './main.js';
export { runBuild, runCheck, exitCodes, type CommandContext } from './commands.js';
export { rulesMarkdown, withRulesSection, rulesStart, rulesEnd } from './rules-doc.js';
export { scaffoldModule, withCatalogEntry, createModule, promoteModule } from './lifecycle.js';
export { startDev, runDev, withClientScript, type DevOptions, type DevServer, type DevStatus } from './dev.js';
export { createProgress, progressMode, summaryText, type Progress, type ProgressMode, type BuildSummary } from './progress.js';
