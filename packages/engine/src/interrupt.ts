import { rm } from 'node:fs/promises';

/**
 * What the CLI undoes when it is stopped: Ctrl-C, `kill`, a closed terminal,
 * or the death of the process that started it (`pnpm press build` killed
 * does not pass the signal on, and an orphaned builder would go on to
 * replace dist/ minutes later). Each piece of work registers how to undo
 * itself (close the browser, remove the staging folder); on a stop they all
 * run, then the process exits with the shell's code for the signal.
 */
type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();
const signalCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type StopSignal = keyof typeof signalCodes;

let installed = false;
let stopping: StopSignal | undefined;

/** Registers `cleanup` to run if the process is stopped; returns the function that unregisters it. */
export function onStop(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/**
 * Registers the stop of a build: its browser closed first (it stops the
 * renders that would go on writing into the folders; a hung one gets 3 s),
 * then its temporary folders removed. `browser` is read at stop time: the
 * build launches it later, if at all.
 */
export function onStopCloseAndRemove(browser: () => { close(): Promise<void> } | undefined, folders: readonly string[]): () => void {
  return onStop(async () => {
    await Promise.race([
      browser()
        ?.close()
        .catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 3000).unref()),
    ]);
    for (const folder of folders) await rm(folder, { recursive: true, force: true, maxRetries: 5 });
  });
}

/** Whether a stop is under way (long loops can end early). */
export function isStopping(): boolean {
  return stopping !== undefined;
}

/** The cleanups get this long in total: a hung browser must not keep a stopped build alive. */
const cleanupBudgetMs = 10_000;

async function stop(signal: StopSignal, write: (text: string) => void): Promise<never> {
  stopping = signal;
  // Work cut short by the cleanups (a render whose browser is closing) fails on its way out; that must not
  // crash the process before the staging folder is gone.
  process.on('unhandledRejection', () => undefined);
  process.on('uncaughtException', () => undefined);
  write(`\npress: stopped (${signal}); cleaning up\n`);
  const all = Promise.allSettled([...cleanups].map(async (cleanup) => cleanup()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, cleanupBudgetMs).unref())]);
  process.exit(signalCodes[signal]);
}

/**
 * Installs the signal handlers and the parent watch, once. A second signal
 * while cleaning up exits at once. Commands that end on a signal by design
 * (`serve`, `dev`) keep their own handlers (`signals: false`): for them a
 * lost parent becomes a SIGTERM to themselves.
 */
export function installStopHandlers(write: (text: string) => void, options: { signals?: boolean } = {}): void {
  if (installed) return;
  installed = true;
  const handleSignals = options.signals !== false;
  if (handleSignals) {
    for (const signal of Object.keys(signalCodes) as StopSignal[]) {
      process.on(signal, () => {
        if (stopping) process.exit(signalCodes[signal]);
        void stop(signal, write);
      });
    }
  }
  // Node offers no PR_SET_PDEATHSIG; a changed parent id means the parent is gone and we were re-parented.
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent || stopping) return;
    if (handleSignals) void stop('SIGHUP', write);
    else process.kill(process.pid, 'SIGTERM');
  }, 500);
  timer.unref();
}
