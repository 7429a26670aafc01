export { checkCollection, checkStandaloneModule } from './collection-checks.js';
export { findCycles, topologicalOrder } from './graph.js';
