import { describe, expect, it } from 'vitest';
import { main } from './main.js';

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return code.then((exit) => ({ exit, stdout, stderr }));
}

describe('main', () => {
  it('prints help with exit 0', async () => {
    expect(await run(['--help'])).toMatchObject({ exit: 0, stdout: expect.stringContaining('Usage: press') });
  });

  it('rejects unknown commands and options with exit 2', async () => {
    expect(await run(['publish'])).toMatchObject({ exit: 2, stderr: 'press: unknown command `publish`\n' });
    expect((await run(['check', '--colour'])).exit).toBe(2);
    expect((await run(['build', 'extra'])).exit).toBe(2);
  });

  it('builds one module only with nothing that chooses whole outputs', async () => {
    expect(await run(['build', '--module', 'saga', '--formats', 'pdf'])).toMatchObject({ exit: 2, stderr: expect.stringContaining('--module') });
    expect((await run(['build', '--module', 'saga', '--out', 'elsewhere'])).exit).toBe(2);
  });
});
