export { checkPaths, checkCollectionAt, findCollectionRoot, cacheDirFor, runCodeOrRefuse, UsageError, type CheckOptions, type CheckResult, type CollectionCheck } from './check.js';
export { installStopHandlers, onStop, isStopping } from './interrupt.js';
