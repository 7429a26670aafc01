// pnpm bench:scale — how the PDF build grows with the catalogue. Not a test.
//
// Makes catalogues of N modules from copies of the repository's nine modules
// (copy k of `caching` is `caching-k`, with its links, dependencies and
// related modules pointing at the other copies of the same round, so each
// catalogue checks clean), then measures, each in a fresh process on a cold
// cache: `press build --formats pdf`; the same after editing one sentence of
// one module; and the peak memory of the whole process tree (PSS summed over
// node and every Chromium process, sampled every 200 ms). The machine's load
// average is printed beside each figure.
//
// With --json the last line of stdout is the rows as JSON (pnpm bench reads it).
//
// Usage: node scripts/bench-scale.mjs [9,36,90] [--keep] [--json]
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { measure } from './measure.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'packages', 'cli', 'dist', 'bin.js');
const sizes = (process.argv.slice(2).find((arg) => /^\d+(,\d+)*$/.test(arg)) ?? '9,36,90').split(',').map(Number);
const keep = process.argv.includes('--keep');

const json = process.argv.includes('--json');
const run = (args, cwd) => measure(process.execPath, [bin, ...args], cwd);

/** A catalogue of `count` modules in `dir`/modules: rounds of copies of the nine real modules. */
async function makeCatalogue(dir, count) {
  const source = path.join(repo, 'modules');
  const catalog = parseDocument(await readFile(path.join(source, 'catalog.yaml'), 'utf8'));
  const patterns = catalog.get('patterns').toJSON();
  const slugs = patterns.map((pattern) => pattern.slug);
  const out = path.join(dir, 'modules');
  await mkdir(out, { recursive: true });
  await cp(path.join(source, 'library.yaml'), path.join(out, 'library.yaml'));
  const entries = [];
  for (let index = 0; index < count; index++) {
    const round = Math.floor(index / slugs.length);
    const pattern = patterns[index % slugs.length];
    const rename = (slug) => (round === 0 ? slug : `${slug}-${round}`);
    const slug = rename(pattern.slug);
    const reasons = pattern.depends_on_reasons && Object.fromEntries(Object.entries(pattern.depends_on_reasons).map(([dep, reason]) => [rename(dep), reason]));
    entries.push({ ...pattern, slug, title: round === 0 ? pattern.title : `${pattern.title} ${round + 1}`, depends_on: pattern.depends_on.map(rename), ...(reasons ? { depends_on_reasons: reasons } : {}) });
    let text = await readFile(path.join(source, pattern.slug, 'module.md'), 'utf8');
    text = text.replace(/^slug: .*$/m, `slug: ${slug}`);
    if (round > 0) {
      text = text.replace(/\.\.\/([a-z-]+)\/module\.md/g, (_, target) => `../${rename(target)}/module.md`);
      text = text.replace(/^related: \[(.*)\]$/m, (_, list) => `related: [${list.split(',').map((item) => rename(item.trim())).join(', ')}]`);
      // Glossary terms are the catalogue's, defined once: a copy uses the first round's definitions.
      text = text.replace(/^glossary:\n(?:[ -].*\n)+/m, '');
    }
    await mkdir(path.join(out, slug), { recursive: true });
    await writeFile(path.join(out, slug, 'module.md'), text);
  }
  const present = new Set(entries.map((entry) => entry.slug));
  for (const entry of entries) {
    entry.depends_on = entry.depends_on.filter((dep) => present.has(dep));
    if (entry.depends_on_reasons) entry.depends_on_reasons = Object.fromEntries(Object.entries(entry.depends_on_reasons).filter(([dep]) => present.has(dep)));
  }
  catalog.set('patterns', entries);
  await writeFile(path.join(out, 'catalog.yaml'), catalog.toString());
  // Links and related modules to copies beyond the catalogue point back into the first round.
  for (const entry of entries) {
    const file = path.join(out, entry.slug, 'module.md');
    let text = await readFile(file, 'utf8');
    text = text.replace(/\.\.\/([a-z-]+(?:-\d+)?)\/module\.md/g, (match, target) => (present.has(target) ? match : `../${target.replace(/-\d+$/, '')}/module.md`));
    text = text.replace(/^related: \[(.*)\]$/m, (_, list) => `related: [${list.split(',').map((item) => item.trim()).map((item) => (present.has(item) ? item : item.replace(/-\d+$/, ''))).join(', ')}]`);
    await writeFile(file, text);
  }
  return entries.map((entry) => entry.slug);
}

const rows = [];
const results = [];
for (const size of sizes) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `press-scale-${size}-`));
  const slugs = await makeCatalogue(dir, size);
  const check = await run(['check', '--skip-diagrams'], dir);
  if (check.code !== 0) {
    console.error(check.output.split('\n').filter((line) => / error /.test(line)).slice(0, 10).join('\n'));
    throw new Error(`the catalogue of ${size} modules does not check clean`);
  }
  const cold = await run(['build', '--formats', 'pdf', '--quiet'], dir);
  const pages = cold.code === 0 ? (await readFile(path.join(dir, 'dist', 'pdf', 'handbook.pdf'))).toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length : undefined;
  const file = path.join(dir, 'modules', slugs[Math.floor(slugs.length / 2)], 'module.md');
  const text = await readFile(file, 'utf8');
  const hook = text.indexOf(':::hook\n') + ':::hook\n'.length;
  await writeFile(file, `${text.slice(0, hook)}An edited sentence for the benchmark. ${text.slice(hook)}`);
  const edit = await run(['build', '--formats', 'pdf', '--quiet'], dir);
  const figures = (r) => ({ code: r.code, seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakMiB: r.peakMiB, peakRssMiB: r.peakRssMiB, peakGroupsMiB: r.peakGroupsMiB, groupPeaksMiB: r.groupPeaksMiB, load: r.load });
  results.push({
    modules: size,
    pages: pages ?? 'failed',
    cold: { ...figures(cold), pagesPerCpuSecond: pages ? (pages / cold.cpuSeconds).toFixed(1) : '' },
    edit: { ...figures(edit), printed: edit.output.match(/^ {2}pdf .*$/m)?.[0].trim() ?? '' },
  });
  rows.push({
    modules: size,
    'handbook pages': pages ?? 'failed',
    'cold build (s)': cold.code === 0 ? cold.seconds.toFixed(1) : `failed (${cold.code})`,
    'cold CPU (s)': cold.cpuSeconds.toFixed(1),
    'peak PSS (MiB)': cold.peakMiB.toFixed(0),
    'edit rebuild (s)': edit.code === 0 ? edit.seconds.toFixed(1) : `failed (${edit.code})`,
    'edit CPU (s)': edit.cpuSeconds.toFixed(1),
    'edit peak PSS (MiB)': edit.peakMiB.toFixed(0),
    'load (cold/edit)': `${cold.load.toFixed(1)}/${edit.load.toFixed(1)}`,
  });
  if (cold.code !== 0) console.error(cold.output.slice(-2000));
  console.error(JSON.stringify(rows.at(-1)));
  console.error(`memory at the peak (MiB): cold ${JSON.stringify(cold.peakGroupsMiB)}, edit ${JSON.stringify(edit.peakGroupsMiB)}`);
  if (!keep) await rm(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
}
console.log(`\npress build --formats pdf on ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'cpu'}), cold cache, then one edited sentence:`);
console.table(rows);
if (json) console.log(JSON.stringify(results));
