export { emitScorm, zipName, versions, scorm12MaxOptions, type EmitScormOptions, type EmitScormResult } from './emit.js';
export { emitScormPreview, type EmitScormPreviewOptions, type EmitScormPreviewResult } from './preview.js';
export { lintManifest, isRejectedFile, rejectedExtensions, type LintOptions, type ManifestProblem } from './lint.js';
export { toScorm12Manifest, scorm12SchemaFiles } from './manifest12.js';
export { toScorm2004Manifest, scorm2004SchemaFiles, normalizedMeasure, prerequisiteObjectiveId } from './manifest2004.js';
export {
  toModulePackageSpec,
  toCoursePackageSpec,
  scoTitle,
  objectiveTarget,
  playerFiles,
  type PackageSpec,
  type ScoSpec,
} from './package-spec.js';
export {
  toPlayerHtml,
  playerData,
  playerPages,
  playerAssessment,
  type PlayerAssessment,
  type PlayerData,
  type PlayerHtmlOptions,
  type PlayerPage,
} from './player-html.js';
export { sealAnswerKey, unsealAnswerKey } from './sealed.js';
export { playerStrings, stringsFor, type PlayerStrings } from './strings.js';
export { schemaDir, schemaFiles, type ScormVersion } from './schemas.js';
export { isNcName, toNcName, isoMinutes, xmlEscape } from './xml.js';
export { scormEmitter, scormArtifactsIn } from './emitter.js';
