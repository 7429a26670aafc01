import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMergeJob, type MergeJob } from './merge-job.js';
import { mergePool } from './merge-pool.js';
import { loadPdf, outlineTitles } from './pdf-info.js';

let work: string;
let parts: string[];

/** A part of `pages` pages, each with a line of text (pdf-lib's own: no tagged structure, which the merge allows). */
async function part(file: string, title: string, pages: number): Promise<string> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) document.addPage([595, 842]).drawText(`${title}, page ${i + 1}`, { x: 72, y: 720, size: 12, font });
  await writeFile(file, await document.save({ useObjectStreams: false }));
  return file;
}

const job = (output: string, overrides: Partial<MergeJob> = {}): MergeJob => ({
  output,
  parts,
  outline: [{ level: 1, title: 'Contents', id: 'contents' }],
  info: { title: 'Merged', author: '', subject: 'A test', keywords: ['test'], language: 'en-GB', date: Date.UTC(2026, 0, 2) },
  elsewhere: { file: 'handbook.pdf', slugs: ['other'] },
  stamp: { skip: 1, mark: 'Review copy: not published' },
  attachments: [{ name: 'notes.txt', base64: Buffer.from('attached').toString('base64'), mediaType: 'text/plain' }],
  ...overrides,
});

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'merge-pool-test-'));
  parts = [await part(path.join(work, 'front.pdf'), 'Front', 1), await part(path.join(work, 'chapter.pdf'), 'Chapter', 3)];
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('mergePool', () => {
  it('merges on a worker thread, to the same bytes as on the main thread', async () => {
    const inThread = await runMergeJob(job(path.join(work, 'main.pdf')));
    expect(inThread.threadId).toBe(0);
    const pool = mergePool(2);
    try {
      const [a, b] = await Promise.all([pool.merge(job(path.join(work, 'worker-a.pdf'))), pool.merge(job(path.join(work, 'worker-b.pdf')))]);
      expect(a.threadId).not.toBe(0);
      expect(b.threadId).not.toBe(a.threadId);
      // A third document reuses a worker rather than starting one.
      const c = await pool.merge(job(path.join(work, 'worker-c.pdf')));
      expect([a.threadId, b.threadId]).toContain(c.threadId);
      expect({ ...a, threadId: 0 }).toEqual(inThread);
      const bytes = await readFile(path.join(work, 'main.pdf'));
      for (const name of ['worker-a.pdf', 'worker-b.pdf', 'worker-c.pdf']) expect((await readFile(path.join(work, name))).equals(bytes)).toBe(true);
      expect(inThread.pageCount).toBe(4);
      expect((await loadPdf(bytes)).getPageCount()).toBe(4);
      expect(await outlineTitles(bytes)).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it("rejects with the merge's error, and the output file is removed", async () => {
    const pool = mergePool(1);
    const output = path.join(work, 'failed.pdf');
    try {
      const failed = pool.merge(job(output, { parts: [...parts, path.join(work, 'missing.pdf')] }));
      await expect(failed).rejects.toThrow(/ENOENT.*missing\.pdf/);
      await expect(failed).rejects.toMatchObject({ code: 'ENOENT' });
      expect(existsSync(output)).toBe(false);
      // The worker goes on to the next job.
      expect((await pool.merge(job(path.join(work, 'after.pdf')))).pageCount).toBe(4);
    } finally {
      await pool.close();
    }
  });

  it('fails the merges still running or queued when closed, and takes no more', async () => {
    const pool = mergePool(1);
    const running = pool.merge(job(path.join(work, 'stopped-a.pdf')));
    const queued = pool.merge(job(path.join(work, 'stopped-b.pdf')));
    const outcomes = Promise.allSettled([running, queued]);
    await pool.close();
    for (const outcome of await outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/stopped/) } });
    await expect(pool.merge(job(path.join(work, 'stopped-c.pdf')))).rejects.toThrow(/closed/);
  });

  it('leaves no thread behind when closed, however many pools come and go (press dev makes one per edit)', async () => {
    const threads = async () => (await readdir('/proc/self/task')).length;
    const before = await threads();
    for (let round = 0; round < 3; round++) {
      const pool = mergePool(2);
      await pool.merge(job(path.join(work, `round-${round}.pdf`)));
      expect(await threads()).toBeGreaterThanOrEqual(before + 1);
      await pool.close();
    }
    expect(await threads()).toBeLessThanOrEqual(before);
  });

  it('runs the worker beside the compiled pool in dist/, as the build does', async () => {
    // The built package (what the CLI runs) resolves merge-worker.js next to merge-pool.js.
    const built: typeof import('./merge-pool.js') = await import('../dist/merge-pool.js');
    const pool = built.mergePool(1);
    try {
      const result = await pool.merge(job(path.join(work, 'built.pdf')));
      expect(result.threadId).not.toBe(0);
      expect((await readFile(path.join(work, 'built.pdf'))).equals(await readFile(path.join(work, 'main.pdf')))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
