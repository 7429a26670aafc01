import type { PatternModule } from '@pattern-press/schema';
import type { DocumentKind } from './assemble.js';

/** A CSS string literal. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\s+/g, ' ')}"`;
}

// System fonts from Debian's fonts-noto-core and fonts-dejavu-core, found by
// fontconfig: nothing is requested, and Chromium embeds the subsets it uses.
const serif = "'Noto Serif', 'DejaVu Serif', serif";
const sans = "'Noto Sans', 'DejaVu Sans', sans-serif";
const mono = "'DejaVu Sans Mono', monospace";

const base = `
@page { size: A4; margin: 22mm 20mm 24mm 20mm; }
@page cover { margin: 0; @top-center { content: none; } }
html { font-family: ${serif}; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; font-kerning: normal; font-variant-ligatures: common-ligatures; hyphens: auto; }
body { margin: 0; }
/* Nothing may be wider than the column: Chromium would shrink every page of the print to fit it. */
a, code, td, th, .csl-entry, li, p { overflow-wrap: anywhere; }
img, svg, table, pre { max-width: 100%; }
p { margin: 0 0 0.6em; orphans: 3; widows: 3; text-align: justify; }
h1, h2, h3, h4 { font-family: ${sans}; line-height: 1.2; break-after: avoid; break-inside: avoid; color: #12263a; hyphens: manual; text-align: left; }
h1 { font-size: 20pt; margin: 0 0 0.8em; padding-bottom: 0.25em; border-bottom: 1.5pt solid #12263a; }
h2 { font-size: 14pt; margin: 1.6em 0 0.4em; }
h3 { font-size: 11.5pt; margin: 1.2em 0 0.3em; }
h4 { font-size: 10.5pt; margin: 1em 0 0.3em; }
.secno { color: #2f6f9f; margin-right: 0.45em; }
.module, .answer-key, #glossary, #references { break-before: page; }
/* A heading keeps its minutes, question or correct-answer line and the first lines of what follows on its page. */
p:has(> .minutes:only-child), p:has(> .question-meta:only-child), .answer-key h3 + p { break-after: avoid; }
.minutes, .question-meta { display: block; font: 8.5pt ${sans}; color: #555; text-transform: uppercase; letter-spacing: 0.04em; margin: -0.2em 0 0.8em; }
a { color: #1f5f8b; text-decoration: none; }
.xref-absent { font-style: italic; }
/* A term linked to its glossary entry reads as text: a dotted underline says it leads somewhere. */
a.glossary-term { color: inherit; border-bottom: 0.6pt dotted #1f5f8b; }
.glossary-entry { margin-top: 0.8em; break-inside: avoid; }
.glossary-entry > p { text-align: left; margin: 0 0 0.2em 1.4em; }
.glossary-entry > p:first-child { margin-left: 0; break-after: avoid; }
.glossary-name { font: bold 10.5pt ${sans}; color: #12263a; }
.glossary-chapters { font-style: italic; }
ul, ol { margin: 0 0 0.6em; padding-left: 1.4em; }
li { margin: 0.15em 0; }
li > p { margin: 0; }
/* A checkbox or a choice's letter is the item's marker: no bullet beside it. */
ul.task-list, .choices > ul { list-style: none; padding-left: 0.4em; }
ul.task-list > li { padding-left: 1.3em; text-indent: -1.3em; }
.choices > ul > li { padding-left: 1.5em; text-indent: -1.5em; }
code { font-family: ${mono}; font-size: 0.86em; background: #f3f4f6; padding: 0 0.2em; border-radius: 2px; }
pre, pre code, pre > code.sourceCode, pre > code.sourceCode > span { white-space: pre-wrap !important; overflow-wrap: anywhere; word-break: break-word; }
pre { font-family: ${mono}; font-size: 8.3pt; line-height: 1.35; background: #f6f8fa; border: 0.6pt solid #d8dee4; border-radius: 3px; padding: 0.6em 0.8em; margin: 0 0 0.8em; overflow: visible; text-align: left; }
pre code { background: none; padding: 0; font-size: inherit; }
div.sourceCode { margin: 0 0 0.8em; background: none; overflow: visible; }
pre > code.sourceCode > span > a:first-child::before { text-decoration: none; }
.code-example { margin: 0.8em 0; }
/* A listing split at a page break (code-flow.ts): a mark under the first fragment, one over the next, at the label size. */
.press-code-continues, .press-code-continued { font: italic 8pt/1.3 ${sans}; color: #555; text-align: right; margin: 0; hyphens: manual; }
.press-code-continues { margin: -0.5em 0 0.8em; break-before: avoid; }
.press-code-continued { break-before: page; break-after: avoid; margin-bottom: 0.2em; }
.code-file { display: block; font: 8pt ${mono}; color: #555; margin-bottom: 0.2em; }
.callout { border-left: 3pt solid #888; background: #f7f7f7; padding: 0.55em 0.9em 0.3em; margin: 0.9em 0; break-inside: avoid-page; border-radius: 0 3px 3px 0; }
.callout-label { display: block; font: bold 8pt ${sans}; text-transform: uppercase; letter-spacing: 0.06em; margin-bottom: 0.35em; }
.callout.hook { border-color: #d9822b; background: #fdf4ea; } .callout.hook .callout-label { color: #a85a12; }
.callout.analogy { border-color: #7a5cc2; background: #f4f0fb; } .callout.analogy .callout-label { color: #5b3fa0; }
.callout.practice { border-color: #2f8f5b; background: #eef8f2; } .callout.practice .callout-label { color: #216b43; }
.callout.reflection { border-color: #2f6f9f; background: #eef4fa; } .callout.reflection .callout-label { color: #1f5f8b; }
.callout.model-answer { border-color: #12263a; background: #f2f4f7; }
.solution-pointer { font-style: italic; font-size: 9pt; }
figure { margin: 0.8em 0; break-inside: avoid; text-align: center; }
/* Each diagram is sized by the page's script (template.ts) so its labels print near body size. */
figure.diagram svg { display: block; margin: 0 auto; }
figcaption { font: 9pt/1.3 ${sans}; color: #333; margin-top: 0.5em; text-align: center; }
.figure-no { font-weight: bold; }
/* A diagram too wide for the column, turned a quarter on a page of its own: read with the book turned clockwise. */
.diagram-turned { break-before: page; break-after: page; position: relative; width: 170mm; height: 250mm; }
.diagram-turned figure { position: absolute; top: 0; left: 0; width: 250mm; height: 170mm; margin: 0; transform-origin: 0 0; transform: translateY(250mm) rotate(-90deg); display: flex; flex-direction: column; justify-content: center; align-items: center; }
img { max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 0.6pt solid #ccd3da; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { font-family: ${sans}; font-size: 8.5pt; border-bottom-width: 1.2pt; }
blockquote { margin: 0.6em 1.2em; color: #444; }
.review-copy { display: inline-block; font: bold 10pt ${sans}; color: #b3261e; border: 1.2pt solid #b3261e; padding: 0.2em 0.6em; margin: 0.4em 0 0.8em; letter-spacing: 0.02em; }
.cover { page: cover; height: 297mm; box-sizing: border-box; padding: 70mm 24mm 0; background: #12263a; color: #fff; break-after: page; }
.cover > p { text-align: left; }
.cover-kicker { display: block; font: 10pt ${sans}; letter-spacing: 0.2em; text-transform: uppercase; color: #9ec3e6; margin-bottom: 14mm; }
.cover-title { display: block; font: bold 34pt/1.1 ${sans}; margin-bottom: 6mm; }
.cover-tagline { display: block; font: italic 15pt/1.3 ${serif}; color: #dce8f3; margin-bottom: 22mm; }
.cover-meta { display: block; font: 10pt ${sans}; color: #dce8f3; margin-bottom: 2mm; }
.cover .review-copy { color: #ffb4ab; border-color: #ffb4ab; margin-top: 16mm; }
.toc { break-after: page; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { margin: 0; }
.toc a { display: flex; align-items: baseline; color: inherit; padding: 0.18em 0; }
.toc .toc-no { flex: 0 0 2.6em; color: #2f6f9f; }
.toc .toc-text { flex: 0 1 auto; }
.toc a::after { content: ""; flex: 1 1 auto; border-bottom: 0.8pt dotted #999; margin: 0 0.4em; order: 2; min-width: 1em; }
.toc .toc-page { order: 3; flex: 0 0 2.2em; text-align: right; font-variant-numeric: tabular-nums; }
.toc .toc-1 { font: bold 10.5pt ${sans}; margin-top: 0.5em; }
.toc .toc-2 { font-size: 10pt; padding-left: 1.2em; }
.toc .toc-2 .toc-no { flex-basis: 2.6em; }
.csl-entry { margin-bottom: 0.5em; padding-left: 1.5em; text-indent: -1.5em; text-align: left; }
.answer-key h2 { break-before: auto; }
`;

/**
 * The print stylesheet of one document: running headers come from named
 * pages (one per module in the handbook), so the header always shows the
 * module a page belongs to; Chromium 131+ draws @page margin boxes.
 */
export function documentCss(kind: DocumentKind, title: string, modules: readonly PatternModule[]): string {
  const header = (text: string) => `@top-center { content: ${cssString(text)}; font: 8.5pt ${sans}; color: #666; }`;
  const running =
    kind === 'module'
      ? `@page { ${header(modules[0]?.title ?? title)} }`
      : [`@page { ${header(title)} }`, ...modules.map((module) => `@page m-${module.slug} { ${header(module.title)} }\n.module-${module.slug} { page: m-${module.slug}; }`)].join('\n');
  return `${base}\n${running}\n`;
}
