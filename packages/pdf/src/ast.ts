import { assetPathOf, isAllowedLinkUrl, urlScheme } from '@pattern-press/format';
import { escapeHtml, glossaryAnchor, termMatches, type GlossaryEntry } from '@pattern-press/render';
import { moduleAttribute, tocPlaceholderClass } from './assemble.js';
import { innerAnchor, moduleAnchor, rewrittenHref } from './anchors.js';
import { docxPageBreak } from './docx.js';
import { diagramAlt, diagramCaption, diagramText, epubSvg, figureHtml, labelledSvg } from './figures.js';
import { hyphenated } from './hyphenation.js';
import { partLink } from './merge.js';
import type { Attr, PandocDocument, PandocNode } from './pandoc.js';

/** `html` for the PDF (inline SVG, our contents page); `ebook` for EPUB and DOCX (SVG as images, pandoc's own contents). */
export type AstMode = 'html' | 'ebook';

export interface AstContext {
  mode: AstMode;
  /** Slugs of the modules in this document: links to others become plain text. */
  present: ReadonlySet<string>;
  /** The SVG of a Mermaid source, when it rendered. */
  diagram: (source: string) => string | undefined;
  /** In `ebook` mode, a PNG of the diagram to show instead of its SVG (DOCX: word processors draw SVG-only pictures as empty boxes). */
  raster?: ((source: string) => Buffer | undefined) | undefined;
  /** A data: URL for an image beside a module, or undefined when there is none we may read. */
  asset: (slug: string, href: string) => string | undefined;
  /** The bytes of a file beside a module that a relative link names, or undefined when the module may not publish it. */
  file: (slug: string, href: string) => Buffer | undefined;
  /**
   * What a link to such a file becomes: `attach`, the file goes into the PDF
   * (see `attachments`) and the text says so; `name`, the text names the
   * file (EPUB, DOCX and previews, which cannot carry it). Never a link: in a
   * finished file a relative URL would point into the build's temporary folder.
   */
  files: 'attach' | 'name';
  /**
   * Printing one part of a book: every `#id` link to an id outside the part
   * becomes a {@link partLink} for the merge to resolve, and a hidden list of
   * links makes Chromium write a named destination for every id of the part
   * (it writes one only for ids a link targets).
   */
  part?: boolean | undefined;
  /**
   * The glossary terms a module's text links to (see `moduleGlossary`): the
   * first use per section links to the term's entry in the glossary part.
   */
  terms?: ((slug: string) => readonly GlossaryEntry[]) | undefined;
  /** The entries the contents placeholder lists (the book's, from every part); default: this document's own headings. */
  contents?: readonly TocEntry[] | undefined;
}

/** A file to attach to the PDF, under the name the text gives it. */
export interface Attachment {
  name: string;
  bytes: Buffer;
}

export interface TocEntry {
  level: number;
  id: string;
  number: string;
  text: string;
}

function isNode(value: unknown): value is PandocNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as PandocNode).t === 'string';
}

/** Plain text of inlines (or anything holding them). */
export function plainText(value: unknown): string {
  if (Array.isArray(value)) return value.map(plainText).join('');
  if (!isNode(value)) return '';
  switch (value.t) {
    case 'Str':
      return value.c as string;
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      return ' ';
    case 'Code':
    case 'Math':
    case 'RawInline':
      return (value.c as [unknown, string])[1];
    case 'Note':
      return '';
    case 'Quoted': {
      const [kind, inlines] = value.c as [{ t: string }, unknown];
      return kind.t === 'DoubleQuote' ? `“${plainText(inlines)}”` : `‘${plainText(inlines)}’`;
    }
    case 'Cite':
      return plainText((value.c as [unknown, unknown])[1]);
    default:
      return Array.isArray(value.c) ? value.c.map((child) => (Array.isArray(child) || isNode(child) ? plainText(child) : '')).join('') : '';
  }
}

function classesOf(attr: Attr): string[] {
  return attr[1];
}

function attrValue(attr: Attr, key: string): string | undefined {
  return attr[2].find(([name]) => name === key)?.[1];
}

/** Mermaid names every SVG after its render slot; cached renders from different runs would share ids and styles. */
export function uniqueSvgIds(svg: string, key: string): string {
  const id = /<svg[^>]*?\sid="([^"]+)"/.exec(svg)?.[1];
  return id ? svg.split(id).join(`dg-${key}`) : svg;
}

/** Inlines for `text`, split at spaces as pandoc's reader would. */
function textInlines(text: string): PandocNode[] {
  return text.split(' ').flatMap((word, index): PandocNode[] => {
    const space: PandocNode[] = index === 0 ? [] : [{ t: 'Space' }];
    return word === '' ? space : [...space, { t: 'Str', c: word }];
  });
}

/** A link's text without the link. */
function unlinked(inlines: PandocNode[], className: string): PandocNode {
  return { t: 'Span', c: [['', [className], []], inlines] };
}

const htmlComment = /^\s*(?:<!--(?:(?!-->)[\s\S])*-->\s*)+$/;

/** Whether a raw node from the reader is nothing but HTML comments: an author's note, never shown. */
function isComment(format: string, text: string): boolean {
  return format === 'html' && htmlComment.test(text);
}

/**
 * The attribute keys our own Markdown sets (the module a div holds). Every
 * other key-value pair from the reader is dropped: pandoc reads `{...}` after
 * links, spans, divs, headings and code and writes the pairs out as HTML
 * attributes (`onclick`, `style`), which no module needs and which would run
 * in Chromium's page and in e-book readers.
 */
const keptAttributeKeys: Record<string, readonly string[]> = { Div: [moduleAttribute] };
const attributeIndex: Record<string, number> = { Link: 0, Image: 0, Code: 0, CodeBlock: 0, Div: 0, Span: 0, Header: 1 };

function withSafeAttributes(node: PandocNode): PandocNode {
  const index = attributeIndex[node.t];
  if (index === undefined) return node;
  const content = [...(node.c as unknown[])];
  const [id, classes, pairs] = content[index] as Attr;
  const kept = keptAttributeKeys[node.t] ?? [];
  if (pairs.every(([key]) => kept.includes(key))) return node;
  content[index] = [id, classes, pairs.filter(([key]) => kept.includes(key))];
  return { ...node, c: content };
}

/** Where the walk is, for numbering figures: the chapter's number, figures so far in it, the section's title. */
interface FigureState {
  chapter: string;
  count: number;
  section: string | undefined;
}

function diagramNodes(source: string, context: AstContext, figures: FigureState): PandocNode[] {
  const svg = context.diagram(source);
  if (svg === undefined) {
    return [{ t: 'Div', c: [['', ['diagram-missing'], []], [{ t: 'Para', c: [{ t: 'Str', c: 'Diagram not rendered.' }] }]] }];
  }
  figures.count += 1;
  const number = figures.chapter ? `${figures.chapter}.${figures.count}` : String(figures.count);
  const text = diagramText(source);
  const caption = diagramCaption(svg, text, figures.section);
  if (context.mode === 'html') return [{ t: 'RawBlock', c: ['html', figureHtml(svg, number, caption, diagramAlt(svg, text))] }];
  const png = context.raster?.(source);
  const url = png ? `data:image/png;base64,${png.toString('base64')}` : `data:image/svg+xml;base64,${Buffer.from(epubSvg(labelledSvg(svg, diagramAlt(svg, text)))).toString('base64')}`;
  // pandoc writes an image alone in a paragraph whose title starts with "fig:" as a figure, its text as the caption and the alt text.
  return [{ t: 'Para', c: [{ t: 'Image', c: [['', ['diagram'], []], textInlines(`Figure ${number}: ${caption}`), [url, 'fig:']] }] }];
}

/**
 * What a link to a file beside the module becomes: its text, then the file's
 * name and where the reader finds it. In a PDF the file is attached (the
 * reader opens it from the attachments panel); elsewhere it is named.
 */
function fileReference(inlines: PandocNode[], slug: string | undefined, href: string, context: AstContext, attachments: Map<string, Attachment>): PandocNode[] {
  const assetPath = assetPathOf(href);
  const bytes = slug !== undefined && assetPath !== undefined ? context.file(slug, href) : undefined;
  // Unique in the document: the path inside the module folder when the document holds one module, else prefixed by the slug.
  const name = assetPath === undefined || slug === undefined ? href : context.present.size > 1 ? `${slug}/${assetPath}` : assetPath;
  let where = 'not included';
  if (bytes !== undefined && context.files === 'attach') {
    attachments.set(name, { name, bytes });
    where = 'attached to this PDF';
  } else if (bytes !== undefined) {
    where = 'attached to the PDF edition';
  }
  return [unlinked([...inlines, ...textInlines(` (${name}, ${where})`)], 'file-reference')];
}

/** The nodes replacing `node` (already walked), given the module it belongs to. */
function transformNode(original: PandocNode, slug: string | undefined, context: AstContext, toc: TocEntry[], attachments: Map<string, Attachment>, figures: FigureState, headingIds: Set<string>): PandocNode[] {
  let node = original;
  switch (node.t) {
    case 'CodeBlock': {
      const [attr, source] = node.c as [Attr, string];
      return classesOf(attr).includes('mermaid') ? diagramNodes(source, context, figures) : [node];
    }
    case 'Link': {
      const [attr, inlines, [url, title]] = node.c as [Attr, PandocNode[], [string, string]];
      // Every link the reader made, wherever it sits (a module's text, citeproc's bibliography): pandoc
      // parses the Markdown itself, so it may see links the checks did not.
      if (!isAllowedLinkUrl(url)) return [unlinked(inlines, 'link-removed')];
      const href = slug === undefined ? url : rewrittenHref(url, slug, context.present);
      if (href === undefined) return [unlinked(inlines, 'xref-absent')];
      if (href === '') return [unlinked(inlines, 'link-removed')];
      if (href.startsWith('#') || urlScheme(href) !== undefined) return [{ t: 'Link', c: [attr, inlines, [href, title]] }];
      return fileReference(inlines, slug, href, context, attachments);
    }
    case 'Image': {
      const [attr, inlines, [url, title]] = node.c as [Attr, PandocNode[], [string, string]];
      // Only a path beside the module becomes an image: a data: URL from the text is the author's, not one of
      // ours (ours are made below and for diagrams, after this walk), and remote images load nothing.
      const local = slug !== undefined && isAllowedLinkUrl(url) && urlScheme(url) === undefined ? context.asset(slug, url) : undefined;
      if (local === undefined) return [{ t: 'Span', c: [['', ['image-absent'], []], [{ t: 'Str', c: `[image: ${plainText(inlines) || url}]` }]] }];
      return [{ t: 'Image', c: [attr, inlines, [local, title]] }];
    }
    case 'Para':
    case 'Plain':
      // A paragraph that held nothing but a comment.
      return (node.c as PandocNode[]).every((inline) => inline.t === 'Space' || inline.t === 'SoftBreak') ? [] : [node];
    case 'RawBlock':
    case 'RawInline': {
      // raw_html is on only so that pandoc knows a comment when it sees one (off, it prints `<!-- ... -->`
      // as text). Comments go; any other raw markup is shown as the text it is, never passed on.
      const [format, text] = node.c as [string, string];
      if (isComment(format, text)) return [];
      return node.t === 'RawBlock' ? [{ t: 'Para', c: [{ t: 'Str', c: text }] }] : [{ t: 'Str', c: text }];
    }
    case 'Header': {
      const [level, given, inlines] = node.c as [number, Attr, PandocNode[]];
      // pandoc names an author's own headings after their text: unique in one module, not across the book.
      const named: Attr = slug !== undefined && given[0] !== '' && given[0] !== moduleAnchor(slug) && !given[0].startsWith(innerAnchor(slug, '')) ? [innerAnchor(slug, given[0]), given[1], given[2]] : given;
      // An author's heading may be named like a block ("### Aggregates" in the block `aggregates`): the first keeps the id.
      let id = named[0];
      for (let n = 2; id !== '' && headingIds.has(id); n++) id = `${named[0]}-${n}`;
      headingIds.add(id);
      const attr: Attr = [id, named[1], named[2]];
      node = { ...node, c: [level, attr, inlines] };
      const first = inlines[0];
      const numbered = isNode(first) && first.t === 'Span' && classesOf((first.c as [Attr])[0]).includes('secno');
      const entry = { level, id: attr[0], number: numbered ? plainText(first) : '', text: plainText(numbered ? inlines.slice(1) : inlines).trim() };
      toc.push(entry);
      // A chapter numbers its figures afresh (3.1, 3.2, ...); a figure's default caption names its section.
      if (level === 1) Object.assign(figures, { chapter: entry.number, count: 0, section: undefined });
      else figures.section = entry.text;
      return [node];
    }
    default:
      return [node];
  }
}

/** What one walk of a document collects besides the new tree. */
interface WalkState {
  context: AstContext;
  toc: TocEntry[];
  /** Files to attach to the PDF, by name. */
  attachments: Map<string, Attachment>;
  figures: FigureState;
  /** Ids the headings so far carry. */
  headingIds: Set<string>;
}

/** Inlines without the second of two spaces (a removed comment between two words leaves both). */
function withSingleSpaces(nodes: PandocNode[]): PandocNode[] {
  return nodes.filter((node, index) => !(node.t === 'Space' && nodes[index - 1]?.t === 'Space'));
}

function walk(value: unknown, slug: string | undefined, state: WalkState): unknown {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isNode)) return withSingleSpaces(value.flatMap((node) => walkNode(node, slug, state)));
    return value.map((item) => walk(item, slug, state));
  }
  if (isNode(value)) return walkNode(value, slug, state)[0];
  return value;
}

function walkNode(original: PandocNode, slug: string | undefined, state: WalkState): PandocNode[] {
  const node = withSafeAttributes(original);
  // Headers are listed before their children are walked, so the contents keep document order.
  // citeproc's links (citation to bibliography entry) are its own, never an author's: not rewritten.
  const inner = node.t === 'Div' ? (attrValue((node.c as [Attr])[0], moduleAttribute) ?? slug) : node.t === 'Cite' ? undefined : slug;
  if (node.t === 'Header') {
    const out = transformNode(node, inner, state.context, state.toc, state.attachments, state.figures, state.headingIds);
    return out.map((header) => ({ ...header, c: walk(header.c, inner, { ...state, toc: [] }) }));
  }
  const walked = node.c === undefined ? node : { ...node, c: walk(node.c, inner, state) };
  return transformNode(walked, inner, state.context, state.toc, state.attachments, state.figures, state.headingIds);
}

/** The contents page: our own, because Chromium cannot compute page numbers (`target-counter`). */
export function tocHtml(entries: readonly TocEntry[], maxLevel = 2): string {
  const items = entries
    .filter((entry) => entry.level <= maxLevel && entry.id !== '')
    .map(
      (entry) =>
        `<li class="toc-${entry.level}"><a href="#${escapeHtml(entry.id)}"><span class="toc-no">${escapeHtml(entry.number)}</span><span class="toc-text">${escapeHtml(entry.text)}</span><span class="toc-page" data-target="${escapeHtml(entry.id)}">000</span></a></li>`,
    );
  return `<nav class="toc" role="doc-toc"><h1 id="contents" class="toc-title">Contents</h1><ol>${items.join('')}</ol></nav>`;
}

/**
 * Our stage between pandoc's reader and writer: links between modules become
 * internal anchors (or plain text when the module is not in the document);
 * links whose URL the policy refuses (`javascript:`, `data:`, `file:`, ...)
 * keep their text and lose their target; links to files beside a module
 * become text naming the file (and, in a PDF, attachments); Mermaid blocks
 * become their SVG; images other than files beside a module are dropped
 * (remote ones were reported); HTML comments vanish and other raw markup is
 * shown as text; attributes an author wrote in `{...}` lose their key-value
 * pairs; and the contents placeholder is filled (PDF) or removed (EPUB,
 * DOCX, whose writers make their own).
 */
export function transformAst(document: PandocDocument, context: AstContext): { document: PandocDocument; toc: TocEntry[]; attachments: Attachment[]; ids: string[] } {
  const toc: TocEntry[] = [];
  const attachments = new Map<string, Attachment>();
  const walked = withTermLinks(
    walk(document.blocks, undefined, { context, toc, attachments, figures: { chapter: '', count: 0, section: undefined }, headingIds: new Set() }) as PandocNode[],
    context,
  );
  // Print only: e-book readers and word processors hyphenate by themselves.
  const blocks = context.mode === 'html' ? hyphenated(walked) : walked;
  const filled = blocks.flatMap((block): PandocNode[] => {
    // A word processor starts each chapter, the answer key and the references on a new page (the EPUB writer ignores this).
    if (context.mode === 'ebook' && startsPage(block)) return [{ t: 'RawBlock', c: ['openxml', docxPageBreak] }, block];
    if (block.t !== 'Div' || !classesOf((block.c as [Attr])[0]).includes(tocPlaceholderClass)) return [block];
    return context.mode === 'html' ? [{ t: 'RawBlock', c: ['html', tocHtml(context.contents ?? toc)] }] : [];
  });
  const ids = [...elementIds(filled)];
  // The contents page is raw HTML (its heading's id is not in the AST), and the outline opens it.
  if (context.mode === 'html' && blocks.some((block) => block.t === 'Div' && classesOf((block.c as [Attr])[0]).includes(tocPlaceholderClass))) ids.unshift('contents');
  const finished = context.part ? [...(withPartLinks(filled, new Set(ids)) as PandocNode[]), destinationList(ids)] : filled;
  return { document: { ...document, blocks: finished }, toc, attachments: [...attachments.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), ids };
}

/** Nodes whose text never links a term: headings, links, code, citations, notes, images, raw markup. */
const termless = new Set(['Header', 'Link', 'Code', 'CodeBlock', 'Cite', 'Note', 'Image', 'Math', 'RawBlock', 'RawInline']);

/** A run of words (Str, Space, SoftBreak) with the first use of each of `entries` in it linked, the rest kept as text. */
function linkedRun(run: PandocNode[], entries: readonly GlossaryEntry[], seen: Set<string>): PandocNode[] {
  const text = plainText(run);
  const matches = termMatches(text, entries, seen);
  if (matches.length === 0) return run;
  const out: PandocNode[] = [];
  let at = 0;
  for (const match of matches) {
    if (match.start > at) out.push(...textRun(text.slice(at, match.start)));
    out.push({ t: 'Link', c: [['', ['glossary-term'], []], textRun(text.slice(match.start, match.end)), [`#${glossaryAnchor(match.id)}`, '']] });
    at = match.end;
  }
  if (at < text.length) out.push(...textRun(text.slice(at)));
  return out;
}

/** Inlines for text that may start or end with a space (textInlines drops an edge's empty word, not its space). */
function textRun(text: string): PandocNode[] {
  return textInlines(text).filter((node, index, nodes) => !(node.t === 'Space' && nodes[index - 1]?.t === 'Space'));
}

/**
 * The first use of each glossary term per section of a module's chapter
 * links to the term's entry (never inside headings, links or code; not in
 * the answer key, which the glossary does not need to explain).
 */
function withTermLinks(blocks: PandocNode[], context: AstContext): PandocNode[] {
  if (!context.terms) return blocks;
  const termsOf = context.terms;
  const seen = new Set<string>();
  const visit = (value: unknown, entries: readonly GlossaryEntry[]): unknown => {
    if (Array.isArray(value)) {
      if (value.length === 0 || !value.every(isNode)) return value.map((item) => visit(item, entries));
      const out: PandocNode[] = [];
      let run: PandocNode[] = [];
      const flush = () => {
        if (run.length > 0) out.push(...(entries.length > 0 ? linkedRun(run, entries, seen) : run));
        run = [];
      };
      for (const node of value) {
        if (node.t === 'Str' || node.t === 'Space' || node.t === 'SoftBreak') run.push(node);
        else {
          flush();
          out.push(visit(node, entries) as PandocNode);
        }
      }
      flush();
      return out;
    }
    if (!isNode(value)) return value;
    if (value.t === 'Header') seen.clear();
    if (termless.has(value.t) || value.c === undefined) return value;
    if (value.t === 'Div') {
      const attr = (value.c as [Attr])[0];
      const slug = attrValue(attr, moduleAttribute);
      if (slug !== undefined) return { ...value, c: visit(value.c, classesOf(attr).includes('answers') ? [] : termsOf(slug)) };
    }
    return { ...value, c: visit(value.c, entries) };
  };
  return visit(blocks, []) as PandocNode[];
}

/** The top-level blocks that begin a page in print (style.ts): a chapter, the answer key, the references. */
function startsPage(block: PandocNode): boolean {
  if (block.t === 'Div') return classesOf((block.c as [Attr])[0]).some((name) => name === 'module' || name === 'answer-key');
  return block.t === 'Header' && ['glossary', 'references'].includes((block.c as [number, Attr])[1][0]);
}

/** Where a node keeps its attributes (pandoc's JSON), for the nodes that can carry an id. */
const idIndex: Record<string, number> = { Header: 1, Div: 0, Span: 0, CodeBlock: 0 };

/** Every element id of a document, in document order. */
function elementIds(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) elementIds(item, out);
  else if (isNode(value)) {
    const index = idIndex[value.t];
    const id = index === undefined ? undefined : ((value.c as unknown[])[index] as Attr)[0];
    if (id) out.add(id);
    if (value.c !== undefined) elementIds(value.c, out);
  }
  return out;
}

/** Links to `#id` outside `ids` (another part of the book) as part links, for the merge to resolve. */
function withPartLinks(value: unknown, ids: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withPartLinks(item, ids));
  if (!isNode(value)) return value;
  if (value.t === 'Link') {
    const [attr, inlines, [url, title]] = value.c as [Attr, PandocNode[], [string, string]];
    const target = url.startsWith('#') ? url.slice(1) : undefined;
    const walked = withPartLinks(inlines, ids) as PandocNode[];
    return { t: 'Link', c: [attr, walked, [target !== undefined && !ids.has(target) ? partLink(target) : url, title]] };
  }
  return value.c === undefined ? value : { ...value, c: withPartLinks(value.c, ids) };
}

/**
 * A hidden list of links to every id of the part: Chromium writes a named
 * destination only for ids a link of the same document targets, and the
 * other parts (and the outline) need one for each.
 */
function destinationList(ids: readonly string[]): PandocNode {
  return { t: 'RawBlock', c: ['html', `<nav hidden aria-hidden="true">${ids.map((id) => `<a href="#${escapeHtml(id)}"></a>`).join('')}</nav>`] };
}
