export type { Artifact, EmitContext, EmitResult, EmitSettings, Emitter } from './contract.js';
export { artifactsIn, filesUnder, type ArtifactKind } from './artifacts.js';
