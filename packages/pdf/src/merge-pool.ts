import { Worker } from 'node:worker_threads';
import type { MergeJob, MergeResult } from './merge-job.js';
import type { MergeFailure, MergeRequest, MergeResponse } from './merge-worker.js';

/**
 * Tests run this file from src/ (TypeScript), where no merge-worker.js sits beside it: they start the
 * compiled worker in dist/ (the test task builds first), so they merge on a worker as the build does.
 */
const workerUrl = import.meta.url.endsWith('.ts') ? new URL('../dist/merge-worker.js', import.meta.url) : new URL('./merge-worker.js', import.meta.url);

/**
 * The workers' node options: the process's, but a `--cpu-prof-name` (one file name, as the benchmark
 * gives) is left out, or each thread's profile would overwrite the main thread's; the workers' get
 * node's default names, in the same `--cpu-prof-dir`. Otherwise undefined: node passes the process's on.
 */
function workerExecArgv(): string[] | undefined {
  const argv = process.execArgv;
  if (!argv.some((arg) => arg.startsWith('--cpu-prof-name'))) return undefined;
  return argv.filter((arg, index) => !arg.startsWith('--cpu-prof-name') && argv[index - 1] !== '--cpu-prof-name');
}

export interface MergePool {
  /** Runs the merge on a worker: its result, or its error (the output file removed). */
  merge(job: MergeJob): Promise<MergeResult>;
  /** Stops the workers (a merge still running fails, and its file is removed); the pool takes no more jobs. */
  close(): Promise<void>;
}

interface Task {
  job: MergeJob;
  resolve: (result: MergeResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  running?: (Task & { id: number }) | undefined;
  /** What the worker threw outside a job (an uncaught error, running out of memory): the reason of the job it ends. */
  crash?: Error | undefined;
}

function rebuiltError(failure: MergeFailure): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack !== undefined) error.stack = failure.stack;
  if (failure.code !== undefined) Object.assign(error, { code: failure.code });
  return error;
}

/**
 * Merges documents on up to `size` worker threads (merge-worker.ts): a
 * merge is seconds of synchronous pdf-lib work, and on the main thread it
 * held up everything else a build does (e-books, the other outputs' HTML,
 * starting the next prints). Workers start with the pool (loading pdf-lib
 * while the parts print) and take one job at a time, each the next queued
 * one. An idle worker is unref'd: it never keeps the process alive, so a
 * pool that is not closed (a build stopped half way) cannot hang it, but
 * the owner closes the pool when done: `press dev` makes one per rebuild.
 * A worker that dies fails its job and is replaced by the next job.
 */
export function mergePool(size: number): MergePool {
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let closed = false;
  let ids = 0;

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(workerUrl, { execArgv: workerExecArgv() }) };
    slot.worker.unref();
    slot.worker.on('message', (response: MergeResponse) => {
      const task = slot.running;
      if (task?.id !== response.id) return;
      slot.running = undefined;
      slot.worker.unref();
      if ('error' in response) task.reject(rebuiltError(response.error));
      else task.resolve(response.result);
      dispatch();
    });
    slot.worker.on('error', (error) => {
      slot.crash = error;
    });
    slot.worker.on('exit', (code) => {
      if (slots.includes(slot)) slots.splice(slots.indexOf(slot), 1);
      slot.running?.reject(slot.crash ?? new Error(closed ? 'the PDF merge was stopped' : `the PDF merge worker stopped (exit code ${code})`));
      slot.running = undefined;
      dispatch();
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = () => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((candidate) => candidate.running === undefined) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) return;
      const task = { ...queue.shift()!, id: ids++ };
      slot.running = task;
      // Referenced while it works: the caller awaits its answer, and a promise alone keeps no process alive.
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies MergeRequest);
    }
  };

  for (let i = 0; i < size; i++) spawn();
  return {
    merge: (job) =>
      new Promise<MergeResult>((resolve, reject) => {
        if (closed) return reject(new Error('the PDF merge pool is closed'));
        queue.push({ job, resolve, reject });
        dispatch();
      }),
    close: async () => {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('the PDF merge was stopped'));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
