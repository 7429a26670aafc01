export type { Artifact, EmitContext, EmitResult, EmitSettings, Emitter, ModuleEmitContext, Preview, PreviewResult } from './contract.js';
export { artifactsIn, artifactsOf, filesUnder, type ArtifactKind } from './artifacts.js';
