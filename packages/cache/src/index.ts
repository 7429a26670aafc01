export { cacheKey, stableJson } from './key.js';
export { codeFingerprint } from './fingerprint.js';
export { openOutputCache, pruneOutputCache, restoreEach, seedOutputCache, type OutputCache, type OutputCacheOptions, type OutputCacheStats, type PruneResult } from './output-cache.js';
export {
  cachedText,
  cachedTextWithLookups,
  LookupRecorder,
  megabytesFromEnv,
  openFileCache,
  pruneFileCache,
  sameLookups,
  type FileCache,
  type FileCacheStats,
  type FileCachePruneResult,
} from './file-cache.js';
