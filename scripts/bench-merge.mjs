// node scripts/bench-merge.mjs <dir>/.press-cache/pdf-parts — what the handbook's merge costs in memory. Not a test.
//
// Merges every stored chapter and answer section of a build's part store (in book order), as the handbook's
// merge does (stamped, saved), twice, each in a fresh process: held whole in memory by pdf-lib and saved
// (how the merge worked before), and written to its file as it is merged (spill.ts, how it works now).
// Prints each run's wall time, CPU seconds, peak RSS of the process (VmHWM) and the load average.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './measure.mjs';

const store = process.argv[2];
const mode = process.argv[3];
const pdf = fileURLToPath(new URL('../packages/pdf/dist/', import.meta.url));

async function storedParts() {
  const parts = [];
  for (const entry of await readdir(store, { recursive: true })) {
    if (!entry.endsWith('part.json')) continue;
    const folder = path.join(store, path.dirname(entry));
    parts.push({ name: JSON.parse(await readFile(path.join(folder, 'part.json'), 'utf8')).name, file: path.join(folder, 'part.pdf') });
  }
  const chapter = (name) => Number(/^chapter-(\d+)-/.exec(name)?.[1] ?? 1e9);
  const chapters = parts.filter((part) => part.name.startsWith('chapter-')).sort((a, b) => chapter(a.name) - chapter(b.name));
  const answers = parts.filter((part) => part.name.startsWith('answers-')).sort((a, b) => (a.name < b.name ? -1 : 1));
  return [...chapters, ...answers].map((part) => part.file);
}

if (mode) {
  // One run, in this process.
  const { mergeParts } = await import(path.join(pdf, 'merge.js'));
  const { savePdf, loadPdf } = await import(path.join(pdf, 'pdf-info.js'));
  const { stampPageNumbers } = await import(path.join(pdf, 'stamp.js'));
  const { openSpilledPdf, finishSpilledPdf } = await import(path.join(pdf, 'spill.js'));
  const files = await storedParts();
  const info = { title: 'Book', author: '', subject: '', keywords: [], language: 'en-GB', date: new Date(0) };
  const out = path.join(os.tmpdir(), `press-bench-merge-${process.pid}.pdf`);
  let pages;
  if (mode === 'memory') {
    const merged = await mergeParts(files, [], info);
    await stampPageNumbers(merged.document, { skip: 1 });
    const bytes = await savePdf(merged.document);
    await writeFile(out, bytes);
    // As the old assembleDocument did: the page count read back from the saved bytes.
    pages = (await loadPdf(bytes)).getPageCount();
  } else {
    const spill = await openSpilledPdf(out);
    const merged = await mergeParts(files, [], info, undefined, spill);
    await stampPageNumbers(merged.document, { skip: 1 });
    await finishSpilledPdf(spill, merged.document);
    pages = merged.document.getPageCount();
  }
  const status = await readFile('/proc/self/status', 'utf8');
  const size = (await readFile(out)).length;
  await rm(out);
  console.log(JSON.stringify({ parts: files.length, pages, bytes: size, peakRssMiB: Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024) }));
} else {
  const rows = [];
  for (const how of ['memory', 'spill']) {
    const run = await measure(process.execPath, [fileURLToPath(import.meta.url), store, how], process.cwd());
    if (run.code !== 0) throw new Error(run.output);
    const result = JSON.parse(run.output.trim().split('\n').at(-1));
    rows.push({ merge: how, ...result, 'wall (s)': run.seconds.toFixed(1), 'CPU (s)': run.cpuSeconds.toFixed(1), load: run.load.toFixed(1) });
  }
  console.table(rows);
}
