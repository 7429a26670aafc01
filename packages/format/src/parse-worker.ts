import { parentPort } from 'node:worker_threads';
import { VFile } from 'vfile';
import { moduleEntryText } from './parse-cache.js';
import { parseModule, type ParseModuleOptions } from './parse-module.js';
import { toPlain, type PlainParsedModule } from './serialize.js';

export interface ParseRequest {
  id: number;
  /** The module file's path (messages name it); the worker reads no file. */
  path: string;
  /** The bytes the main thread read (after its containment checks) and hashed for the cache key. */
  bytes: Uint8Array;
  options: ParseModuleOptions;
  /** The parse-cache key the entry is made for. */
  key: string;
}

export interface ParseResponse {
  id: number;
  /** The cache entry (JSON text): what the main thread stores and reads back, as it reads a cache hit. */
  text?: string | undefined;
  /** Only when JSON cannot hold the document exactly: the plain form, structured-cloned. */
  plain?: PlainParsedModule | undefined;
}

// Results go back as plain data: VFile messages do not survive structured cloning.
parentPort?.on('message', (request: ParseRequest) => {
  const parsed = parseModule(new VFile({ path: request.path, value: request.bytes }), request.options);
  const plain = toPlain(parsed);
  const text = moduleEntryText(request.key, plain);
  const response: ParseResponse = text === undefined ? { id: request.id, plain } : { id: request.id, text };
  parentPort!.postMessage(response);
});
