import { formatMessage } from '@pattern-press/diagnostics';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPathOf } from './assets.js';
import { fileLimits, loadCollection } from './collection.js';
import { toPublication, assetOf } from './publication.js';
import { sanitizeSvg } from './svg.js';

const fixture = fileURLToPath(new URL('../../../tests/fixtures/valid', import.meta.url));

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-assets-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A copy of the valid fixture as `<work>/<name>/modules`, with `extra` Markdown in a see-also part of alpha. */
async function collectionWith(name: string, extra: string): Promise<{ root: string; alpha: string }> {
  const root = path.join(work, name, 'modules');
  await cp(fixture, root, { recursive: true });
  const alpha = path.join(root, 'alpha');
  const text = await readFile(path.join(alpha, 'module.md'), 'utf8');
  await writeFile(path.join(alpha, 'module.md'), extra ? `${text}\n:::see-also\n${extra}\n:::\n` : text);
  return { root, alpha };
}

const messagesOf = (collection: Awaited<ReturnType<typeof loadCollection>>) =>
  collection.files.flatMap((file) => file.messages.map((message) => formatMessage(message, path.dirname(collection.root))));

describe('assets are read only inside the module folder', () => {
  it('refuses an image that is a symbolic link to a file outside (/etc/passwd), at the image, and publishes nothing of it', async () => {
    const { root, alpha } = await collectionWith('passwd', '![leak](leak.png) and [dl](leak.txt)');
    await symlink('/etc/passwd', path.join(alpha, 'leak.png'));
    await symlink('/etc/passwd', path.join(alpha, 'leak.txt'));
    const collection = await loadCollection(root);
    const messages = messagesOf(collection).filter((line) => line.includes('file-outside-module'));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^modules\/alpha\/module\.md:\d+:\d+: error file-outside-module: `leak\.png` is a symbolic link/);
    expect(collection.assets.get('alpha')!.files.size).toBe(0);
    expect(collection.modules.find((m) => m.document?.slug === 'alpha')!.valid).toBe(false);
  });

  it('refuses a link through a linked folder and a `../` path, and reads a link that stays inside', async () => {
    const secret = path.join(work, 'secret.txt');
    await writeFile(secret, 'api-key=hunter2\n');
    const { root, alpha } = await collectionWith('folders', '[a](outside/secret.txt) [b](../../secret.txt) [c](inside.txt) [d](img/same.txt)');
    await symlink(work, path.join(alpha, 'outside'));
    await mkdir(path.join(alpha, 'img'));
    await writeFile(path.join(alpha, 'img', 'real.txt'), 'inside\n');
    await symlink('real.txt', path.join(alpha, 'img', 'same.txt'));
    await symlink('img/real.txt', path.join(alpha, 'inside.txt'));
    const collection = await loadCollection(root);
    const refused = messagesOf(collection).filter((line) => line.includes('file-outside-module'));
    expect(refused.map((line) => /`([^`]+)`/.exec(line)![1])).toEqual(['outside/secret.txt', '../../secret.txt']);
    const files = collection.assets.get('alpha')!.files;
    expect([...files.keys()].sort()).toEqual(['img/same.txt', 'inside.txt']);
    expect(files.get('inside.txt')!.bytes.toString()).toBe('inside\n');
    for (const file of files.values()) expect(file.bytes.toString()).not.toContain('hunter2');
  });

  it('refuses module.md when it is a symbolic link out of its folder, and a module folder that is a link', async () => {
    const { root } = await collectionWith('linked-md', '');
    const outsideModule = path.join(work, 'elsewhere-module.md');
    await cp(path.join(root, 'beta', 'module.md'), outsideModule);
    await rm(path.join(root, 'beta', 'module.md'));
    await symlink(outsideModule, path.join(root, 'beta', 'module.md'));
    const elsewhere = path.join(work, 'elsewhere-folder');
    await cp(path.join(root, 'alpha'), elsewhere, { recursive: true });
    await rm(path.join(root, 'alpha'), { recursive: true });
    await symlink(elsewhere, path.join(root, 'alpha'));
    const collection = await loadCollection(root);
    const messages = messagesOf(collection);
    expect(messages).toContainEqual(expect.stringMatching(/^modules\/beta\/module\.md:1:1: error file-outside-module: module\.md is a symbolic link that leads out of beta\//));
    expect(messages).toContainEqual(expect.stringMatching(/^modules\/catalog\.yaml:\d+:\d+: error file-outside-module: the module folder `alpha` is a symbolic link/));
    expect(messages.join('\n')).not.toMatch(/catalog-missing-folder|has no folder/);
    expect(collection.modules.every((module) => module.document === undefined)).toBe(true);
  });

  it('refuses a catalog that is a link out of the collection', async () => {
    const { root } = await collectionWith('linked-catalog', '');
    const outside = path.join(work, 'outside-catalog.yaml');
    await cp(path.join(root, 'catalog.yaml'), outside);
    await rm(path.join(root, 'catalog.yaml'));
    await symlink(outside, path.join(root, 'catalog.yaml'));
    const collection = await loadCollection(root);
    expect(messagesOf(collection)[0]).toMatch(/^modules\/catalog\.yaml:1:1: error file-outside-module/);
  });

  it('reports a FIFO as a broken link instead of blocking on it', async () => {
    const { root, alpha } = await collectionWith('fifo', '[pipe](pipe.txt)');
    execFileSync('mkfifo', [path.join(alpha, 'pipe.txt')]);
    const collection = await loadCollection(root);
    expect(messagesOf(collection).join('\n')).toMatch(/error link-broken: `pipe\.txt` is not a regular file/);
  });
});

describe('size limits', () => {
  it('reports a module.md over the limit without reading it, and an asset over its limit at the link', async () => {
    const { root, alpha } = await collectionWith('large', '[data](data.bin.txt)');
    await writeFile(path.join(alpha, 'data.bin.txt'), '');
    await truncate(path.join(alpha, 'data.bin.txt'), 21 * 1024 * 1024);
    const betaFile = path.join(root, 'beta', 'module.md');
    await writeFile(betaFile, `${await readFile(betaFile, 'utf8')}\n${'x'.repeat(fileLimits.moduleBytes)}`);
    const collection = await loadCollection(root);
    const messages = messagesOf(collection);
    expect(messages).toContainEqual(expect.stringMatching(/^modules\/alpha\/module\.md:\d+:\d+: error file-too-large: `data\.bin\.txt` is 21\.0 MB; an asset may be at most 20\.0 MB/));
    expect(messages).toContainEqual(expect.stringMatching(/^modules\/beta\/module\.md:1:1: error file-too-large: the file is 1\.\d MB; the limit is 1\.0 MB/));
  });
});

describe('SVG assets', () => {
  const hostile = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">
  <script>alert(2)</script>
  <rect width="10" height="10" fill="red"/>
  <image xlink:href="https://evil.example/track.png"/>
  <a href="javascript:alert(3)"><text>x</text></a>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
</svg>`;

  it('removes scripts, handlers, outside references and embedded HTML, and says what it removed', async () => {
    const result = await sanitizeSvg(hostile);
    expect(result.svg).toBeDefined();
    expect(result.svg).not.toMatch(/script|onload|evil\.example|javascript:|foreignObject/i);
    expect(result.svg).toContain('<rect width="10" height="10" fill="red"/>');
    const removed = result.unsafe.join(' | ');
    for (const part of ['the event handler onload=', '<script>', 'reference outside the drawing (image xlink:href="https://evil.example', 'javascript:alert(3)', '<foreignObject>']) {
      expect(removed).toContain(part);
    }
  });

  it('keeps an ordinary editor export quiet: editor metadata goes, nothing is reported', async () => {
    const inkscape = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="20" height="20">
  <sodipodi:namedview id="base" inkscape:zoom="1"/>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient></defs>
  <rect width="20" height="20" style="fill:url(#g)" inkscape:label="box"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>`;
    const result = await sanitizeSvg(inkscape);
    expect(result.unsafe).toEqual([]);
    expect(result.svg).toContain('style="fill:url(#g)"');
    expect(result.svg).toContain('href="data:image/png;base64,iVBORw0KGgo="');
    expect(result.svg).not.toContain('sodipodi');
  });

  it('refuses what is not SVG, and does not expand external entities', async () => {
    expect((await sanitizeSvg('<html><body>hi</body></html>')).unreadable).toMatch(/not an SVG/);
    const external = await sanitizeSvg('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>');
    expect(external.svg ?? '').not.toContain('root:');
  });

  it('reports an unsafe SVG asset at its link and publishes only the sanitized bytes', async () => {
    const { root, alpha } = await collectionWith('svg', '![drawing](drawing.svg)');
    await writeFile(path.join(alpha, 'drawing.svg'), hostile);
    const collection = await loadCollection(root);
    expect(messagesOf(collection).join('\n')).toMatch(/modules\/alpha\/module\.md:\d+:\d+: error svg-unsafe: the SVG `drawing\.svg` holds .*the event handler onload=, <script>/);
    const asset = collection.assets.get('alpha')!.files.get('drawing.svg')!;
    expect(asset.bytes.toString()).not.toMatch(/script|onload/);
    expect(asset.mediaType).toBe('image/svg+xml');
  });
});

describe('the publication carries the assets', () => {
  it('gives emitters the bytes by link, and nothing for a link that leaves the folder', async () => {
    const { root, alpha } = await collectionWith('publication', '![pic](pics/a%20b.png)');
    await mkdir(path.join(alpha, 'pics'));
    await writeFile(path.join(alpha, 'pics', 'a b.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const collection = await loadCollection(root);
    expect(messagesOf(collection)).toEqual([]);
    const publication = toPublication(collection);
    expect(assetOf(publication, 'alpha', 'pics/a%20b.png#x')?.bytes).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(assetOf(publication, 'alpha', '../beta/module.md')).toBeUndefined();
  });

  it('names paths inside the folder only', () => {
    expect(assetPathOf('a/./b.png?x=1#y')).toBe('a/b.png');
    expect(assetPathOf('a/../../b.png')).toBeUndefined();
    expect(assetPathOf('/etc/passwd')).toBeUndefined();
    expect(assetPathOf('%2e%2e/x')).toBeUndefined();
    expect(assetPathOf('a\\..\\..\\x')).toBeUndefined();
    expect(assetPathOf('%E0%A4%A')).toBeUndefined();
  });
});
