export { definitionName, loadSchema, schemaIds, schemasDir, type SchemaName } from './schemas.js';
export { createValidators, sharedValidators, type Validators, type ErrorObject } from './validators.js';
export type * from './generated/module.js';
export type { PatternCatalog } from './generated/catalog.js';
export type { ResourceLibrary } from './generated/library.js';
export type { ApiAnswers } from './generated/api/answers.js';
export type { ApiCategories } from './generated/api/categories.js';
export type { ApiDownloads } from './generated/api/downloads.js';
export type { ApiError } from './generated/api/error.js';
export type {
  ApiExam,
  ChoiceInteraction as ApiChoiceInteraction,
  MatchingInteraction as ApiMatchingInteraction,
  NumericInteraction as ApiNumericInteraction,
  OrderingInteraction as ApiOrderingInteraction,
  SequenceInteraction as ApiSequenceInteraction,
} from './generated/api/exam.js';
export type { ApiGlossary } from './generated/api/glossary.js';
export type { ApiGraph } from './generated/api/graph.js';
export type { ApiIndex } from './generated/api/index.js';
export type { ApiInstructorModule } from './generated/api/instructor-module-detail.js';
export type { ApiModule } from './generated/api/module-detail.js';
export type { ApiSearchIndex } from './generated/api/search-index.js';
