import { parentPort } from 'node:worker_threads';
import { parseModuleFile } from './collection.js';
import type { ParseModuleOptions } from './parse-module.js';
import { toPlain } from './serialize.js';

export interface ParseRequest {
  id: number;
  path: string;
  options: ParseModuleOptions;
}

// Results go back as plain data: VFile messages do not survive structured cloning.
parentPort?.on('message', (request: ParseRequest) => {
  void parseModuleFile(request.path, request.options).then((parsed) => parentPort!.postMessage({ id: request.id, plain: toPlain(parsed) }));
});
