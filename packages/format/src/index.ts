export { parseModule, defaultEffort, type ParsedModule, type ParseModuleOptions } from './parse-module.js';
export { parseCatalog, type ParsedCatalog, type CatalogEntry, type CatalogPattern } from './parse-catalog.js';
export { parseLibrary, type ParsedLibrary, type LibraryReference } from './parse-library.js';
export { isInvalidAt, parseYamlFile, type ParsedYamlFile } from './parse-yaml-file.js';
export {
  loadCollection,
  loadModule,
  parseModuleFile,
  type LoadCollectionOptions,
  readVFile,
  isCollectionRoot,
  catalogFileName,
  libraryFileName,
  moduleFileName,
  type Collection,
} from './collection.js';
export { PointerMap, joinPointer, type PointerPlace } from './pointers.js';
export { parseMarkdown } from './markdown.js';
export { allDirectiveNames } from './directives.js';
export { assetOf, assetsDigest, builtStatuses, isBuilt, isReviewCopy, restrictBuilt, toPublication, type Publication } from './publication.js';
export { allowedSchemes, isAllowedLinkUrl, linkUrlProblem, urlScheme } from './url-policy.js';
export { assetLimits, assetMediaType, assetPathOf, loadModuleAssets, type ModuleAsset, type ModuleAssets } from './assets.js';
export { sanitizeSvg, type SanitizedSvg } from './svg.js';
export { fileLimits } from './collection.js';
export { audiences, learnerModule, type Audience, type LearnerModule } from './audience.js';
export { citationsToText, citedIds, fullCitation, referencesById, shortCitation, type Reference } from './citations.js';
export { blockPartLabel, blockParts, blockTextParts, type BlockPartName, type BlockTextPartName } from './block-parts.js';
