export { emitApi, type EmitApiOptions, type EmitApiResult } from './emit.js';
export { apiHrefs, apiRoot } from './hrefs.js';
export { apiSchemaIds, apiSchemasDir, loadAllSchemas } from './schemas.js';
export { createServer, serve, DistMissingError, defaultHost, defaultPort, type ServerOptions, type RunningServer, type LiveOptions } from './server.js';
export { apiEmitter } from './emitter.js';
