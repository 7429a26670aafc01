export { createDevEngine, changedSlug, previewFiles, type DevEngine, type DevEngineOptions, type DevStatus } from './dev.js';
