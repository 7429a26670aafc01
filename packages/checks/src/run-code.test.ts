import { loadCollection } from '@pattern-press/format';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCollection } from './collection-checks.js';
import { quotedFailure, runCodeExamples } from './run-code.js';
import { runSandboxed, sandboxLimits, type ProcessResult } from './sandbox.js';

// Real bwrap, python3 and node: these are the attacks the sandbox exists for.

const repository = fileURLToPath(new URL('../../..', import.meta.url));
let outside: string;

beforeAll(async () => {
  // A stand-in repository with a secret beside it, outside the work folder and outside /tmp's tmpfs view.
  outside = await mkdtemp(path.join(os.tmpdir(), 'press-sandbox-test-'));
  await mkdir(path.join(outside, 'repo'));
  await writeFile(path.join(outside, 'secret.txt'), 'TOP-SECRET-beside-the-repo');
  await writeFile(path.join(outside, 'repo', 'module.md'), 'original');
});

afterAll(async () => {
  await rm(outside, { recursive: true, force: true });
});

function marker(): string {
  // A sleep length no other process on the machine uses, to find leftovers by their command line.
  return `${300 + Math.floor(Math.random() * 1e6) / 1e7}`;
}

/** Processes on the host whose command line holds `text`. */
function processesWith(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return command.includes(text) ? [`${pid} ${command}`] : [];
      } catch {
        return [];
      }
    });
}

/** Leftovers may take a moment to be reaped; anything still there after a second survived. */
async function survivors(text: string): Promise<string[]> {
  for (let i = 0; i < 10; i++) {
    if (processesWith(text).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return processesWith(text);
}

async function python(source: string, timeoutMs = 15_000, file = 'main.py'): Promise<ProcessResult & { ms: number }> {
  const start = Date.now();
  const result = await runSandboxed({ interpreter: 'python', files: { [file]: source }, args: ['-E', '-s', '-B', file], timeoutMs });
  return { ...result, ms: Date.now() - start };
}

async function node(source: string, timeoutMs = 15_000): Promise<ProcessResult & { ms: number }> {
  const start = Date.now();
  const result = await runSandboxed({ interpreter: 'node', files: { 'main.mjs': source }, args: ['main.mjs'], timeoutMs });
  return { ...result, ms: Date.now() - start };
}

describe('the sandbox of press check --run', () => {
  it('writes to the host /tmp and beside the repository stay inside the sandbox', async () => {
    const tag = marker();
    const hostTmp = `/tmp/press-hostile-${tag}.txt`;
    const result = await python(`
import os
open(${JSON.stringify(hostTmp)}, 'w').write('was here')  # lands in the sandbox's own /tmp
for target in [${JSON.stringify(path.join(outside, 'escaped.txt'))}, ${JSON.stringify(path.join(outside, 'repo', 'module.md'))},
               '../escaped.txt', '/usr/escaped.txt', '/etc/escaped.txt', ${JSON.stringify(path.join(repository, 'escaped.txt'))}]:
    try:
        open(target, 'w').write('was here')
        print('WROTE', target)
    except OSError as error:
        print('blocked', target, type(error).__name__)
`);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('WROTE');
    expect(result.stdout.match(/^blocked /gm)).toHaveLength(6);
    expect(existsSync(hostTmp)).toBe(false);
    expect(existsSync(path.join(outside, 'escaped.txt'))).toBe(false);
    expect(existsSync(path.join(repository, 'escaped.txt'))).toBe(false);
    expect(readFileSync(path.join(outside, 'repo', 'module.md'), 'utf8')).toBe('original');
  });

  it('cannot read /etc/shadow, a secret beside the repository, or the repository itself', async () => {
    const result = await python(`
for target in ['/etc/shadow', ${JSON.stringify(path.join(outside, 'secret.txt'))}, ${JSON.stringify(path.join(repository, 'package.json'))}, '/etc/passwd', '/root/.bashrc']:
    try:
        print('READ', target, open(target).read()[:40])
    except OSError as error:
        print('blocked', target, type(error).__name__)
`);
    expect(result.stdout).not.toContain('READ');
    expect(result.stdout).not.toContain('TOP-SECRET');
    expect(result.stdout.match(/^blocked /gm)).toHaveLength(5);
  });

  it('kills setsid children and new sessions at the timeout, and the run returns promptly', async () => {
    const [first, second] = [marker(), marker()];
    const result = await python(
      `
import subprocess, time
subprocess.Popen(['setsid', 'sleep', '${first}'])
subprocess.Popen(['sleep', '${second}'], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(600)
`,
      2_000,
    );
    expect(result.timedOut).toBe(true);
    expect(result.ms).toBeLessThan(10_000);
    expect(await survivors(first)).toEqual([]);
    expect(await survivors(second)).toEqual([]);
  });

  it('a double-forked daemon does not outlive the program that started it', async () => {
    const [daemon, detached] = [marker(), marker()];
    const result = await python(`
import os
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        devnull = os.open('/dev/null', os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.execvp('sleep', ['sleep', '${daemon}'])
    os._exit(0)
print('parent done')
`);
    expect(result).toMatchObject({ code: 0, timedOut: false, stdout: 'parent done\n' });
    expect(result.ms).toBeLessThan(10_000);
    expect(await survivors(daemon)).toEqual([]);

    const fromNode = await node(`import { spawn } from 'node:child_process';
spawn('sleep', ['${detached}'], { detached: true, stdio: 'ignore' }).unref();
console.log('parent done');`);
    expect(fromNode).toMatchObject({ code: 0, stdout: 'parent done\n' });
    expect(await survivors(detached)).toEqual([]);
  });

  it('has no network: only a loopback interface, and the internet is unreachable', async () => {
    const result = await python(`
import socket
print([name for _, name in socket.if_nameindex()])
try:
    socket.create_connection(('1.1.1.1', 53), timeout=5)
    print('CONNECTED')
except OSError as error:
    print(error)
`);
    expect(result.stdout).toBe("['lo']\n[Errno 101] Network is unreachable\n");
    const fromNode = await node(`import net from 'node:net';
net.connect(53, '1.1.1.1').on('connect', () => console.log('CONNECTED')).on('error', (error) => console.log(error.code));`);
    expect(fromNode.stdout).toBe('ENETUNREACH\n');
  });

  it('stops a fork bomb at the process limit', async () => {
    const tag = marker();
    const result = await python(
      `
import os
started = 0
try:
    for _ in range(1000):
        if os.fork() == 0:
            os.execvp('sleep', ['sleep', '${tag}'])
        started += 1
finally:
    print('started', started)
`,
      15_000,
      `bomb.py`,
    );
    const started = Number(/started (\d+)/.exec(result.stdout)?.[1]);
    expect(started).toBeGreaterThan(10);
    expect(started).toBeLessThan(sandboxLimits.processes);
    expect(result.stderr).toMatch(/BlockingIOError: \[Errno 11\] Resource temporarily unavailable/);
    expect(await survivors(tag)).toEqual([]);
  });

  it('stops a 4 GB allocation at the memory limit, in python and in node', async () => {
    const result = await python(`
try:
    block = bytearray(4 * 2**30)
    print('ALLOCATED')
except MemoryError:
    print('MemoryError')
block = bytearray(256 * 2**20)  # what an example may really need still works
print('256 MB ok')
`);
    expect(result.stdout).toBe('MemoryError\n256 MB ok\n');
    const fromNode = await node(`try { Buffer.alloc(4 * 2 ** 30); console.log('ALLOCATED'); } catch (error) { console.log(error.message); }`);
    expect(fromNode.stdout).toBe('Array buffer allocation failed\n');
  });

  it('cuts 600 MB of output at the output limit and stops the program', async () => {
    const result = await python(`
import sys
chunk = 'x' * 1_000_000
for _ in range(600):
    sys.stdout.write(chunk)
`);
    expect(result.outputCut).toBe(true);
    expect(result.stdout.length).toBe(sandboxLimits.outputBytes);
    expect(result.ms).toBeLessThan(10_000);
  });

  it('caps file sizes and the private folders, so the disk cannot be filled', async () => {
    const result = await python(`
import os
for name in ['big.bin', '/tmp/big.bin']:
    try:
        with open(name, 'wb') as file:
            file.write(b'x' * (${sandboxLimits.fileBytes} + 1))
        print('WROTE', name)
    except OSError as error:
        print(name, error.strerror)
os.remove('big.bin')
written = 0
try:
    for index in range(100):
        with open(f'part{index}.bin', 'wb') as file:
            file.write(b'x' * (16 * 2**20))
        written += 16
except OSError as error:
    print(error.strerror, 'after', written, 'MB')
`);
    expect(result.stdout).toContain('big.bin File too large\n/tmp/big.bin File too large\n');
    expect(result.stdout).toMatch(/No space left on device after (48|64) MB/);
  });

  it('runs as an unprivileged user with a clean environment', async () => {
    const result = await python(`
import os
print(os.getuid() != 0, os.getgid() != 0, os.getcwd(), sorted(os.environ))
print(open('/proc/self/status').read().split('CapEff:')[1].split()[0])
`);
    expect(result.stdout).toBe("True True /sandbox ['HOME', 'LANG', 'LOGNAME', 'NO_COLOR', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', 'TMPDIR', 'USER']\n0000000000000000\n");
  });
});

describe('press check --run findings', () => {
  const roots: string[] = [];
  afterAll(async () => {
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  });

  /** A collection of one research-status module holding `code` (one or more :::code directives). */
  async function runModule(code: string, timeoutMs = 15_000) {
    const root = await mkdtemp(path.join(os.tmpdir(), 'press-run-code-'));
    roots.push(root);
    await writeFile(
      path.join(root, 'catalog.yaml'),
      'categories: [{ id: resilience, title: Resilience }]\npatterns:\n  - { slug: alpha, title: Alpha, category: resilience, priority: 1, complexity: low, depends_on: [], real_examples: [] }\n',
    );
    await mkdir(path.join(root, 'alpha'));
    const module = `---
slug: alpha
title: Alpha
tagline: Runs code
version: 0.1.0
difficulty: beginner
duration: 10
status: draft
authors: [author-a]
research:
  sources: { academic: [], industry: [], code: [] }
  analysis: { problem_solved: [a], key_mechanics: [b], performance_metrics: [] }
  production_implementations: []
  failure_cases: []
---

::::block{#run minutes=10}
## Running

${code}
::::
`;
    await writeFile(path.join(root, 'alpha', 'module.md'), module);
    const collection = await loadCollection(root);
    checkCollection(collection);
    const run = await runCodeExamples(collection, { timeoutMs, concurrency: 2 });
    return run.get('alpha')!.code.map((finding) => finding.reason);
  }

  it('passes working python, javascript and typescript examples with their tests', async () => {
    const reasons = await runModule(`:::code{#py file=counter.py}
\`\`\`python
def count(items):
    return len(items)
\`\`\`

\`\`\`python test
from counter import count
assert count([1, 2]) == 2
\`\`\`
:::

:::code{#js file=counter.mjs}
\`\`\`javascript
export const count = (items) => items.length;
\`\`\`

\`\`\`javascript test
import assert from 'node:assert';
import { count } from './counter.mjs';
assert.equal(count([1, 2]), 2);
\`\`\`
:::

:::code{#ts file=counter.ts}
\`\`\`typescript
export function count<T>(items: readonly T[]): number {
  return items.length;
}
\`\`\`

\`\`\`typescript test
import assert from 'node:assert';
import { count } from './counter.mjs';
const items: number[] = [1, 2];
assert.equal(count(items), 2);
\`\`\`
:::`);
    expect(reasons).toEqual([]);
  });

  it('quotes a node SyntaxError with its location, without the version footer', async () => {
    const reasons = await runModule(`:::code{#broken file=broken.mjs}
\`\`\`javascript
export function add(a, b) {
  return a +;
}
\`\`\`
:::`);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^`broken` failed \(exit 1\):\nfile:\/\/\/sandbox\/broken\.mjs:2\n/);
    expect(reasons[0]).toContain("SyntaxError: Unexpected token ';'");
    expect(reasons[0]).not.toContain('Node.js v');
  });

  it('reports cut output and timeouts as findings, not crashes', async () => {
    const reasons = await runModule(
      `:::code{#chatty file=chatty.py}
\`\`\`python
import sys
while True:
    sys.stdout.write('x' * 1_000_000)
\`\`\`
:::

:::code{#stuck file=stuck.py}
\`\`\`python
import subprocess, time
subprocess.Popen(['setsid', 'sleep', '600'])
time.sleep(600)
\`\`\`
:::`,
      2_000,
    );
    expect(reasons).toEqual(['`chatty` printed more than 1 MB: the output was cut at 1 MB and the program stopped', '`stuck` timed out after 2 s']);
  });
});

describe('quotedFailure', () => {
  it('keeps node’s error line and the author’s frame, drops the footer, node’s own place and internal frames', () => {
    const output = [
      'node:assert:408',
      '    throw err;',
      '    ^',
      '',
      'AssertionError [ERR_ASSERTION]: The expression evaluated to a falsy value:',
      '',
      '  assert.ok(count([1, 2]) === 3)',
      '',
      '    at file:///sandbox/test_1.mjs:3:8',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:195:25)',
      '    at async ModuleLoader.import (node:internal/modules/esm/loader:336:24)',
      '{',
      '  generatedMessage: true,',
      "  code: 'ERR_ASSERTION',",
      '  actual: false,',
      '  expected: true,',
      "  operator: '=='",
      '}',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    expect(quotedFailure(output)).toBe(
      [
        'AssertionError [ERR_ASSERTION]: The expression evaluated to a falsy value:',
        '…',
        '    at file:///sandbox/test_1.mjs:3:8',
        '…',
        '  generatedMessage: true,',
        "  code: 'ERR_ASSERTION',",
        '  actual: false,',
        '  expected: true,',
        "  operator: '=='",
        '}',
      ].join('\n'),
    );
  });

  it('finds a plain `Error:` line and the frame in the author’s file among node’s built-in frames', () => {
    const output = [
      'node:fs:573',
      '  return binding.open(',
      '                 ^',
      '',
      "Error: ENOENT: no such file or directory, open '/etc/shadow'",
      '    at Object.openSync (node:fs:573:18)',
      '    at Object.readFileSync (node:fs:452:35)',
      '    at file:///sandbox/escape.mjs:4:13',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:195:25)',
      '{',
      '  errno: -2,',
      "  code: 'ENOENT',",
      "  syscall: 'open',",
      "  path: '/etc/shadow'",
      '}',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    const quote = quotedFailure(output);
    expect(quote).toContain("Error: ENOENT: no such file or directory, open '/etc/shadow'\n    at file:///sandbox/escape.mjs:4:13");
    expect(quote).not.toMatch(/node:fs|Node\.js v/);
  });

  it('keeps a Python traceback’s last lines, where the error is', () => {
    const output = ['Traceback (most recent call last):', '  File "/sandbox/test_1.py", line 2, in <module>', '    assert count([1, 2]) == 3', 'AssertionError', ''].join('\n');
    expect(quotedFailure(output)).toBe(output.trim());
  });
});
