import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { hashTree, press, repositoryCopyBuilding } from '../helpers.js';

// One real module built (the others stay in the catalog at outline): its nine diagrams (flowcharts, state
// and sequence diagrams) go into every format that draws diagrams, and the timeline adds a gantt.
const built = 'circuit-breaker';
const formats = 'pdf,slides,scorm,api,schedule';

let dir: string;
beforeAll(async () => {
  dir = await repositoryCopyBuilding([built], 'press-cold-determinism-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A build from nothing: no .press-cache (no rendered diagram, no parse verdict, no finished output). */
async function coldBuild(out: string): Promise<Record<string, string>> {
  await rm(path.join(dir, '.press-cache'), { recursive: true, force: true });
  return build(out);
}

/** A build with what earlier builds cached (diagrams; finished outputs only when their inputs, date included, are unchanged). */
async function build(out: string, env: Record<string, string> = {}): Promise<Record<string, string>> {
  const result = press(['build', '--quiet', '--formats', formats, '--out', out], dir, env);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return hashTree(path.join(dir, out));
}

describe('two cold builds', () => {
  it('make byte-identical trees in every format that draws diagrams', async () => {
    const first = await coldBuild('first');
    const second = await coldBuild('second');
    expect(Object.keys(first).filter((file) => file.startsWith('slides/') && file.endsWith('.svg')).length).toBeGreaterThan(5);
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    expect(Object.keys(first).filter((file) => first[file] !== second[file]).sort()).toEqual([]);
  }, 300_000);
});

/** Every entry of a zip (EPUB, DOCX, PPTX, SCORM) with its modification time as UTC, and its bytes. */
async function zipRead(file: string): Promise<{ name: string; date: string; bytes: Buffer }[]> {
  const zip = await yauzl.fromBufferPromise(await readFile(file), { lazyEntries: true });
  const entries: { name: string; date: string; bytes: Buffer }[] = [];
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      zip.once('entry', resolve).once('end', () => resolve(undefined)).once('error', reject);
      zip.readEntry();
    });
    zip.removeAllListeners();
    if (!entry) return entries;
    const chunks: Buffer[] = [];
    if (!entry.fileName.endsWith('/')) for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, date: entry.getLastModDate({ timezone: 'UTC' }).toISOString(), bytes: Buffer.concat(chunks) });
  }
}

/** The PDF's CreationDate and ModDate as pdf.js reads them. */
async function pdfDates(file: string): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const { info } = (await document.getMetadata()) as { info: { CreationDate?: string; ModDate?: string } };
  await document.destroy();
  return [info.CreationDate ?? 'none', info.ModDate ?? 'none'];
}

/** Every date a build's tree carries: zip entries, PDF info, the PPTX's document properties. */
async function datesIn(out: string, tree: Record<string, string>): Promise<Record<string, string[]>> {
  const dates: Record<string, string[]> = {};
  for (const file of Object.keys(tree).sort()) {
    const full = path.join(dir, out, file);
    if (/\.(zip|epub|docx|pptx)$/.test(file)) dates[file] = [...new Set((await zipRead(full)).map((entry) => entry.date))];
    else if (file.endsWith('.pdf')) dates[file] = [...new Set(await pdfDates(full))];
  }
  return dates;
}

describe('the one date policy', () => {
  it('stamps SOURCE_DATE_EPOCH on every zip entry and every PDF of the build, whichever value it has', async () => {
    for (const [epoch, iso, pdf] of [
      ['1700000000', '2023-11-14T22:13:20.000Z', /^D:20231114221320(Z|\+00'00')/],
      ['1600000000', '2020-09-13T12:26:40.000Z', /^D:20200913122640(Z|\+00'00')/],
    ] as const) {
      const out = `dated-${epoch}`;
      const dates = await datesIn(out, await build(out, { SOURCE_DATE_EPOCH: epoch }));
      const files = Object.keys(dates);
      // Every kind of dated output is there: the handbook's e-books, module PDFs, decks (PDF, PPTX), SCORM zips.
      for (const kind of [/^pdf\/handbook\.epub$/, /^pdf\/handbook\.docx$/, /^pdf\/.+\.pdf$/, /^slides\/.+\.pdf$/, /^slides\/.+\.pptx$/, /^scorm\/.+\.zip$/]) {
        expect(files.some((file) => kind.test(file)), String(kind)).toBe(true);
      }
      for (const [file, found] of Object.entries(dates)) {
        if (file.endsWith('.pdf')) for (const date of found) expect(date, file).toMatch(pdf);
        else expect(found, file).toEqual([iso]);
      }
      const pptx = files.find((file) => file.endsWith('.pptx'))!;
      const core = (await zipRead(path.join(dir, out, pptx))).find((entry) => entry.name === 'docProps/core.xml')!.bytes.toString('utf8');
      expect(core).toContain(`>${iso.replace('.000Z', 'Z')}</dcterms:created>`);
    }
  }, 600_000);
});
