// Every output names a block's parts with the labels of format's blockParts, in its order:
// read from each emitter's rendered text of a real module (handbook Markdown, SCORM page HTML, slide deck).
import path from 'node:path';
import { blockParts, loadCollection, toPublication } from '@pattern-press/format';
import { partMarkdown } from '@pattern-press/pdf';
import { toPlayerHtml } from '@pattern-press/scorm';
import { deckModel } from '@pattern-press/slides';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

type Module = ReturnType<typeof toPublication>['modules'][number];
let module: Module;
let library: ReturnType<typeof toPublication>['library'];
const labels = blockParts.map((part) => part.label);

/** The labels of `shown` in the canonical order, each once: what an output must show, in that order. */
function canonicalOrder(shown: string[]): string[] {
  return labels.filter((label) => shown.includes(label));
}

/** `shown` with repeats of the previous label dropped (a part may fill several slides). */
function runs(shown: string[]): string[] {
  return shown.filter((label, index) => label !== shown[index - 1]);
}

/** `text` from `start` to the next `end` after it, or to its end. */
function stretch(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + 1);
  return text.slice(from, to === -1 ? undefined : to);
}

beforeAll(async () => {
  const publication = toPublication(await loadCollection(path.join(repoRoot, 'modules')));
  module = publication.modules.find((candidate) => candidate.slug === 'circuit-breaker')!;
  library = publication.library;
});

describe('block part labels', () => {
  it('the handbook, the SCORM player and the slides show the same labels in the same order', () => {
    const handbook = partMarkdown({ kind: 'chapter', module, number: '1' }, new Set());
    const player = toPlayerHtml(module, { version: '2004', diagrams: new Map(), playerBase: '.', library });
    const deck = deckModel(module, { library });
    for (const block of module.blocks) {
      // Each block's stretch of the output: from its heading (its anchor) to the next heading of that level.
      const chapterBlock = stretch(handbook, `{#${module.slug}--${block.id}}`, `{#${module.slug}--`);
      const pageBlock = stretch(player, `id="page-b-${block.id}"`, '<section class="page"');
      const handbookLabels = [...chapterBlock.matchAll(/\[([^\]]+)\]\{\.callout-label\}/g)].map((match) => match[1]!);
      const playerLabels = [...pageBlock.matchAll(/<section class="part part-[a-z]+"><h3>([^<]+)<\/h3>/g)].map((match) => match[1]!);
      const deckLabels = runs(
        deck.slides.filter((slide) => slide.id.startsWith(`${block.id}-`) && slide.kind !== 'section').map((slide) => slide.kicker.split(' · ').at(-1)!),
      );
      for (const shown of [handbookLabels, playerLabels, deckLabels]) {
        expect(shown.length).toBeGreaterThan(2);
        expect(runs(shown)).toEqual(canonicalOrder(shown));
      }
      // The slides show every part; the handbook and the player label the parts they head exactly as the slides do.
      expect(deckLabels).toEqual(expect.arrayContaining(handbookLabels));
      expect(deckLabels).toEqual(expect.arrayContaining(playerLabels));
    }
  });
});
