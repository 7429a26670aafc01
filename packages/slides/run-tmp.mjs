import { loadCollection, toPublication } from '@pattern-press/format';
import { checkCollection } from '@pattern-press/checks';
import { emitSlides } from './dist/index.js';
const collection = await loadCollection('/work/main/modules');
checkCollection(collection);
const p = toPublication(collection);
const t = Date.now();
const r = await emitSlides(p, { outDir: process.argv[2] ?? '/tmp/slides-out', cacheDir: '/tmp/slides-cache' });
console.log(Date.now() - t, 'ms', r.files.length, r.problems.map(f=>f.messages.map(String)));
