import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fixturesDir, repoRoot } from '../helpers.js';

/**
 * The build engine's own files. A clone is of the committed repository; these
 * are laid over it from the work tree so the test exercises the engine as it
 * is now (once committed, this copies identical files).
 */
const engineFiles = ['turbo.json', 'package.json', 'pnpm-lock.yaml', 'scripts/build.sh', 'packages/cli/package.json', 'packages/cli/src', 'packages/engine/package.json', 'packages/engine/src', 'packages/emitter/package.json', 'packages/emitter/src'];

/** Every output task of the pipeline (root tasks in turbo.json). */
export const distTasks = ['dist:modules', 'dist:schedule', 'dist:pdf', 'dist:scorm', 'dist:slides', 'dist:report', 'dist:api'];

export interface Clone {
  dir: string;
  /** Why the clone cannot be used (git or the offline install failed), or undefined when it is ready. */
  unavailable?: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** `git clone` of the repository with the engine's files from the work tree and `modules/` replaced by a fixture, installed offline. */
export async function cloneRepo(fixture: string): Promise<Clone> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'press-clone-'));
  const cloned = run('git', ['clone', '--quiet', repoRoot, dir], os.tmpdir());
  if (cloned.status !== 0) return { dir, unavailable: `git clone failed: ${cloned.stderr.trim()}` };
  for (const file of engineFiles) {
    await cp(path.join(repoRoot, file), path.join(dir, file), { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  }
  // Fixture content keeps the outputs small: the test is about the cache, not about the emitters.
  await rm(path.join(dir, 'modules'), { recursive: true, force: true });
  await cp(path.join(fixturesDir, fixture), path.join(dir, 'modules'), { recursive: true });
  let install = run('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], dir);
  // Others may have added dependencies to their package.json without committing; the lockfile then differs from the clone's manifests.
  if (install.status !== 0) install = run('pnpm', ['install', '--no-frozen-lockfile', '--offline', '--reporter=silent'], dir);
  if (install.status !== 0) return { dir, unavailable: `pnpm install --offline failed: ${(install.stderr || install.stdout).trim().slice(0, 500)}` };
  return { dir };
}

export interface TaskSummary {
  taskId: string;
  status: 'HIT' | 'MISS';
  source?: string;
}

export interface TurboRun {
  code: number | null;
  output: string;
  tasks: TaskSummary[];
  seconds: number;
}

/** Runs the pipeline in `dir` (with --summarize) and reads turbo's run summary. */
export async function runPipeline(dir: string, env: NodeJS.ProcessEnv): Promise<TurboRun> {
  const runs = path.join(dir, '.turbo', 'runs');
  const before = new Set(await readdir(runs).catch(() => []));
  const started = performance.now();
  const result = run(path.join(dir, 'node_modules', '.bin', 'turbo'), ['run', ...distTasks, '--concurrency=2', '--summarize'], dir, {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    CI: 'true',
    ...env,
  });
  const seconds = (performance.now() - started) / 1000;
  const fresh = (await readdir(runs).catch(() => [])).filter((file) => !before.has(file) && file.endsWith('.json'));
  const tasks: TaskSummary[] = [];
  if (fresh.length === 1) {
    const summary = JSON.parse(await readFile(path.join(runs, fresh[0]!), 'utf8')) as { tasks: { taskId: string; cache: { status: 'HIT' | 'MISS'; source?: string } }[] };
    for (const task of summary.tasks) tasks.push({ taskId: task.taskId, status: task.cache.status, source: task.cache.source });
  }
  return { code: result.status, output: result.stdout + result.stderr, tasks, seconds };
}

export interface CacheServer {
  url: string;
  token: string;
  stop: () => Promise<void>;
}

/** turborepo-remote-cache (the npm package) on 127.0.0.1, an ephemeral port, local storage in `storage`. */
export async function startCacheServer(storage: string): Promise<CacheServer> {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const cli = path.join(path.dirname(require.resolve('turborepo-remote-cache/package.json')), 'dist', 'cli.js');
  const token = `press-test-${process.pid}`;
  const child: ChildProcess = spawn(process.execPath, [cli], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', STORAGE_PROVIDER: 'local', STORAGE_PATH: storage, STORAGE_PATH_USE_TMP_FOLDER: 'false', TURBO_TOKEN: token, LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`turborepo-remote-cache did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = log.match(/listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`turborepo-remote-cache exited (${code}):\n${log}`)));
  });
  return {
    url,
    token,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
