import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParsedModule, ParseModuleOptions } from './parse-module.js';
import type { ParseRequest } from './parse-worker.js';
import { fromPlain, type PlainParsedModule } from './serialize.js';

/** Below this many files, starting workers costs more than it saves. */
export const parallelThreshold = 40;

// Tests run this file from src/ (TypeScript); the worker must be the compiled one in dist/.
const workerUrl = import.meta.url.endsWith('.ts') ? new URL('../dist/parse-worker.js', import.meta.url) : new URL('./parse-worker.js', import.meta.url);

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(os.availableParallelism(), 8));
}

/**
 * Parses module files on `workers` threads (Markdown parsing is CPU-bound and
 * modules are independent), keeping the input order.
 */
export async function parseFilesInWorkers(
  jobs: { path: string; options: ParseModuleOptions }[],
  workers = defaultWorkerCount(),
): Promise<ParsedModule[]> {
  const results = new Array<ParsedModule>(jobs.length);
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(workerUrl));
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              const request: ParseRequest = { id, path: jobs[id]!.path, options: jobs[id]!.options };
              worker.postMessage(request);
            };
            worker.on('message', ({ id, plain }: { id: number; plain: PlainParsedModule }) => {
              results[id] = fromPlain(plain, '');
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}
