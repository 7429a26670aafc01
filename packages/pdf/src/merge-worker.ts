import { parentPort } from 'node:worker_threads';
import { runMergeJob, type MergeJob, type MergeResult } from './merge-job.js';

export interface MergeRequest {
  id: number;
  job: MergeJob;
}

/** A failure as plain data: the pool rebuilds the Error (its class is lost in a structured clone either way). */
export interface MergeFailure {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: string | undefined;
}

export type MergeResponse = { id: number; result: MergeResult } | { id: number; error: MergeFailure };

function failure(error: unknown): MergeFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, stack: error.stack, code: typeof code === 'string' ? code : undefined };
}

// One job at a time: the pool sends the next one when this one has answered.
parentPort?.on('message', (request: MergeRequest) => {
  runMergeJob(request.job).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies MergeResponse),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: failure(error) } satisfies MergeResponse),
  );
});
