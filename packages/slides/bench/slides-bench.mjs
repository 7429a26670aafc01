// Benchmark: our HTML + PDF + PPTX for circuit-breaker against @marp-team/marp-cli
// making PDF and PPTX from an equivalent Markdown deck, both with the system Chromium.
// Run after building the package: node packages/slides/bench/slides-bench.mjs
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, toPublication } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import JSZip from 'jszip';
import { deckModel, emitSlides } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const modulesRoot = path.resolve(here, '../../../modules');
const marpBin = path.resolve(here, '../node_modules/.bin/marp');
const work = await mkdtemp(path.join(os.tmpdir(), 'slides-bench-'));

const collection = await loadCollection(modulesRoot);
checkCollection(collection);
const full = toPublication(collection);
const publication = { ...full, modules: full.modules.filter((m) => m.slug === 'circuit-breaker') };
const module = publication.modules[0];

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ---- ours ------------------------------------------------------------------------------
const cacheDir = path.join(work, 'cache');
const times = {};
let t = performance.now();
const browser = await launchBrowser();
times.launch = performance.now() - t;
try {
  t = performance.now();
  await emitSlides(publication, { outDir: path.join(work, 'ours-cold'), cacheDir, browser });
  times.oursCold = performance.now() - t;
  t = performance.now();
  await emitSlides(publication, { outDir: path.join(work, 'ours-warm'), cacheDir, browser });
  times.oursWarm = performance.now() - t;
} finally {
  await browser.close();
}

// ---- an equivalent Markdown deck for marp ----------------------------------------------
const deck = deckModel(module, { library: publication.library });
const runs = (rs) => rs.map((r) => (r.code ? `\`${r.text}\`` : r.bold ? `**${r.text}**` : r.italic ? `*${r.text}*` : r.text)).join('');
const marpDir = path.join(work, 'marp');
await mkdir(path.join(marpDir, 'diagrams'), { recursive: true });
const md = ['---', 'marp: true', 'paginate: true', `footer: "${deck.footer}"`, 'size: 16:9', '---', ''];
deck.slides.forEach((slide, index) => {
  if (index > 0) md.push('', '---', '');
  if (slide.layout === 'title') md.push(`# ${deck.title}`, '', deck.tagline, '', deck.meta.join(' · '), '', deck.badge ?? '');
  else {
    md.push(`<!-- _header: "${slide.kicker}" -->`, '', `## ${slide.title}`, '');
    for (const element of slide.elements) {
      if (element.kind === 'paragraph') md.push(runs(element.runs), '');
      if (element.kind === 'list') md.push(...element.items.map((item) => `${'  '.repeat(item.level)}${/^\d+\.$/.test(item.marker) ? item.marker : '-'} ${runs(item.runs)}`), '');
    }
    if (slide.table) md.push(`| ${slide.table.header.map(runs).join(' | ')} |`, `|${slide.table.header.map(() => '---').join('|')}|`, ...slide.table.rows.map((row) => `| ${row.map(runs).join(' | ')} |`), '');
    if (slide.code) md.push('```' + slide.code.language, ...slide.code.lines.map((line) => line.map((tk) => tk.text).join('')), '```', '');
    if (slide.diagram) md.push(`![w:1000 h:480](diagrams/${slide.diagram.id}.svg)`, '');
  }
  md.push(`<!--\n${slide.notes.replace(/-->/g, '->')}\n-->`);
});
await writeFile(path.join(marpDir, 'deck.md'), md.join('\n'));
// A diagram too tall for one slide is in bands (d-<id>-1.svg, ...): marp gets the whole drawing's first band.
const drawing = (id) => [`${id}.svg`, `${id}-1.svg`].map((name) => path.join(work, 'ours-warm/circuit-breaker/diagrams', name)).find((file) => existsSync(file));
for (const slide of deck.slides) if (slide.diagram) await copyFile(drawing(slide.diagram.id), path.join(marpDir, 'diagrams', `${slide.diagram.id}.svg`));

const marp = (args) => {
  const start = performance.now();
  execFileSync(marpBin, ['deck.md', '--allow-local-files', ...args], { cwd: marpDir, env: { ...process.env, CHROME_PATH: '/usr/bin/chromium', PUPPETEER_SKIP_DOWNLOAD: '1' }, stdio: 'pipe' });
  return performance.now() - start;
};
times.marpPdf = marp(['--pdf', '-o', 'deck.pdf']);
times.marpPptx = marp(['--pptx', '-o', 'deck.pptx']);

// ---- what the PPTX files hold ------------------------------------------------------------
async function pptxFacts(file) {
  const zip = await JSZip.loadAsync(await readFile(file));
  const slides = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
  let textRuns = 0;
  let pictures = 0;
  for (const name of slides) {
    const xml = await zip.file(name).async('string');
    textRuns += (xml.match(/<a:t>[^<]+<\/a:t>/g) ?? []).length;
    // Pictures and picture backgrounds (marp puts each rendered slide in the background).
    pictures += (xml.match(/<a:blip /g) ?? []).length;
  }
  const notes = Object.keys(zip.files).filter((name) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)).length;
  return { slides: slides.length, textRunsOnSlides: textRuns, imagesOnSlides: pictures, notesParts: notes };
}
const pages = (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
const size = async (file) => `${((await readFile(file)).length / 1024).toFixed(0)} KiB`;

const ours = path.join(work, 'ours-warm');
const report = {
  slides: deck.slides.length,
  ours: {
    'cold cache (Mermaid + PNG renders)': seconds(times.oursCold),
    'warm cache': seconds(times.oursWarm),
    'browser launch (shared with the build, not counted)': seconds(times.launch),
    pdfPages: pages(path.join(ours, 'circuit-breaker.pdf')),
    pdf: await size(path.join(ours, 'circuit-breaker.pdf')),
    pptx: { size: await size(path.join(ours, 'circuit-breaker.pptx')), ...(await pptxFacts(path.join(ours, 'circuit-breaker.pptx'))) },
  },
  marp: {
    'PDF (own Chromium launch)': seconds(times.marpPdf),
    'PPTX (own Chromium launch)': seconds(times.marpPptx),
    total: seconds(times.marpPdf + times.marpPptx),
    pdfPages: pages(path.join(marpDir, 'deck.pdf')),
    pdf: await size(path.join(marpDir, 'deck.pdf')),
    pptx: { size: await size(path.join(marpDir, 'deck.pptx')), ...(await pptxFacts(path.join(marpDir, 'deck.pptx'))) },
  },
  'ours / marp (warm)': (times.oursWarm / (times.marpPdf + times.marpPptx)).toFixed(2),
  'ours / marp (cold, with browser launch)': ((times.oursCold + times.launch) / (times.marpPdf + times.marpPptx)).toFixed(2),
};
console.log(JSON.stringify(report, null, 2));
if (!process.env.KEEP) await rm(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
