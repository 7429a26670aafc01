// pnpm bench:check — checks 1000 generated modules and prints modules/s and MB/s.
// The modules are copies of the repository's own modules (cycled, with new
// slugs), so their size mix is that of real content. Not a pass/fail test.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection } from '@pattern-press/format';

const count = Number(process.argv[2] ?? 1000);
const repo = fileURLToPath(new URL('..', import.meta.url));
const source = path.join(repo, 'modules');
const templates = [];
for (const entry of (await readdir(source, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
  templates.push({ slug: entry.name, text: await readFile(path.join(source, entry.name, 'module.md'), 'utf8') });
}
const catalogText = await readFile(path.join(source, 'catalog.yaml'), 'utf8');
const [head, rest] = catalogText.split(/^patterns:\n/m);
const timeline = rest.slice(rest.search(/^timeline:/m));

const root = await mkdtemp(path.join(os.tmpdir(), 'press-bench-'));
const dir = path.join(root, 'modules');
await mkdir(dir);
let bytes = 0;
let patterns = '';
for (let i = 0; i < count; i++) {
  const template = templates[i % templates.length];
  const slug = `${template.slug}-${i}`;
  // Related and dependency links point at other generated copies so catalog checks do real work.
  const text = template.text.replace(/^slug: .*$/m, `slug: ${slug}`).replace(/^related: .*$/m, 'related: []');
  bytes += Buffer.byteLength(text);
  await mkdir(path.join(dir, slug));
  await writeFile(path.join(dir, slug, 'module.md'), text);
  const dependsOn = i > 0 ? `[${templates[(i - 1) % templates.length].slug}-${i - 1}]` : '[]';
  patterns += `  - slug: ${slug}\n    title: Module ${i}\n    category: resilience\n    priority: 1\n    complexity: medium\n    depends_on: ${dependsOn}\n    real_examples: [Example]\n`;
}
await writeFile(path.join(dir, 'catalog.yaml'), `${head}patterns:\n${patterns}${timeline}`);
await writeFile(path.join(dir, 'library.yaml'), await readFile(path.join(source, 'library.yaml')));

const started = process.hrtime.bigint();
const collection = await loadCollection(dir);
checkCollection(collection);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const errors = collection.files.reduce((n, f) => n + f.messages.filter((m) => m.fatal).length, 0);
await rm(root, { recursive: true, force: true });

const mb = bytes / 1e6;
console.log(`checked ${count} modules (${mb.toFixed(1)} MB of Markdown) in ${seconds.toFixed(2)} s`);
console.log(`${(count / seconds).toFixed(0)} modules/s, ${(mb / seconds).toFixed(1)} MB/s, ${errors} errors (the copies keep the originals' citations, so unknown-reference is not expected)`);
