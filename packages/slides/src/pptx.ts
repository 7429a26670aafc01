import { highlightCss } from '@pattern-press/render';
import { zipBytes, zipEntries } from '@pattern-press/output-files';
import pptxgenImport from 'pptxgenjs';
import type { CodeLine, Token } from './code.js';
import type { Element, ListItem, Run } from './content.js';
import { diagramKey, type Deck, type Slide, type TableModel } from './deck.js';
import { diagramArea, diagramBox, palette } from './html.js';
import { bodyBox, bodyWidth, fonts, layout, slideSize, titleLines } from './layout.js';
import { pngSize } from '@pattern-press/render';
import { pngScale } from './diagrams.js';

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
      if (classes.length > 0 && classes.every((c) => c !== 'hljs')) rules.push({ classes, style });
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
    options.fontFace = fonts.mono;
    if (base.fontSize) options.fontSize = Math.round(base.fontSize * 0.85 * 100) / 100;
    options.highlight = hex(palette.codeBg);
  }
  if (run.href !== undefined && /^(https?:|mailto:)/.test(run.href)) options.hyperlink = { url: run.href };
  return { text: run.text, options };
}

/**
 * One paragraph holding all its runs: the paragraph options (bullet, level,
 * spacing) go on the first run only, since pptxgenjs starts a new paragraph at
 * every run that carries a bullet; a line break closes the last run.
 */
function paragraph(runs: readonly Run[], paragraphOptions: TextPropsOptions, runOptions: TextPropsOptions): TextProps[] {
  const props = (runs.length > 0 ? runs : [{ text: ' ' }]).map((run, index) => runProps(run, index === 0 ? { ...runOptions, ...paragraphOptions } : runOptions));
  props[props.length - 1]!.options = { ...props[props.length - 1]!.options, breakLine: true };
  return props;
}

function itemProps(item: ListItem, size: number, lineHeight: number, last: boolean): TextProps[] {
  const ordered = /^\d+\.$/.exec(item.marker);
  const bullet: TextPropsOptions['bullet'] = ordered
    ? { type: 'number', numberStartAt: Number.parseInt(item.marker, 10), indent: pt(layout.text.indent) }
    : { characterCode: item.marker === '☐' ? '2610' : item.marker === '☑' ? '2611' : item.level === 0 ? '2022' : '2013', indent: pt(layout.text.indent) };
  return paragraph(
    item.runs,
    { lineSpacing: pt(lineHeight), bullet, indentLevel: item.level, paraSpaceAfter: pt(last ? layout.text.paragraphGap + layout.text.itemGap : layout.text.itemGap) },
    { fontSize: pt(size), color: hex(palette.ink) },
  );
}

function textProps(elements: readonly Element[], hook: boolean): TextProps[] {
  const { size, lineHeight } = hook ? layout.hook : layout.text;
  const out: TextProps[] = [];
  for (const element of elements) {
    if (element.kind === 'paragraph') {
      out.push(...paragraph(element.runs, { lineSpacing: pt(lineHeight), paraSpaceAfter: pt(layout.text.paragraphGap) }, { fontSize: pt(size), color: hex(palette.ink) }));
    } else if (element.kind === 'heading') {
      out.push(
        ...paragraph(
          element.runs,
          { lineSpacing: pt(layout.subheading.lineHeight), paraSpaceAfter: pt(layout.subheading.gap) },
          { fontSize: pt(layout.subheading.size), bold: true, color: hex(palette.ink) },
        ),
      );
    } else if (element.kind === 'list') {
      element.items.forEach((item, index) => out.push(...itemProps(item, size, lineHeight, index === element.items.length - 1)));
    }
  }
  return out;
}

function codeProps(lines: readonly CodeLine[]): TextProps[] {
  const base: TextPropsOptions = { fontFace: fonts.mono, fontSize: pt(layout.code.size), color: hex(palette.ink) };
  const out: TextProps[] = [];
  lines.forEach((line) => {
    const tokens = line.length > 0 ? line : [{ text: ' ', classes: [] }];
    tokens.forEach((token, index) => {
      const style = tokenStyle(token);
      out.push({
        text: token.text.replace(/\t/g, '    '),
        options: {
          ...base,
          ...(index === 0 ? { lineSpacing: pt(layout.code.lineHeight) } : {}),
          ...(style.color ? { color: style.color } : {}),
          ...(style.italic ? { italic: true } : {}),
          ...(style.bold ? { bold: true } : {}),
          ...(index === tokens.length - 1 ? { breakLine: true } : {}),
        },
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

// ---- the slide master ------------------------------------------------------------------

/** The layouts of the deck's slide master, by the name PowerPoint shows. */
export const pptxLayouts = { title: 'Title Slide', section: 'Section Header', content: 'Title and Content', code: 'Code', diagram: 'Diagram', two: 'Two Content' } as const;

const x = inch(layout.padX);
const w = inch(bodyWidth);
const titleTop = layout.padTop + layout.kicker.lineHeight + layout.kicker.gap;
const oneLineBody = bodyBox(1);

function titlePlaceholder(top = titleTop): { placeholder: { options: pptxgenImport.default.PlaceholderProps; text: string } } {
  return {
    placeholder: {
      options: {
        name: 'title',
        type: 'title',
        x,
        y: inch(top),
        w,
        h: inch(layout.title.lineHeight + 4),
        fontSize: pt(layout.title.size),
        bold: true,
        color: hex(palette.ink),
        margin: 0,
        valign: 'top',
        align: 'left',
      },
      text: '',
    },
  };
}

function bodyPlaceholder(name: string, box: { x: number; y: number; w: number; h: number }, extra: Partial<pptxgenImport.default.PlaceholderProps> = {}) {
  return { placeholder: { options: { name, type: 'body' as const, ...box, margin: 0, valign: 'top' as const, fontSize: pt(layout.text.size), color: hex(palette.ink), ...extra }, text: '' } };
}

/** Master objects every layout shares: the accent rule on top, the footer line and text. */
function chrome(deck: Deck) {
  const footerTop = slideSize.height - layout.footer.height;
  return [
    { rect: { x: 0, y: 0, w: inch(slideSize.width), h: inch(6), fill: { color: hex(palette.accent) }, line: { color: hex(palette.accent), width: 0 } } },
    { line: { x, y: inch(footerTop), w, h: 0, line: { color: hex(palette.rule), width: 0.75 } } },
    {
      text: {
        text: deck.footer,
        options: { x, y: inch(footerTop), w: inch(bodyWidth - 120), h: inch(layout.footer.height), fontSize: pt(layout.footer.size), color: hex(palette.muted), margin: 0, valign: 'middle' },
      },
    },
  ] as NonNullable<pptxgenImport.default.SlideMasterProps['objects']>;
}

function defineMasters(pptx: Pptx, deck: Deck): void {
  const footerTop = slideSize.height - layout.footer.height;
  const slideNumber = {
    x: inch(slideSize.width - layout.padX - 100),
    y: inch(footerTop + 8),
    w: inch(100),
    h: inch(28),
    fontSize: pt(layout.footer.size),
    color: hex(palette.muted),
    align: 'right' as const,
  };
  const body = { x, y: inch(oneLineBody.top), w, h: inch(oneLineBody.height) };
  // The two opening layouts: a large title and a subtitle on the tinted background.
  const opener = (name: string, title: { y: number; h: number; size: number; valign: 'top' | 'bottom' }, subtitle: { y: number; h: number; size: number }) =>
    pptx.defineSlideMaster({
      title: name,
      background: { color: hex(palette.tint) },
      slideNumber,
      objects: [
        ...chrome(deck),
        {
          placeholder: {
            options: {
              name: 'title',
              type: 'title',
              x,
              y: inch(title.y),
              w,
              h: inch(title.h),
              fontSize: pt(title.size),
              bold: true,
              color: hex(palette.ink),
              margin: 0,
              valign: title.valign,
              align: 'left',
            },
            text: '',
          },
        },
        bodyPlaceholder('subtitle', { x, y: inch(subtitle.y), w, h: inch(subtitle.h) }, { fontSize: pt(subtitle.size), color: hex(palette.muted) }),
      ],
    });
  opener(pptxLayouts.title, { y: 224, h: 96, size: 72, valign: 'top' }, { y: 330, h: 120, size: 34 });
  opener(pptxLayouts.section, { y: 250, h: 130, size: 56, valign: 'bottom' }, { y: 400, h: 60, size: 28 });
  pptx.defineSlideMaster({ title: pptxLayouts.content, background: { color: 'FFFFFF' }, slideNumber, objects: [...chrome(deck), titlePlaceholder(), bodyPlaceholder('body', body)] });
  pptx.defineSlideMaster({
    title: pptxLayouts.code,
    background: { color: 'FFFFFF' },
    slideNumber,
    objects: [
      ...chrome(deck),
      titlePlaceholder(),
      bodyPlaceholder('code', body, {
        fontFace: fonts.mono,
        fontSize: pt(layout.code.size),
        fill: { color: hex(palette.codeBg) },
        margin: pt(layout.code.pad),
      } as Partial<pptxgenImport.default.PlaceholderProps>),
    ],
  });
  pptx.defineSlideMaster({ title: pptxLayouts.diagram, background: { color: 'FFFFFF' }, slideNumber, objects: [...chrome(deck), titlePlaceholder(layout.padTop)] });
  const half = (bodyWidth - 32) / 2;
  pptx.defineSlideMaster({
    title: pptxLayouts.two,
    background: { color: 'FFFFFF' },
    slideNumber,
    objects: [...chrome(deck), titlePlaceholder(), bodyPlaceholder('left', { ...body, w: inch(half) }), bodyPlaceholder('right', { ...body, x: inch(layout.padX + half + 32), w: inch(half) })],
  });
}

function kickerText(s: PptxSlide, kicker: string): void {
  s.addText(kicker.toUpperCase(), {
    x,
    y: inch(layout.padTop),
    w,
    h: inch(layout.kicker.lineHeight),
    fontSize: pt(layout.kicker.size),
    bold: true,
    color: hex(palette.accent),
    margin: 0,
    valign: 'top',
    charSpacing: 1,
    objectName: 'Kicker',
  });
}

const layoutOf: Record<Slide['layout'], string> = {
  title: pptxLayouts.title,
  section: pptxLayouts.section,
  text: pptxLayouts.content,
  hook: pptxLayouts.content,
  table: pptxLayouts.content,
  code: pptxLayouts.code,
  diagram: pptxLayouts.diagram,
};

function addSlide(pptx: Pptx, deck: Deck, slide: Slide, pngs: ReadonlyMap<string, Buffer>): void {
  const s = pptx.addSlide({ masterName: layoutOf[slide.layout] });
  if (slide.layout === 'hook') s.background = { color: hex(palette.tint) };
  s.addNotes(slide.notes);
  if (slide.layout === 'title') {
    s.addText(slide.kicker.toUpperCase(), {
      x,
      y: inch(190),
      w,
      h: inch(28),
      fontSize: pt(layout.kicker.size),
      bold: true,
      color: hex(palette.accent),
      margin: 0,
      charSpacing: 1,
      objectName: 'Kicker',
    });
    s.addText(deck.title, { placeholder: 'title' });
    s.addText(
      [
        { text: deck.tagline, options: { breakLine: true, paraSpaceAfter: 18 } },
        { text: deck.meta.join('   ·   '), options: { fontSize: pt(24), color: hex(palette.ink) } },
      ],
      { placeholder: 'subtitle' },
    );
    if (deck.badge)
      s.addText(deck.badge.toUpperCase(), {
        x: inch(slideSize.width - layout.padX - 440),
        y: inch(40),
        w: inch(440),
        h: inch(40),
        fontSize: pt(20),
        bold: true,
        color: 'FFFFFF',
        fill: { color: hex(palette.badge) },
        align: 'center',
        valign: 'middle',
        margin: 0,
        objectName: 'Review badge',
      });
    return;
  }
  if (slide.layout === 'section') {
    s.addText(slide.kicker.toUpperCase(), {
      x,
      y: inch(210),
      w,
      h: inch(30),
      fontSize: pt(layout.kicker.size + 2),
      bold: true,
      color: hex(palette.accent),
      margin: 0,
      charSpacing: 1,
      objectName: 'Kicker',
    });
    s.addText(slide.title, { placeholder: 'title' });
    s.addText(textProps(slide.elements, false), { placeholder: 'subtitle' });
    return;
  }
  if (slide.layout !== 'diagram') kickerText(s, slide.kicker);
  const lines = titleLines(slide.title);
  // A title of two lines would run into the body: it is set a size smaller to keep to one.
  s.addText(slide.title, { placeholder: 'title', ...(lines > 1 ? { fontSize: pt(layout.title.size * 0.8), fit: 'shrink' } : {}) });
  const body = bodyBox(1);
  switch (slide.layout) {
    case 'text':
    case 'hook':
      s.addText(textProps(slide.elements, slide.layout === 'hook'), { placeholder: 'body', fit: 'shrink' });
      break;
    case 'table':
      s.addTable(tableRows(slide.table!), {
        x,
        y: inch(body.top),
        w,
        colW: slide.table!.widths.map(inch),
        fontSize: pt(layout.table.size),
        color: hex(palette.ink),
        border: { type: 'solid', color: hex(palette.rule), pt: 0.75 },
        margin: pt(layout.table.cellPadX),
        autoPage: false,
      });
      break;
    case 'code':
      s.addText(codeProps(slide.code!.lines), { placeholder: 'code', fit: 'shrink' });
      break;
    case 'diagram': {
      const png = pngs.get(diagramKey(slide.diagram!));
      if (!png) {
        s.addText(
          [
            { text: 'This diagram did not render.', options: { color: hex(palette.badge), breakLine: true } },
            { text: slide.diagram!.source, options: { fontFace: fonts.mono, fontSize: pt(layout.code.size) } },
          ],
          { x, y: inch(body.top), w, h: inch(body.height), valign: 'top', margin: 0 },
        );
        break;
      }
      const natural = pngSize(png);
      const box = diagramBox({ width: natural.width / pngScale, height: natural.height / pngScale }, slide.title);
      const area = diagramArea(slide.title);
      s.addImage({
        data: `image/png;base64,${png.toString('base64')}`,
        x: inch(area.left + (area.width - box.width) / 2),
        y: inch(area.top + (area.height - box.height) / 2),
        w: inch(box.width),
        h: inch(box.height),
        altText: slide.diagram!.alt,
      });
      break;
    }
    default:
      break;
  }
}

/**
 * pptxgenjs writes an `a:pPr` before every run of a paragraph, which the
 * schema forbids (one, first): keep the first, which carries the paragraph's
 * bullet and spacing.
 */
function onePropertiesPerParagraph(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_, inner: string) => {
    let seen = false;
    return `<a:p>${inner.replace(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, (properties) => {
      if (seen) return '';
      seen = true;
      return properties;
    })}</a:p>`;
  });
}

/**
 * Rewrites pptxgenjs's zip with the one zip writer and `date` (it stamps the
 * build time into docProps/core.xml and every entry) and valid paragraphs.
 */
async function normalizePptx(buffer: Buffer, date: Date): Promise<Buffer> {
  const entries = await zipEntries(buffer);
  for (const [name, data] of entries) {
    if (name === 'docProps/core.xml') {
      entries.set(
        name,
        Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}$2`)),
      );
    } else if (/^ppt\/(slides|slideLayouts|slideMasters|notesSlides)\/[^/]+\.xml$/.test(name)) {
      entries.set(name, Buffer.from(onePropertiesPerParagraph(data.toString('utf8'))));
    }
  }
  return zipBytes(entries, date);
}

/** The editable PowerPoint file of a deck: a slide master with layouts, titles and bodies in their placeholders, notes in the notes pane, diagrams as PNG pictures. */
export async function deckPptx(deck: Deck, pngs: ReadonlyMap<string, Buffer>, date: Date): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = deck.authors.join(', ') || 'Pattern Press';
  pptx.company = 'Pattern Press';
  pptx.title = deck.title;
  pptx.subject = deck.tagline;
  pptx.theme = { headFontFace: fonts.sans, bodyFontFace: fonts.sans };
  defineMasters(pptx, deck);
  for (const slide of deck.slides) addSlide(pptx, deck, slide, pngs);
  const raw = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
  return normalizePptx(raw, date);
}
