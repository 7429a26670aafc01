import { loadCollection, toPublication } from '@pattern-press/format';
import { checkCollection } from '@pattern-press/checks';
import { emitScorm } from './dist/index.js';
const c = await loadCollection('/work/main/modules'); checkCollection(c);
const p = toPublication(c);
const t = Date.now();
const r = await emitScorm(p, { outDir: '/tmp/scorm-out', cacheDir: '/tmp/scorm-cache' });
console.log(Date.now() - t, r.files, r.problems.map(f => f.messages.map(String)));
