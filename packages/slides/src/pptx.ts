import { highlightCss } from '@pattern-press/render';
import JSZip from 'jszip';
import pptxgenImport from 'pptxgenjs';
import type { CodeLine, Token } from './code.js';
import type { Element, ListItem, Run } from './content.js';
import type { Deck, Slide, TableModel } from './deck.js';
import { diagramBox, palette } from './html.js';
import { bodyBox, bodyWidth, layout, slideSize, titleLines } from './layout.js';
import { pngSize } from './diagrams.js';

// pptxgenjs's types describe a CommonJS default export; under Node's ESM the class is the default itself.
const PptxGenJS = ((pptxgenImport as unknown as { default?: unknown }).default ?? pptxgenImport) as typeof pptxgenImport.default;
type Pptx = InstanceType<typeof pptxgenImport.default>;
type TextProps = pptxgenImport.default.TextProps;
type TextPropsOptions = pptxgenImport.default.TextPropsOptions;
type TableRow = pptxgenImport.default.TableRow;
type TableCell = pptxgenImport.default.TableCell;
type PptxSlide = pptxgenImport.default.Slide;

const inch = (px: number) => Math.round((px / 96) * 10000) / 10000;
const pt = (px: number) => Math.round(px * 0.75 * 100) / 100;
const hex = (color: string) => color.replace('#', '').toUpperCase();

const sans = 'Arial';
const mono = 'Consolas';

interface TokenStyle {
  color?: string;
  italic?: boolean;
  bold?: boolean;
}

/** highlight.js theme rules as (classes -> style), read from the same CSS the HTML deck uses. */
function themeRules(css: string): Array<{ classes: string[]; style: TokenStyle }> {
  const rules: Array<{ classes: string[]; style: TokenStyle }> = [];
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const body = match[2]!;
    const color = /(?:^|;)\s*color:\s*(#[0-9a-fA-F]{3,6})/.exec(body)?.[1];
    const style: TokenStyle = {};
    if (color) style.color = hex(color.length === 4 ? `#${color[1]}${color[1]}${color[2]}${color[2]}${color[3]}${color[3]}` : color);
    if (/font-style:\s*italic/.test(body)) style.italic = true;
    if (/font-weight:\s*bold/.test(body)) style.bold = true;
    if (Object.keys(style).length === 0) continue;
    for (const selector of match[1]!.split(',')) {
      const classes = [...selector.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!);
      if (classes.length > 0 && classes.every((c) => c !== 'hljs') ) rules.push({ classes, style });
    }
  }
  return rules;
}

let cachedRules: ReturnType<typeof themeRules> | undefined;

function tokenStyle(token: Token): TokenStyle {
  cachedRules ??= themeRules(highlightCss('github'));
  let best: TokenStyle = {};
  let bestSpecificity = 0;
  for (const rule of cachedRules) {
    if (rule.classes.length >= bestSpecificity && rule.classes.every((c) => token.classes.includes(c))) {
      best = rule.style;
      bestSpecificity = rule.classes.length;
    }
  }
  return best;
}

function runProps(run: Run, base: TextPropsOptions): TextProps {
  const options: TextPropsOptions = { ...base };
  if (run.bold) options.bold = true;
  if (run.italic) options.italic = true;
  if (run.code) {
    options.fontFace = mono;
    options.highlight = hex(palette.codeBg);
  }
  if (run.href !== undefined && /^(https?:|mailto:)/.test(run.href)) options.hyperlink = { url: run.href };
  return { text: run.text, options };
}

/** One paragraph: paragraph-level options on every run, a line break after the last. */
function paragraph(runs: readonly Run[], paragraphOptions: TextPropsOptions): TextProps[] {
  const props = (runs.length > 0 ? runs : [{ text: ' ' }]).map((run) => runProps(run, paragraphOptions));
  props[props.length - 1]!.options = { ...props[props.length - 1]!.options, breakLine: true };
  return props;
}

function itemProps(item: ListItem, size: number, lineHeight: number, last: boolean): TextProps[] {
  const ordered = /^\d+\.$/.exec(item.marker);
  const bullet: TextPropsOptions['bullet'] = ordered
    ? { type: 'number', numberStartAt: Number.parseInt(item.marker, 10), indent: pt(layout.text.indent) }
    : { characterCode: item.marker === '☐' ? '2610' : item.marker === '☑' ? '2611' : item.level === 0 ? '2022' : '2013', indent: pt(layout.text.indent) };
  return paragraph(item.runs, {
    fontSize: pt(size),
    lineSpacing: pt(lineHeight),
    bullet,
    indentLevel: item.level,
    paraSpaceAfter: pt(last ? layout.text.paragraphGap + layout.text.itemGap : layout.text.itemGap),
    color: hex(palette.ink),
    fontFace: sans,
  });
}

function textProps(elements: readonly Element[], hook: boolean): TextProps[] {
  const { size, lineHeight } = hook ? layout.hook : layout.text;
  const out: TextProps[] = [];
  for (const element of elements) {
    if (element.kind === 'paragraph') {
      out.push(...paragraph(element.runs, { fontSize: pt(size), lineSpacing: pt(lineHeight), paraSpaceAfter: pt(layout.text.paragraphGap), color: hex(palette.ink), fontFace: sans }));
    } else if (element.kind === 'heading') {
      out.push(...paragraph(element.runs, { fontSize: pt(layout.subheading.size), lineSpacing: pt(layout.subheading.lineHeight), bold: true, paraSpaceAfter: pt(layout.subheading.gap), color: hex(palette.ink), fontFace: sans }));
    } else if (element.kind === 'list') {
      element.items.forEach((item, index) => out.push(...itemProps(item, size, lineHeight, index === element.items.length - 1)));
    }
  }
  return out;
}

function codeProps(lines: readonly CodeLine[]): TextProps[] {
  const base: TextPropsOptions = { fontFace: mono, fontSize: pt(layout.code.size), lineSpacing: pt(layout.code.lineHeight), color: hex(palette.ink) };
  const out: TextProps[] = [];
  lines.forEach((line) => {
    const tokens = line.length > 0 ? line : [{ text: ' ', classes: [] }];
    tokens.forEach((token, index) => {
      const style = tokenStyle(token);
      out.push({
        text: token.text.replace(/\t/g, '    '),
        options: { ...base, ...(style.color ? { color: style.color } : {}), ...(style.italic ? { italic: true } : {}), ...(style.bold ? { bold: true } : {}), ...(index === tokens.length - 1 ? { breakLine: true } : {}) },
      });
    });
  });
  return out;
}

function tableRows(table: TableModel): TableRow[] {
  const cell = (runs: Run[], header: boolean, column: number): TableCell => ({
    text: runs.length > 0 ? runs.map((run) => runProps(run, {})) : ' ',
    options: {
      bold: header,
      fill: header ? { color: hex(palette.accentSoft) } : { color: 'FFFFFF' },
      align: table.align[column] ?? 'left',
      valign: 'top',
    },
  });
  return [table.header.map((runs, column) => cell(runs, true, column)), ...table.rows.map((row) => row.map((runs, column) => cell(runs, false, column)))];
}

function frame(pptxSlide: PptxSlide, deck: Deck, tinted: boolean): void {
  pptxSlide.background = { color: tinted ? hex(palette.tint) : 'FFFFFF' };
  pptxSlide.addShape('rect', { x: 0, y: 0, w: inch(slideSize.width), h: inch(6), fill: { color: hex(palette.accent) }, line: { color: hex(palette.accent), width: 0 } });
  const footerTop = slideSize.height - layout.footer.height;
  pptxSlide.addShape('line', { x: inch(layout.padX), y: inch(footerTop), w: inch(bodyWidth), h: 0, line: { color: hex(palette.rule), width: 0.75 } });
  pptxSlide.addText(deck.footer, { x: inch(layout.padX), y: inch(footerTop), w: inch(bodyWidth - 120), h: inch(layout.footer.height), fontFace: sans, fontSize: pt(layout.footer.size), color: hex(palette.muted), margin: 0, valign: 'middle' });
  pptxSlide.slideNumber = { x: inch(slideSize.width - layout.padX - 100), y: inch(footerTop + 12), w: inch(100), h: inch(28), fontFace: sans, fontSize: pt(layout.footer.size), color: hex(palette.muted), align: 'right' };
}

function addSlide(pptx: Pptx, deck: Deck, slide: Slide, pngs: ReadonlyMap<string, Buffer>): void {
  const s = pptx.addSlide();
  frame(s, deck, slide.layout === 'title' || slide.layout === 'hook');
  s.addNotes(slide.notes);
  const x = inch(layout.padX);
  const w = inch(bodyWidth);
  if (slide.layout === 'title') {
    s.addText(slide.kicker.toUpperCase(), { x, y: inch(190), w, h: inch(28), fontFace: sans, fontSize: pt(layout.kicker.size), bold: true, color: hex(palette.accent), margin: 0, charSpacing: 1 });
    s.addText(deck.title, { x, y: inch(224), w, h: inch(90), fontFace: sans, fontSize: pt(72), bold: true, color: hex(palette.ink), margin: 0, valign: 'top' });
    s.addText(deck.tagline, { x, y: inch(320), w, h: inch(50), fontFace: sans, fontSize: pt(34), color: hex(palette.muted), margin: 0, valign: 'top' });
    s.addText(deck.meta.join('   ·   '), { x, y: inch(400), w, h: inch(40), fontFace: sans, fontSize: pt(20), color: hex(palette.ink), margin: 0 });
    if (deck.badge) s.addText(deck.badge.toUpperCase(), { x: inch(slideSize.width - layout.padX - 420), y: inch(40), w: inch(420), h: inch(40), fontFace: sans, fontSize: pt(20), bold: true, color: 'FFFFFF', fill: { color: hex(palette.badge) }, align: 'center', valign: 'middle', margin: 0 });
    return;
  }
  const lines = titleLines(slide.title);
  s.addText(slide.kicker.toUpperCase(), { x, y: inch(layout.padTop), w, h: inch(layout.kicker.lineHeight), fontFace: sans, fontSize: pt(layout.kicker.size), bold: true, color: hex(palette.accent), margin: 0, valign: 'top', charSpacing: 1 });
  s.addText(slide.title, { x, y: inch(layout.padTop + layout.kicker.lineHeight + layout.kicker.gap), w, h: inch(lines * layout.title.lineHeight), fontFace: sans, fontSize: pt(layout.title.size), bold: true, color: hex(palette.ink), margin: 0, valign: 'top', lineSpacing: pt(layout.title.lineHeight) });
  const body = bodyBox(lines);
  const y = inch(body.top);
  const h = inch(body.height);
  switch (slide.layout) {
    case 'text':
    case 'hook':
      s.addText(textProps(slide.elements, slide.layout === 'hook'), { x, y, w, h, margin: 0, valign: 'top', fit: 'shrink' });
      break;
    case 'table':
      s.addTable(tableRows(slide.table!), { x, y, w, colW: slide.table!.widths.map(inch), fontFace: sans, fontSize: pt(layout.table.size), color: hex(palette.ink), border: { type: 'solid', color: hex(palette.rule), pt: 0.75 }, margin: inch(layout.table.cellPadX), autoPage: false });
      break;
    case 'code': {
      const rows = slide.code!.lines.length;
      s.addText(codeProps(slide.code!.lines), { x, y, w, h: Math.min(h, inch(rows * layout.code.lineHeight + 2 * layout.code.pad + 8)), margin: pt(layout.code.pad), valign: 'top', fill: { color: hex(palette.codeBg) }, line: { color: hex(palette.rule), width: 0.75 }, fit: 'shrink' });
      break;
    }
    case 'diagram': {
      const png = pngs.get(slide.diagram!.id);
      if (!png) {
        s.addText([{ text: 'This diagram did not render.', options: { color: hex(palette.badge), breakLine: true } }, { text: slide.diagram!.source, options: { fontFace: mono, fontSize: pt(layout.code.size) } }], { x, y, w, h, valign: 'top', margin: 0, fontFace: sans });
        break;
      }
      const natural = pngSize(png);
      const box = diagramBox({ width: natural.width, height: natural.height }, slide.title);
      s.addImage({ data: `image/png;base64,${png.toString('base64')}`, x: inch(layout.padX + (bodyWidth - box.width) / 2), y: inch(body.top + (body.height - layout.safety - box.height) / 2), w: inch(box.width), h: inch(box.height), altText: slide.diagram!.alt });
      break;
    }
    default:
      break;
  }
}

/** A fixed timestamp for every zip entry and the document properties: the same deck gives the same bytes. */
const fixedDate = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** Rewrites pptxgenjs's zip with fixed dates (it stamps the build time into docProps/core.xml and every entry). */
export async function normalizePptx(buffer: Buffer): Promise<Buffer> {
  const source = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  for (const name of Object.keys(source.files)) {
    const entry = source.files[name]!;
    if (entry.dir) continue;
    let data: string | Uint8Array = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      data = Buffer.from(data)
        .toString('utf8')
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${fixedDate.toISOString().replace(/\.\d{3}Z$/, 'Z')}$2`);
    }
    out.file(name, data, { date: fixedDate, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

/** The editable PowerPoint file of a deck: real text runs, notes in the notes pane, diagrams as PNG pictures. */
export async function deckPptx(deck: Deck, pngs: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'Pattern Press';
  pptx.company = 'Pattern Press';
  pptx.title = deck.title;
  pptx.subject = deck.tagline;
  pptx.theme = { headFontFace: sans, bodyFontFace: sans };
  for (const slide of deck.slides) addSlide(pptx, deck, slide, pngs);
  const raw = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
  return normalizePptx(raw);
}
