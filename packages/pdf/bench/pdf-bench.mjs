// Benchmark (not a test): our pipeline against the path a user would script
// by hand, `pandoc -s` to HTML then `chromium --headless --print-to-pdf` per
// module. Run after building: `npx tsc -p packages/pdf && node packages/pdf/bench/pdf-bench.mjs`.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkCollection } from '@pattern-press/checks';
import { isBuilt, loadCollection, toPublication } from '@pattern-press/format';
import { chromiumPath, launchBrowser } from '@pattern-press/render';
import { emitPdf } from '../dist/index.js';

const run = promisify(execFile);
const modulesRoot = fileURLToPath(new URL('../../../modules', import.meta.url));
const rounds = Number(process.env.ROUNDS ?? 2);
const ms = (value) => `${Math.round(value)} ms`;

const collection = await loadCollection(modulesRoot);
checkCollection(collection);
const publication = toPublication(collection);
const built = publication.modules.filter(isBuilt);
const work = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-bench-'));
const cacheDir = path.join(work, 'cache');

console.log(
  `modules built: ${built.map((module) => module.slug).join(', ')}; cores: ${os.availableParallelism()}; load average: ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);

const launchStarted = performance.now();
const browser = await launchBrowser();
console.log(`browser launch (once per build): ${ms(performance.now() - launchStarted)}`);
try {
  for (let round = 1; round <= rounds; round++) {
    const outDir = path.join(work, `ours-${round}`);
    const started = performance.now();
    const result = await emitPdf(publication, { outDir, cacheDir, browser });
    const total = performance.now() - started;
    const perModule = built.map((module) => result.timings[module.slug]);
    console.log(
      `ours, round ${round}${round === 1 ? ' (diagrams rendered)' : ' (diagrams cached)'}: total ${ms(total)}; ` +
        built.map((module, i) => `${module.slug}.pdf ${ms(perModule[i])}`).join(', ') +
        `; handbook.pdf ${ms(result.timings.handbook)}; handbook.epub ${ms(result.timings['handbook.epub'])}; handbook.docx ${ms(result.timings['handbook.docx'])}`,
    );
  }

  for (let round = 1; round <= rounds; round++) {
    const times = [];
    for (const module of built) {
      const started = performance.now();
      const source = path.join(modulesRoot, module.slug, 'module.md');
      const html = path.join(work, `naive-${module.slug}.html`);
      await run('/usr/bin/pandoc', ['--sandbox', '-s', '--metadata', `title=${module.title}`, '-f', 'markdown', '-t', 'html5', source, '-o', html]);
      await run(
        chromiumPath(),
        [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          `--print-to-pdf=${path.join(work, `naive-${module.slug}.pdf`)}`,
          '--no-pdf-header-footer',
          html,
        ],
        { timeout: 120_000 },
      );
      times.push(performance.now() - started);
    }
    console.log(`naive, round ${round}: ${built.map((module, i) => `${module.slug}.pdf ${ms(times[i])}`).join(', ')} (no diagrams, no contents page numbers, raw directives in the text)`);
  }
} finally {
  await browser.close();
  await rm(work, { recursive: true, force: true });
}
