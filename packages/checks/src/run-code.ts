import { createRequire } from 'node:module';
import os from 'node:os';
import type { Collection } from '@pattern-press/format';
import { mapWithConcurrency } from '@pattern-press/render';
import type { CodeExample, CodeTest, PatternModule } from '@pattern-press/schema';
import type * as TypeScript from 'typescript';
import type { Finding } from './quality.js';
import { readableModules } from './readable.js';
import { ensureHidden, ensureSandbox, runSandboxed, sandboxLimits, sandboxWorkDir, type InterpreterName, type ProcessResult } from './sandbox.js';

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
  interpreter: InterpreterName;
  args: (file: string) => string[];
  /** Source as written to disk (TypeScript is transpiled). */
  prepare: (source: string) => string;
}

// TypeScript (a second of start-up) is loaded only when a TypeScript example is run (`--run`), never by a plain check.
const require = createRequire(import.meta.url);
let typescriptCompiler: typeof TypeScript | undefined;

function transpile(source: string): string {
  const ts = (typescriptCompiler ??= require('typescript') as typeof TypeScript);
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
}

const python: Runtime = { extension: '.py', interpreter: 'python', args: (file) => ['-E', '-s', '-B', file], prepare: (source) => source };
const javascript: Runtime = { extension: '.mjs', interpreter: 'node', args: (file) => [file], prepare: (source) => source };
const typescript: Runtime = {
  extension: '.mjs',
  interpreter: 'node',
  args: (file) => [file],
  prepare: transpile,
};

const runtimes: Record<string, Runtime> = { python, py: python, javascript: javascript, js: javascript, mjs: javascript, typescript, ts: typescript };

export function runtimeFor(language: string): Runtime | undefined {
  return runtimes[language.toLowerCase()];
}

/** Lines that say nothing about the author's code: node's version footer and built-in frames, V8's native stack. */
function isNoise(line: string): boolean {
  return /^Node\.js v\d/.test(line) || /^\s+at (.* \()?node:/.test(line) || /^\s*\d+: 0x[0-9a-f]+\b/.test(line) || line.trim() === '';
}

const errorLine = /^(Uncaught )?([A-Z][\w$.]*)?(Error|Exception)\b|^FATAL ERROR\b/;
const authorFrame = new RegExp(`^\\s+at .*${sandboxWorkDir}/`);

/**
 * What a failed program's output has to say, bounded: its first error line,
 * the lines before it that locate it in the author's code (node's file:line,
 * source and caret) and the first stack frame in the author's files, then the
 * last lines, where Python puts its error.
 */
export function quotedFailure(output: string, tailLines = 6, contextLines = 3): string {
  const lines = output.replace(/\r\n?/g, '\n').split('\n').filter((line) => !isNoise(line));
  const keep = new Set<number>();
  for (let index = Math.max(0, lines.length - tailLines); index < lines.length; index++) keep.add(index);
  const first = lines.findIndex((line) => errorLine.test(line));
  if (first >= 0) {
    const contextStart = Math.max(0, first - contextLines);
    // node heads an error with where it was thrown; inside node's own code (node:fs:573) that place is no help.
    if (!lines[contextStart]!.startsWith('node:')) for (let index = contextStart; index < first; index++) keep.add(index);
    keep.add(first);
    const frame = lines.findIndex((line, index) => index > first && authorFrame.test(line));
    if (frame >= 0) keep.add(frame);
  }
  const kept = [...keep].sort((a, b) => a - b);
  return kept.flatMap((index, position) => (position > 0 && index > kept[position - 1]! + 1 ? ['…', lines[index]!] : [lines[index]!])).join('\n');
}

function exitDescription(code: number | null): string {
  if (code === null) return 'killed';
  const signal = code > 128 ? Object.entries(os.constants.signals).find(([, number]) => number === code - 128)?.[0] : undefined;
  return signal ? `exit ${code}, ${signal}` : `exit ${code}`;
}

const outputMB = sandboxLimits.outputBytes / (1024 * 1024);

/** How a run went wrong, in words, and the output worth quoting; undefined when it passed. */
function failureOf(result: ProcessResult, timeoutMs: number): { summary: string; quote?: string } | undefined {
  if (result.timedOut) return { summary: `timed out after ${timeoutMs / 1000} s` };
  if (result.outputCut) return { summary: `printed more than ${outputMB} MB: the output was cut at ${outputMB} MB and the program stopped` };
  if (result.code === 0) return undefined;
  return { summary: `failed (${exitDescription(result.code)})`, quote: quotedFailure(result.stderr || result.stdout) };
}

function withQuote(text: string, quote: string | undefined): string {
  return quote ? `${text}:\n${quote}` : text;
}

function exampleFileName(example: CodeExample, runtime: Runtime): string {
  const name = example.file ?? `example${runtime.extension}`;
  return runtime === typescript ? name.replace(/\.(ts|mts)$/, '.mjs') : name;
}

/** Runs an example's hidden tests (or the example alone when it has none), each in a fresh sandbox. */
async function runExample(example: CodeExample, pointer: string, timeoutMs: number): Promise<Finding[]> {
  const runtime = runtimeFor(example.language);
  if (!runtime) {
    return [{ reason: `\`${example.id}\` is runnable but ${example.language} cannot be run (python, javascript, typescript); mark it \`runnable=false\``, pointer }];
  }
  const fileName = exampleFileName(example, runtime);
  const programs: { test?: CodeTest; index: number }[] = example.tests.length > 0 ? example.tests.map((test, index) => ({ test, index })) : [{ index: -1 }];
  const findings: Finding[] = [];
  for (const { test, index } of programs) {
    const files: Record<string, string> = { [fileName]: runtime.prepare(example.source) };
    let entry = { runtime, file: fileName };
    if (test) {
      const testRuntime = runtimeFor(test.language) ?? runtime;
      entry = { runtime: testRuntime, file: `test_${index + 1}${testRuntime.extension}` };
      files[entry.file] = testRuntime.prepare(test.source);
    }
    const result = await runSandboxed({ interpreter: entry.runtime.interpreter, files, args: entry.runtime.args(entry.file), timeoutMs });
    const failure = failureOf(result, timeoutMs);
    if (!failure) continue;
    const what = test ? `test ${index + 1} of \`${example.id}\`` : `\`${example.id}\``;
    findings.push({ reason: withQuote(`${what} ${failure.summary}`, failure.quote), ...(test?.position ? { place: test.position } : { pointer }) });
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
  if (question.type !== 'sequence') throw new Error(`question ${questionIndex} of ${module.slug} is not a sequence question`);
  const answer = question.answer;
  const pointer = `/exam/questions/${questionIndex}/answer/verify`;
  const example = module.blocks.flatMap((block) => block.code).find((code) => code.id === answer.verify);
  if (!example) return [];
  if (!example.driver) {
    return [{ reason: `\`${example.id}\` has no \`driver\` fence, so question \`${question.id}\` cannot be replayed`, pointer }];
  }
  const runtime = runtimeFor(example.language);
  const driverRuntime = runtimeFor(example.driver.language);
  if (!runtime || !driverRuntime) return [{ reason: `cannot run ${example.language} to replay question \`${question.id}\``, pointer }];
  const driverFile = `driver${driverRuntime.extension}`;
  const scenario = { config: answer.config ?? {}, initial: answer.initial, actions: answer.steps.map((step) => step.action ?? {}) };
  const result = await runSandboxed({
    interpreter: driverRuntime.interpreter,
    files: { [exampleFileName(example, runtime)]: runtime.prepare(example.source), [driverFile]: driverRuntime.prepare(example.driver.source) },
    args: driverRuntime.args(driverFile),
    stdin: JSON.stringify(scenario),
    timeoutMs,
  });
  const failure = failureOf(result, timeoutMs);
  if (failure) {
    return [{ reason: withQuote(`the driver of \`${example.id}\` ${failure.summary} replaying \`${question.id}\``, failure.quote), place: example.driver.position }];
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
 * every sequence question replayed against the module's own code, each program
 * in its own sandbox (see sandbox.ts). Rejects with SandboxUnavailableError
 * when there is code to run and no sandbox can be made.
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
      if (question.type === 'sequence' && question.answer.verify) {
        jobs.push({ slug: document.slug, kind: 'exam', run: () => verifySequence(document, index, timeoutMs) });
      }
    });
  }
  if (jobs.length > 0) {
    // Refuse before running anything: module code never runs outside the sandbox.
    await ensureSandbox();
    await ensureHidden(collection.root);
  }
  const findings = await mapWithConcurrency(jobs, limit, (job) => job.run());
  jobs.forEach((job, index) => results.get(job.slug)![job.kind].push(...findings[index]!));
  return results;
}
