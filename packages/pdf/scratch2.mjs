import { loadCollection, toPublication } from '@pattern-press/format';
import { checkCollection } from '@pattern-press/checks';
import { documentMarkdown } from './dist/assemble.js';
import { writeFileSync } from 'node:fs';
const c = await loadCollection('/work/main/modules'); checkCollection(c);
const p = toPublication(c);
const m = p.modules.find(m => m.slug === 'circuit-breaker');
writeFileSync('/tmp/cb.md', documentMarkdown({kind:'module', modules:[m], title:m.title, subtitle:m.tagline}, new Set(p.library.references.map(r=>r.id))));
writeFileSync('/tmp/lib.json', JSON.stringify(p.library.references));
