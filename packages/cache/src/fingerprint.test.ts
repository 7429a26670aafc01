import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-fingerprint-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writePackage(dir: string, manifest: object, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

/** A fresh import each time: the function memoizes per process. */
async function fingerprint(url: URL): Promise<string> {
  vi.resetModules();
  const { codeFingerprint } = await import('./fingerprint.js');
  return codeFingerprint(url);
}

describe('codeFingerprint', () => {
  it('changes with our packages’ compiled code (also of a dependency) and with a third-party version, not with source maps', async () => {
    const emitter = path.join(work, 'packages', 'emitter');
    const shared = path.join(work, 'packages', 'shared');
    const external = path.join(work, 'node_modules', 'left-pad');
    await writePackage(emitter, { name: '@pattern-press/emitter', version: '1.0.0', dependencies: { '@pattern-press/shared': '*', 'left-pad': '^1' } }, { 'dist/index.js': 'export const a = 1;' });
    await writePackage(shared, { name: '@pattern-press/shared', version: '1.0.0' }, { 'dist/index.js': 'export const b = 1;', 'assets/player.css': 'body{}' });
    await writePackage(external, { name: 'left-pad', version: '1.3.0' }, { 'index.js': '' });
    await mkdir(path.join(emitter, 'node_modules', '@pattern-press'), { recursive: true });
    await symlink(shared, path.join(emitter, 'node_modules', '@pattern-press', 'shared'));
    const url = pathToFileURL(path.join(emitter, 'dist', 'index.js'));

    const first = await fingerprint(url);
    expect(await fingerprint(url)).toBe(first);
    await writeFile(path.join(emitter, 'dist', 'index.js.map'), '{}');
    expect(await fingerprint(url)).toBe(first);

    await writeFile(path.join(shared, 'assets', 'player.css'), 'body{color:red}');
    const second = await fingerprint(url);
    expect(second).not.toBe(first);

    await writePackage(external, { name: 'left-pad', version: '1.3.1' }, {});
    const third = await fingerprint(url);
    expect(third).not.toBe(second);

    await writeFile(path.join(emitter, 'dist', 'index.js'), 'export const a = 2;');
    expect(await fingerprint(url)).not.toBe(third);
  });
});
