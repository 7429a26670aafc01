export { buildOutputs, type BuildContext, type BuildOutcome, type FormatOutcome } from './build.js';
export { build, type BuildOptions, type BuildRun } from './build-collection.js';
export { emitters, formatNames } from './registry.js';
export { modulesEmitter } from './modules-emitter.js';
