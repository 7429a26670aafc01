import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParseRequest, ParseResponse } from './parse-worker.js';

/**
 * Below this many files to parse (cache misses), starting workers costs more
 * than it saves: each worker loads the parser and compiles the schemas
 * (about 1 s of CPU), and 9 real modules parsed in 3.7 s on the main thread
 * but 7–9 s on two workers (docs/build-engine.md, "The parse cache").
 */
export const parallelThreshold = 50;

/**
 * Workers pay only on cores nobody else uses: on an idle 2-core machine two
 * workers parsed 100 generated modules in 16–19 s instead of 30–36 s and
 * 1000 in 137 s instead of 187 s for about the same CPU time, but with other
 * work running (load average 5–7) the same 100 took 63 s instead of 36 s.
 * So there are as many workers as cores left idle by the last minute's load
 * average (at most 8), and none when that is fewer than two.
 */
const maxWorkers = 8;

// Tests run this file from src/ (TypeScript); the worker must be the compiled one in dist/.
const workerUrl = import.meta.url.endsWith('.ts') ? new URL('../dist/parse-worker.js', import.meta.url) : new URL('./parse-worker.js', import.meta.url);

/** PRESS_PARSE_WORKERS=n: parse on n worker threads (0 or 1: on the main thread), whatever the machine. */
function workersFromEnv(): number | undefined {
  const value = process.env.PRESS_PARSE_WORKERS;
  if (value === undefined || value.trim() === '') return undefined;
  const count = Number(value);
  return Number.isInteger(count) && count >= 0 ? Math.max(1, Math.min(count, 16)) : undefined;
}

/** Worker threads on this machine now: one per core the load average leaves idle, up to 8; 1 (the main thread) when fewer than two are idle. */
export function defaultWorkerCount(): number {
  const fromEnv = workersFromEnv();
  if (fromEnv !== undefined) return fromEnv;
  const cores = os.availableParallelism();
  const idle = Math.round(cores - os.loadavg()[0]!);
  return idle < 2 ? 1 : Math.min(idle, maxWorkers);
}

/** How many workers to parse `files` module files with (1: on the main thread). */
export function workersFor(files: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, requested);
  const fromEnv = workersFromEnv();
  if (fromEnv !== undefined) return fromEnv;
  return files >= parallelThreshold ? defaultWorkerCount() : 1;
}

export type ParseJob = Omit<ParseRequest, 'id'>;

/**
 * Parses module files on `workers` threads (modules are independent),
 * keeping the input order. The workers get the bytes the main thread read
 * and return cache entries (parse-worker.ts).
 */
export async function parseInWorkers(jobs: readonly ParseJob[], workers = defaultWorkerCount()): Promise<ParseResponse[]> {
  const results = new Array<ParseResponse>(jobs.length);
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(workerUrl));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              const request: ParseRequest = { id, ...jobs[id]! };
              worker.postMessage(request);
            };
            worker.on('message', (response: ParseResponse) => {
              results[response.id] = response;
              done++;
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (done < jobs.length) reject(new Error(`a parse worker stopped (exit code ${code})`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}
