import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

const MiB = 1024 * 1024;

/** What one sandboxed program may use (the README lists the same values). */
export const sandboxLimits = {
  /**
   * RLIMIT_DATA, the heap and every private writable mapping. Not RLIMIT_AS:
   * V8 reserves gigabytes of address space it never uses, so node would not start.
   */
  memoryBytes: 1024 * MiB,
  /** node's own heap ceiling, below memoryBytes so V8 says "heap out of memory" instead of crashing. */
  nodeHeapMiB: 768,
  /** RLIMIT_NPROC, processes and threads of the sandbox's user (one user per sandbox). */
  processes: 64,
  /** RLIMIT_FSIZE, the largest file a program may write. */
  fileBytes: 32 * MiB,
  /** Size of each private tmpfs: the work folder and /tmp. */
  tmpfsBytes: 64 * MiB,
  /** RLIMIT_NOFILE. */
  openFiles: 256,
  /** RLIMIT_STACK, soft and hard, so a program cannot lift it. */
  stackBytes: 8 * MiB,
  /** stdout and stderr each; past it the sandbox is killed. */
  outputBytes: 1 * MiB,
} as const;

/** The program's working folder (and HOME) inside the sandbox. */
export const sandboxWorkDir = '/sandbox';

/** No sandbox can be made here: `--run` refuses rather than run module code unsandboxed. */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}

export type InterpreterName = 'python' | 'node';

interface Interpreter {
  /** Run inside the sandbox at the same path as on the host. */
  executable: string;
  /** Options before the program's own arguments. */
  flags: string[];
  /** Host files and folders outside /usr the interpreter needs, bound read-only at the same path. */
  roots: string[];
  /** Folders put first on PATH inside. */
  bin: string[];
}

interface Tools {
  bwrap: string;
  prlimit: string;
  /** Only when running as root (see privilegeArgs). */
  setpriv?: string;
}

/** The first executable `name` on PATH. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function isUnder(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The folders of the host system the sandbox shows read-only; /usr holds all of them on a merged-/usr system. */
const systemDirs = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

function visibleInSandbox(file: string): boolean {
  return systemDirs.some((dir) => isUnder(file, dir));
}

/**
 * Host paths to bind read-only so the interpreter runs: resolved, outside the
 * system view, without one nested in another.
 */
function bindableRoots(paths: string[]): string[] {
  const resolved = [...new Set(paths.filter((p) => p && existsSync(p)).map((p) => realpathSync(p)))].filter((p) => !visibleInSandbox(p));
  return resolved.filter((p) => !resolved.some((other) => other !== p && isUnder(p, other))).sort();
}

/** `/opt/node/bin/node` → `/opt/node`. */
function installPrefix(executable: string): string {
  const dir = path.dirname(executable);
  return path.basename(dir) === 'bin' ? path.dirname(dir) : dir;
}

function nodeInterpreter(): Interpreter {
  const executable = realpathSync(process.execPath);
  const prefix = installPrefix(executable);
  // A node unpacked into a real prefix (nvm, /opt/node) keeps its modules there; a bare binary in ~/bin must not expose the whole home.
  const ownPrefix = existsSync(path.join(prefix, 'lib', 'node_modules')) || existsSync(path.join(prefix, 'include', 'node'));
  return {
    executable,
    flags: [`--max-old-space-size=${sandboxLimits.nodeHeapMiB}`],
    roots: bindableRoots([ownPrefix ? prefix : executable]),
    bin: [path.dirname(executable)],
  };
}

function execFileText(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile(file, args, { timeout: 20_000, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
}

/**
 * The python3 on PATH, as the interpreter itself reports it: version managers
 * (pyenv) put shell-script shims on PATH that would not run in the sandbox.
 */
async function pythonInterpreter(): Promise<Interpreter | undefined> {
  const report = 'import json, sys; print(json.dumps([sys.executable, sys.prefix, sys.base_prefix]))';
  const output = await execFileText('python3', ['-I', '-c', report]).catch(() => undefined);
  if (!output) return undefined;
  const [executable, prefix, basePrefix] = JSON.parse(output) as [string, string, string];
  if (!executable) return undefined;
  const real = realpathSync(executable);
  return {
    executable,
    flags: [],
    roots: bindableRoots([prefix, basePrefix, installPrefix(real)]),
    bin: [...new Set([path.dirname(executable), path.dirname(real)])],
  };
}

const interpreters = new Map<InterpreterName, Promise<Interpreter | undefined>>();

/** The interpreter on this host, found once; undefined when it is not installed. */
function interpreterFor(name: InterpreterName): Promise<Interpreter | undefined> {
  let found = interpreters.get(name);
  if (!found) {
    found = name === 'node' ? Promise.resolve(nodeInterpreter()) : pythonInterpreter();
    interpreters.set(name, found);
  }
  return found;
}

/**
 * Rejects when the install folder of an interpreter, which every sandbox shows
 * read-only, holds `folder` (the modules): the code would read the repository.
 */
export async function ensureHidden(folder: string): Promise<void> {
  const target = realpathSync(folder);
  for (const name of ['python', 'node'] as const) {
    const root = (await interpreterFor(name))?.roots.find((candidate) => isUnder(target, candidate));
    if (root) {
      throw new SandboxUnavailableError(`--run would show every program ${root}, where ${name} is installed, and that folder holds the modules: install ${name} elsewhere`);
    }
  }
}

let toolsFound: Tools | undefined;

function sandboxTools(): Tools {
  if (toolsFound) return toolsFound;
  const bwrap = onPath('bwrap');
  if (!bwrap) {
    throw new SandboxUnavailableError(
      `--run runs module code only inside a bubblewrap sandbox, and bubblewrap (bwrap) is not installed: install it with \`sudo apt-get install bubblewrap\` (or run scripts/setup.sh)`,
    );
  }
  const prlimit = onPath('prlimit');
  const setpriv = isRoot() ? onPath('setpriv') : undefined;
  if (!prlimit || (isRoot() && !setpriv)) {
    throw new SandboxUnavailableError('--run limits sandboxed programs with prlimit and setpriv, which are missing: install them with `sudo apt-get install util-linux`');
  }
  toolsFound = { bwrap, prlimit, ...(setpriv ? { setpriv } : {}) };
  return toolsFound;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** bwrap creates missing parents with the host folder's mode (0700 for /root), which would lock the sandbox user out. */
function openParents(target: string): string[] {
  const parents: string[] = [];
  for (let dir = path.dirname(target); dir !== '/' && dir !== '/tmp'; dir = path.dirname(dir)) parents.unshift(dir);
  return parents.flatMap((dir) => ['--perms', '0755', '--dir', dir]);
}

function readOnlyBinds(paths: string[]): string[] {
  return paths.flatMap((p) => [...openParents(p), '--ro-bind', p, p]);
}

/** Read-only /usr and the merged-/usr links, and from /etc only what the dynamic linker and clocks read. */
function systemView(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const dir of systemDirs.slice(1)) {
    const info = lstatSync(dir, { throwIfNoEntry: false });
    if (info?.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else if (info?.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  args.push('--perms', '0755', '--dir', '/etc');
  for (const file of ['/etc/ld.so.cache', '/etc/alternatives', '/etc/localtime']) args.push('--ro-bind-try', file, file);
  return args;
}

let nextUid = 0;

/** A user of the sandbox's own, so processes are counted per sandbox and no other process can be signalled. */
function sandboxUid(): number {
  return 1_000_000_000 + (process.pid % 100_000) * 10_000 + (nextUid++ % 10_000);
}

/**
 * Namespaces and the user the program runs as. A user namespace maps the
 * sandbox user onto the caller, but the kernel never applies RLIMIT_NPROC to
 * (mapped) root, so as root bwrap skips the user namespace and setpriv drops to
 * an unprivileged user of the sandbox's own, with no capabilities left.
 */
function privilegeArgs(tools: Tools): { bwrap: string[]; command: string[] } {
  if (!tools.setpriv) {
    return { bwrap: ['--unshare-all', '--unshare-user', '--disable-userns', '--uid', '65534', '--gid', '65534'], command: [] };
  }
  const uid = sandboxUid();
  return {
    bwrap: [
      '--unshare-ipc',
      '--unshare-pid',
      '--unshare-net',
      '--unshare-uts',
      '--unshare-cgroup-try',
      '--cap-drop',
      'ALL',
      '--cap-add',
      'CAP_SETUID',
      '--cap-add',
      'CAP_SETGID',
      '--cap-add',
      'CAP_SETPCAP',
    ],
    command: [tools.setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--'],
  };
}

function limitArgs(tools: Tools): string[] {
  const limits = sandboxLimits;
  return [
    tools.prlimit,
    `--data=${limits.memoryBytes}`,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.fileBytes}`,
    `--nofile=${limits.openFiles}`,
    `--stack=${limits.stackBytes}`,
    '--core=0',
    '--',
  ];
}

function environment(bin: string[]): string[] {
  const variables = {
    PATH: [...bin, '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: sandboxWorkDir,
    TMPDIR: '/tmp',
    USER: 'sandbox',
    LOGNAME: 'sandbox',
    LANG: 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
    NO_COLOR: '1',
  };
  return ['--clearenv', ...Object.entries(variables).flatMap(([name, value]) => ['--setenv', name, value])];
}

/** Plain names only: a file is created inside the work folder, never beside it. */
function isPlainFileName(name: string): boolean {
  return /^\w[\w.-]*$/.test(name) && name.length <= 255;
}

/**
 * The whole bwrap command line. Files arrive on descriptors 3, 4, ... in the
 * order of `fileNames` and are copied into a private tmpfs, so nothing of the
 * host is writable and nothing is left behind.
 */
function bwrapArgs(tools: Tools, interpreter: Pick<Interpreter, 'roots' | 'bin'>, fileNames: string[], command: string[]): string[] {
  const privilege = privilegeArgs(tools);
  const toolFiles = [tools.prlimit, ...(tools.setpriv ? [tools.setpriv] : [])].map((tool) => realpathSync(tool));
  const size = String(sandboxLimits.tmpfsBytes);
  return [
    ...privilege.bwrap,
    '--die-with-parent',
    '--new-session',
    ...systemView(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--perms',
    '1777',
    '--size',
    size,
    '--tmpfs',
    '/tmp',
    '--perms',
    '1777',
    '--size',
    size,
    '--tmpfs',
    sandboxWorkDir,
    // After the tmpfs mounts, so an interpreter living under /tmp (a CI venv) is not hidden by them.
    ...readOnlyBinds(bindableRoots([...interpreter.roots, ...toolFiles])),
    ...fileNames.flatMap((name, index) => ['--perms', '0666', '--file', String(3 + index), `${sandboxWorkDir}/${name}`]),
    '--chdir',
    sandboxWorkDir,
    ...environment(interpreter.bin),
    '--',
    ...privilege.command,
    ...limitArgs(tools),
    ...command,
  ];
}

export interface ProcessResult {
  /** Exit status; 128 + N when the program died of signal N; null when the sandbox was killed. */
  code: number | null;
  timedOut: boolean;
  /** stdout or stderr passed sandboxLimits.outputBytes: the sandbox was killed and the output cut there. */
  outputCut: boolean;
  stdout: string;
  stderr: string;
}

export interface SandboxedProgram {
  interpreter: InterpreterName;
  /** Written into the work folder, by plain file name. */
  files: Record<string, string>;
  /** After the interpreter and its flags: the program file and its arguments. */
  args: string[];
  stdin?: string;
  timeoutMs: number;
}

/** Collects a stream up to `limit` bytes; calls `overflow` once when it would go past. */
function boundedCollector(stream: NodeJS.ReadableStream, limit: number, overflow: () => void): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  let full = false;
  stream.on('data', (chunk: Buffer) => {
    if (full) return;
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      size = limit;
      full = true;
      overflow();
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

function spawnSandbox(bwrapPath: string, args: string[], program: { files: [string, string][]; stdin?: string; timeoutMs: number }): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(bwrapPath, args, {
      cwd: '/',
      env: { PATH: '/usr/bin:/bin' },
      stdio: ['pipe', 'pipe', 'pipe', ...program.files.map(() => 'pipe' as const)],
      detached: true,
    });
    let timedOut = false;
    let outputCut = false;
    let settled = false;
    // Killing bwrap is enough: --die-with-parent takes its init, and the end of the PID namespace takes every process in it.
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, program.timeoutMs);
    const stdout = boundedCollector(child.stdout!, sandboxLimits.outputBytes, () => {
      outputCut = true;
      kill();
    });
    const stderr = boundedCollector(child.stderr!, sandboxLimits.outputBytes, () => {
      outputCut = true;
      kill();
    });
    const finish = (code: number | null, extra = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, timedOut, outputCut, stdout: stdout(), stderr: stderr() + extra });
    };
    child.on('error', (error) => finish(127, error.message));
    child.on('close', (code) => finish(code));
    // The program may exit without reading what it was given.
    for (const stream of child.stdio) stream?.on('error', () => {});
    program.files.forEach(([, content], index) => (child.stdio[3 + index] as NodeJS.WritableStream).end(content));
    child.stdin!.end(program.stdin ?? '');
  });
}

let readiness: Promise<void> | undefined;

/** Whether bwrap can make the sandbox on this host, tried once with the real command line; rejects with the reason. */
export function ensureSandbox(): Promise<void> {
  readiness ??= (async () => {
    const tools = sandboxTools();
    const probe = await spawnSandbox(tools.bwrap, bwrapArgs(tools, { roots: [], bin: [] }, [], ['true']), { files: [], timeoutMs: 20_000 });
    if (probe.code !== 0) {
      const why = probe.stderr.trim().split('\n')[0] || `exit ${probe.code}`;
      throw new SandboxUnavailableError(
        `--run runs module code only inside a bubblewrap sandbox, and bwrap cannot create one on this host (${why}); ` +
          'it needs user namespaces (or root): on Ubuntu 24.04 allow them with `sysctl kernel.apparmor_restrict_unprivileged_userns=0`',
      );
    }
  })();
  return readiness;
}

/**
 * Runs one program in a bubblewrap sandbox: a read-only view of the system and
 * the interpreter, a private work folder and /tmp (tmpfs), no network, its own
 * PID namespace (everything it started dies with it, at the timeout or when it
 * exits), an unprivileged user, a clean environment and the limits in
 * `sandboxLimits`. Rejects with SandboxUnavailableError when no sandbox can be
 * made; never runs the program outside one.
 */
export async function runSandboxed(program: SandboxedProgram): Promise<ProcessResult> {
  await ensureSandbox();
  const interpreter = await interpreterFor(program.interpreter);
  const binary = program.interpreter === 'node' ? 'node' : 'python3';
  if (!interpreter) return { code: 127, timedOut: false, outputCut: false, stdout: '', stderr: `${binary} is not installed on this host` };
  const files = Object.entries(program.files);
  const unsafe = files.find(([name]) => !isPlainFileName(name));
  if (unsafe) throw new Error(`${unsafe[0]} is not a plain file name (module schemas allow plain names only)`);
  const tools = sandboxTools();
  const command = [interpreter.executable, ...interpreter.flags, ...program.args];
  return spawnSandbox(
    tools.bwrap,
    bwrapArgs(
      tools,
      interpreter,
      files.map(([name]) => name),
      command,
    ),
    { files, stdin: program.stdin ?? '', timeoutMs: program.timeoutMs },
  );
}
