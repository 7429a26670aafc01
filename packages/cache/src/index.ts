export { cacheKey, stableJson } from './key.js';
export { codeFingerprint, folderHash } from './fingerprint.js';
export { openOutputCache, pruneOutputCache, type OutputCache, type OutputCacheStats, type PruneResult } from './output-cache.js';
