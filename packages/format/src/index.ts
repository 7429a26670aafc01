export { parseModule, defaultEffort, type ParsedModule, type ParseModuleOptions } from './parse-module.js';
export { parseCatalog, type ParsedCatalog, type CatalogEntry, type CatalogPattern } from './parse-catalog.js';
export { parseLibrary, type ParsedLibrary, type LibraryReference } from './parse-library.js';
export { parseYamlFile, type ParsedYamlFile } from './parse-yaml-file.js';
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
export { builtStatuses, isBuilt, isReviewCopy, restrictBuilt, toPublication, type Publication } from './publication.js';
