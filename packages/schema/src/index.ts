export { definitionName, loadSchema, schemaIds, schemasDir, type SchemaName } from './schemas.js';
export { createValidators, sharedValidators, type Validators, type ErrorObject } from './validators.js';
export type * from './generated/module.js';
export type { PatternCatalog } from './generated/catalog.js';
export type { ResourceLibrary } from './generated/library.js';
