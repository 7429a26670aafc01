// The Markdown deck a team would write by hand for marp-cli, holding what our
// deck of the same module shows (titles, lists, tables, code, diagrams, notes):
// the peer benchmarks feed it to marp so both sides make equivalent decks.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deckModel } from '../dist/index.js';

const runs = (rs) => rs.map((r) => (r.code ? `\`${r.text}\`` : r.bold ? `**${r.text}**` : r.italic ? `*${r.text}*` : r.text)).join('');

/** Writes `<dir>/deck.md` and its diagrams (copied from `diagramsDir`, our deck's SVGs) for `module`; returns the deck. */
export async function writeMarpDeck(module, publication, dir, diagramsDir) {
  const deck = deckModel(module, { library: publication.library });
  await mkdir(path.join(dir, 'diagrams'), { recursive: true });
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
      if (slide.table)
        md.push(`| ${slide.table.header.map(runs).join(' | ')} |`, `|${slide.table.header.map(() => '---').join('|')}|`, ...slide.table.rows.map((row) => `| ${row.map(runs).join(' | ')} |`), '');
      if (slide.code) md.push('```' + slide.code.language, ...slide.code.lines.map((line) => line.map((tk) => tk.text).join('')), '```', '');
      if (slide.diagram) md.push(`![w:1000 h:480](diagrams/${slide.diagram.id}.svg)`, '');
    }
    md.push(`<!--\n${slide.notes.replace(/-->/g, '->')}\n-->`);
  });
  await writeFile(path.join(dir, 'deck.md'), md.join('\n'));
  // A diagram too tall for one slide is in bands (<id>-1.svg, ...): marp gets the whole drawing's first band.
  const drawing = (id) => [`${id}.svg`, `${id}-1.svg`].map((name) => path.join(diagramsDir, name)).find((file) => existsSync(file));
  for (const slide of deck.slides) if (slide.diagram) await copyFile(drawing(slide.diagram.id), path.join(dir, 'diagrams', `${slide.diagram.id}.svg`));
  return deck;
}
