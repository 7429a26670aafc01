import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Collection } from '@pattern-press/format';
import { mapWithConcurrency } from '@pattern-press/render';
import type { AnswerSequence, CodeExample, CodeTest, PatternModule } from '@pattern-press/schema';
import ts from 'typescript';
import type { Finding } from './quality.js';
import { readableModules } from './readable.js';

export interface RunOptions {
  /** Per process. */
  timeoutMs?: number;
  concurrency?: number;
}

export interface RunFindings {
  code: Finding[];
  exam: Finding[];
}

interface Runtime {
  extension: string;
  command: string;
  args: (file: string) => string[];
  /** Source as written to disk (TypeScript is transpiled). */
  prepare: (source: string) => string;
}

const python: Runtime = { extension: '.py', command: 'python3', args: (file) => ['-E', '-s', '-B', file], prepare: (source) => source };
const javascript: Runtime = { extension: '.mjs', command: process.execPath, args: (file) => [file], prepare: (source) => source };
const typescript: Runtime = {
  extension: '.mjs',
  command: process.execPath,
  args: (file) => [file],
  prepare: (source) => ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText,
};

const runtimes: Record<string, Runtime> = { python, py: python, javascript: javascript, js: javascript, mjs: javascript, typescript, ts: typescript };

export function runtimeFor(language: string): Runtime | undefined {
  return runtimes[language.toLowerCase()];
}

let isolationChecked: boolean | undefined;

/** Whether `unshare -rn` can give a child its own, empty network namespace here. */
function networkIsolation(): boolean {
  isolationChecked ??= spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' }).status === 0;
  return isolationChecked;
}

export interface ProcessResult {
  code: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** Runs one program in `cwd` with a clean environment, no network where possible, and a timeout. */
export function runIsolated(command: string, args: string[], cwd: string, options: { timeoutMs: number; stdin?: string }): Promise<ProcessResult> {
  const [file, fileArgs] = networkIsolation() ? ['unshare', ['-rn', command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const child = spawn(file, fileArgs, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, timedOut, stdout, stderr: stderr + error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

function tail(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

function exampleFileName(example: CodeExample, runtime: Runtime): string {
  const name = example.file ?? `example${runtime.extension}`;
  return runtime === typescript ? name.replace(/\.(ts|mts)$/, '.mjs') : name;
}

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'press-run-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs an example's hidden tests (or the example alone when it has none), each in a fresh folder. */
async function runExample(example: CodeExample, pointer: string, timeoutMs: number): Promise<Finding[]> {
  const runtime = runtimeFor(example.language);
  if (!runtime) {
    return [{ reason: `\`${example.id}\` is runnable but ${example.language} cannot be run (python, javascript, typescript); mark it \`runnable=false\``, pointer }];
  }
  const programs: { test?: CodeTest; index: number }[] = example.tests.length > 0 ? example.tests.map((test, index) => ({ test, index })) : [{ index: -1 }];
  const findings: Finding[] = [];
  for (const { test, index } of programs) {
    const result = await inTempDir(async (dir) => {
      const fileName = exampleFileName(example, runtime);
      await writeFile(path.join(dir, fileName), runtime.prepare(example.source));
      if (!test) return runIsolated(runtime.command, runtime.args(fileName), dir, { timeoutMs });
      const testRuntime = runtimeFor(test.language) ?? runtime;
      const testFile = `test_${index + 1}${testRuntime.extension}`;
      await writeFile(path.join(dir, testFile), testRuntime.prepare(test.source));
      return runIsolated(testRuntime.command, testRuntime.args(testFile), dir, { timeoutMs });
    });
    if (result.code === 0 && !result.timedOut) continue;
    const what = test ? `test ${index + 1} of \`${example.id}\`` : `\`${example.id}\``;
    findings.push({
      reason: result.timedOut ? `${what} timed out after ${timeoutMs / 1000} s` : `${what} failed (exit ${result.code}):\n${tail(result.stderr || result.stdout)}`,
      ...(test?.position ? { place: test.position } : { pointer }),
    });
  }
  return findings;
}

/** Replays a `sequence` question against the code it names, through that code's driver. */
async function verifySequence(
  module: PatternModule,
  questionIndex: number,
  timeoutMs: number,
): Promise<Finding[]> {
  const question = module.exam!.questions[questionIndex]!;
  const answer = question.answer as AnswerSequence;
  const pointer = `/exam/questions/${questionIndex}/answer/verify`;
  const example = module.blocks.flatMap((block) => block.code).find((code) => code.id === answer.verify);
  if (!example) return [];
  if (!example.driver) {
    return [{ reason: `\`${example.id}\` has no \`driver\` fence, so question \`${question.id}\` cannot be replayed`, pointer }];
  }
  const runtime = runtimeFor(example.language);
  const driverRuntime = runtimeFor(example.driver.language);
  if (!runtime || !driverRuntime) return [{ reason: `cannot run ${example.language} to replay question \`${question.id}\``, pointer }];
  const result = await inTempDir(async (dir) => {
    await writeFile(path.join(dir, exampleFileName(example, runtime)), runtime.prepare(example.source));
    const driverFile = `driver${driverRuntime.extension}`;
    await writeFile(path.join(dir, driverFile), driverRuntime.prepare(example.driver!.source));
    const scenario = { config: answer.config ?? {}, initial: answer.initial, actions: answer.steps.map((step) => step.action ?? {}) };
    return runIsolated(driverRuntime.command, driverRuntime.args(driverFile), dir, { timeoutMs, stdin: JSON.stringify(scenario) });
  });
  if (result.code !== 0 || result.timedOut) {
    return [{ reason: `the driver of \`${example.id}\` failed replaying \`${question.id}\`:\n${tail(result.stderr || result.stdout)}`, place: example.driver.position }];
  }
  const states = result.stdout.trim().split('\n').map((line) => line.trim());
  return answer.steps.flatMap((step, index) => {
    const actual = states[index];
    if (actual === step.state) return [];
    return [{
      reason: `step ${index + 1} (${step.event}): the model answer says ${step.state}, \`${example.id}\` is in ${actual ?? 'no state (the driver printed fewer lines)'}`,
      pointer: `/exam/questions/${questionIndex}/answer/steps/${index}/state`,
    }];
  });
}

/**
 * `press check --run`: every runnable code example with its hidden tests, and
 * every sequence question replayed against the module's own code.
 */
export async function runCodeExamples(collection: Collection, options: RunOptions = {}): Promise<Map<string, RunFindings>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limit = options.concurrency ?? Math.max(1, os.availableParallelism());
  const jobs: { slug: string; kind: keyof RunFindings; run: () => Promise<Finding[]> }[] = [];
  const results = new Map<string, RunFindings>();
  for (const { document } of readableModules(collection)) {
    results.set(document.slug, { code: [], exam: [] });
    document.blocks.forEach((block, blockIndex) =>
      block.code.forEach((example, codeIndex) => {
        if (example.runnable) jobs.push({ slug: document.slug, kind: 'code', run: () => runExample(example, `/blocks/${blockIndex}/code/${codeIndex}`, timeoutMs) });
      }),
    );
    document.exam?.questions.forEach((question, index) => {
      if (question.type === 'sequence' && (question.answer as AnswerSequence).verify) {
        jobs.push({ slug: document.slug, kind: 'exam', run: () => verifySequence(document, index, timeoutMs) });
      }
    });
  }
  const findings = await mapWithConcurrency(jobs, limit, (job) => job.run());
  jobs.forEach((job, index) => results.get(job.slug)![job.kind].push(...findings[index]!));
  return results;
}
