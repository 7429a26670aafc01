import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipBytes, zipEntries } from './zip.js';

const entries: [string, Buffer][] = [
  ['b/page.html', Buffer.from('<p>two</p>'.repeat(50))],
  ['mimetype', Buffer.from('application/epub+zip')],
  ['a.xml', Buffer.from('<a/>')],
];
const date = new Date('2024-03-05T07:08:10Z');

describe('zipBytes', () => {
  it('gives the same bytes whatever the entry order and the time zone', async () => {
    const script = `import('${path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'zip.js')}').then(async ({ zipBytes }) => process.stdout.write((await zipBytes(new Map(${JSON.stringify(entries.map(([n, b]) => [n, b.toString()]))}.map(([n, t]) => [n, Buffer.from(t)])), new Date(${date.getTime()}))).toString('base64')))`;
    const inZone = (zone: string) => spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' }).stdout;
    const here = (await zipBytes(new Map(entries), date)).toString('base64');
    expect(await zipBytes(new Map([...entries].reverse()), date)).toEqual(Buffer.from(here, 'base64'));
    expect(inZone('Asia/Tokyo')).toBe(here);
    expect(inZone('America/Los_Angeles')).toBe(here);
  });

  it('writes mimetype first and stored, the rest sorted, every entry with the date given', async () => {
    const zip = await zipBytes(new Map(entries), date);
    // The EPUB container rule: the first local header names mimetype, method 0 (stored).
    expect(zip.toString('latin1', 30, 38)).toBe('mimetype');
    expect(zip.readUInt16LE(8)).toBe(0);
    const read = await JSZip.loadAsync(zip);
    expect(Object.keys(read.files)).toEqual(['mimetype', 'a.xml', 'b/page.html']);
    for (const entry of Object.values(read.files)) expect(entry.date.toISOString()).toBe(date.toISOString());
    expect(await zipEntries(zip)).toEqual(new Map([...entries].sort(([a], [b]) => (a === 'mimetype' ? -1 : b === 'mimetype' ? 1 : a < b ? -1 : 1))));
  });
});
