import { loadCollection, toPublication } from '@pattern-press/format';
import { checkCollection } from '@pattern-press/checks';
import { emitPdf } from './dist/index.js';
const c = await loadCollection('/work/main/modules'); checkCollection(c);
const p = toPublication(c);
const t = performance.now();
const r = await emitPdf(p, { outDir: '/tmp/pdfout', cacheDir: '/tmp/pdfcache' });
console.log(performance.now() - t, r.files, r.problems.map(f => f.messages.map(String)), r.timings);
