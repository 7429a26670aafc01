export { main, usage } from './main.js';
export { runBuild, runCheck, exitCodes, type CommandContext } from './commands.js';
export { checkPaths, findCollectionRoot, UsageError, type CheckResult } from './targets.js';
export { replaceDirectory } from './atomic.js';
