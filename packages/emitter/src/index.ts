export type { Artifact, EmitContext, EmitResult, EmitSettings, Emitter, Preview, PreviewResult } from './contract.js';
export { artifactsIn, artifactsOf, filesUnder, type ArtifactKind } from './artifacts.js';
