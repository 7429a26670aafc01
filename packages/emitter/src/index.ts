export type { Artifact, EmitContext, EmitResult, EmitSettings, Emitter, Preview } from './contract.js';
export { artifactsIn, filesUnder, type ArtifactKind } from './artifacts.js';
