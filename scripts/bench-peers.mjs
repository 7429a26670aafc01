// pnpm bench's peer rows — our build against the tools a team uses today, each
// side a process of its own making equivalent outputs, in interleaved rounds
// (ours then the peer, the peer then ours, ...) so both meet the same load.
// Not a test.
//
// - PDF: `press build --formats pdf --fresh` (every module's PDF, the handbook
//   PDF, EPUB and DOCX; diagrams cached, every page printed) against
//   scripts/peers/naive-pdf.sh (the same files by pandoc and Chromium's
//   print-to-pdf, scripted by hand: no diagrams, no numbered contents).
// - Slides: `press build --formats slides --fresh` (every module's HTML deck,
//   PDF and PPTX) against marp-cli making the same three files from an
//   equivalent Markdown deck per module (packages/slides/bench/marp-deck.mjs),
//   one marp process per file as marp-cli works.
//
// Each figure: the median wall time over the rounds, the CPU seconds of the
// whole process tree (load-independent), and the 1-minute load average when
// each run started. Prints one JSON report on stdout.
//
// Usage (in a built checkout): node scripts/bench-peers.mjs [--rounds N]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { isBuilt, loadCollection, toPublication } from '@pattern-press/format';
import { measure, median } from './measure.mjs';
import { writeMarpDeck } from '../packages/slides/bench/marp-deck.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 2;
const press = ['packages/cli/dist/bin.js', 'build', '--quiet', '--fresh'];
const marpBin = path.join(repo, 'packages', 'slides', 'node_modules', '.bin', 'marp');
const work = await mkdtemp(path.join(os.tmpdir(), 'press-peers-'));

function mustSucceed(what, result) {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.output.slice(-2000)}`);
  return result;
}

/** Our caches except the diagrams: a fresh build that does not render Mermaid again (the peers draw no diagrams). */
const forgetAllButDiagrams = () => Promise.all(['parse', 'outputs', 'pdf-parts', 'pandoc-ast', 'html'].map((folder) => rm(path.join(repo, '.press-cache', folder), { recursive: true, force: true })));

/** Several processes one after the other, measured as one. */
async function sequence(runs) {
  const results = [];
  for (const [what, command, args, cwd, env] of runs) results.push(mustSucceed(what, await measure(command, args, cwd, env)));
  return {
    seconds: results.reduce((sum, r) => sum + r.seconds, 0),
    cpuSeconds: results.reduce((sum, r) => sum + r.cpuSeconds, 0),
    peakMiB: Math.max(...results.map((r) => r.peakMiB)),
    load: results[0].load,
  };
}

try {
  const collection = await loadCollection(path.join(repo, 'modules'));
  checkCollection(collection);
  const publication = toPublication(collection);
  const built = publication.modules.filter(isBuilt);
  const slugs = built.map((module) => module.slug);

  // Diagrams rendered once for both sides, and our SVGs for marp's decks (as a team would export them).
  const primed = path.join(work, 'primed');
  mustSucceed('priming build', await measure('node', [...press, '--formats', 'slides', '--out', primed], repo));
  for (const module of built) await writeMarpDeck(module, publication, path.join(work, 'marp', module.slug), path.join(primed, 'slides', module.slug, 'diagrams'));

  const pairs = {
    pdf: {
      ours: async (round) => {
        await forgetAllButDiagrams();
        return mustSucceed('press build --formats pdf', await measure('node', [...press, '--formats', 'pdf', '--out', path.join(work, `ours-pdf-${round}`)], repo));
      },
      peer: (round) => sequence([['naive pdf', 'bash', [path.join(repo, 'scripts', 'peers', 'naive-pdf.sh'), path.join(repo, 'modules'), path.join(work, `naive-${round}`), ...slugs], repo]]),
      peerName: 'pandoc + chromium --print-to-pdf, by hand',
    },
    slides: {
      ours: async (round) => {
        await forgetAllButDiagrams();
        return mustSucceed('press build --formats slides', await measure('node', [...press, '--formats', 'slides', '--out', path.join(work, `ours-slides-${round}`)], repo));
      },
      peer: (round) =>
        sequence(
          slugs.flatMap((slug) =>
            [['html'], ['pdf', '--pdf'], ['pptx', '--pptx']].map(([extension, ...flags]) => [
              `marp ${slug} ${extension}`,
              marpBin,
              ['deck.md', '--allow-local-files', ...flags, '-o', `deck-${round}.${extension}`],
              path.join(work, 'marp', slug),
              { CHROME_PATH: process.env.PRESS_CHROMIUM ?? '/usr/bin/chromium' },
            ]),
          ),
        ),
      peerName: 'marp-cli (HTML, PDF, PPTX: a process each)',
    },
  };

  const report = { modules: slugs.length, rounds, cores: os.availableParallelism() };
  for (const [name, pair] of Object.entries(pairs)) {
    const ours = [];
    const peer = [];
    for (let round = 1; round <= rounds; round++) {
      // Alternate who goes first, so neither always runs on a cooler machine.
      if (round % 2) {
        ours.push(await pair.ours(round));
        peer.push(await pair.peer(round));
      } else {
        peer.push(await pair.peer(round));
        ours.push(await pair.ours(round));
      }
      console.error(`  ${name} round ${round}: ours ${ours.at(-1).seconds.toFixed(1)} s, peer ${peer.at(-1).seconds.toFixed(1)} s`);
    }
    const summary = (runs) => ({
      seconds: Number(median(runs.map((r) => r.seconds)).toFixed(1)),
      cpuSeconds: Number(median(runs.map((r) => r.cpuSeconds)).toFixed(1)),
      peakMiB: Math.round(Math.max(...runs.map((r) => r.peakMiB))),
      loads: runs.map((r) => Number(r.load.toFixed(1))),
    });
    const a = summary(ours);
    const b = summary(peer);
    report[name] = {
      ours: a,
      peer: { name: pair.peerName, ...b },
      'ours / peer (wall)': Number((a.seconds / b.seconds).toFixed(2)),
      'ours / peer (CPU)': Number((a.cpuSeconds / b.cpuSeconds).toFixed(2)),
    };
  }
  console.log(JSON.stringify(report, null, 2));
} finally {
  await rm(work, { recursive: true, force: true });
}
