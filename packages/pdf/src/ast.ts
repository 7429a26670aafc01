import { escapeHtml } from '@pattern-press/render';
import { moduleAttribute, tocPlaceholderClass } from './assemble.js';
import { rewrittenHref } from './anchors.js';
import type { Attr, PandocDocument, PandocNode } from './pandoc.js';

/** `html` for the PDF (inline SVG, our contents page); `ebook` for EPUB and DOCX (SVG as images, pandoc's own contents). */
export type AstMode = 'html' | 'ebook';

export interface AstContext {
  mode: AstMode;
  /** Slugs of the modules in this document: links to others become plain text. */
  present: ReadonlySet<string>;
  /** The SVG of a Mermaid source, when it rendered. */
  diagram: (source: string) => string | undefined;
  /** A data: URL for an image beside a module, or undefined when there is none we may read. */
  asset: (slug: string, href: string) => string | undefined;
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

const remoteUrl = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function diagramNodes(source: string, context: AstContext): PandocNode[] {
  const svg = context.diagram(source);
  if (svg === undefined) {
    return [{ t: 'Div', c: [['', ['diagram-missing'], []], [{ t: 'Para', c: [{ t: 'Str', c: 'Diagram not rendered.' }] }]] }];
  }
  if (context.mode === 'html') return [{ t: 'RawBlock', c: ['html', `<figure class="diagram">${svg}</figure>`] }];
  const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return [{ t: 'Para', c: [{ t: 'Image', c: [['', ['diagram'], []], [{ t: 'Str', c: 'Diagram' }], [url, '']] }] }];
}

/** The nodes replacing `node` (already walked), given the module it belongs to. */
function transformNode(node: PandocNode, slug: string | undefined, context: AstContext, toc: TocEntry[]): PandocNode[] {
  switch (node.t) {
    case 'CodeBlock': {
      const [attr, source] = node.c as [Attr, string];
      return classesOf(attr).includes('mermaid') ? diagramNodes(source, context) : [node];
    }
    case 'Link': {
      const [attr, inlines, [url, title]] = node.c as [Attr, PandocNode[], [string, string]];
      if (slug === undefined) return [node];
      const href = rewrittenHref(url, slug, context.present);
      if (href === undefined) return [{ t: 'Span', c: [['', ['xref-absent'], []], inlines] }];
      return [{ t: 'Link', c: [attr, inlines, [href, title]] }];
    }
    case 'Image': {
      const [attr, inlines, [url, title]] = node.c as [Attr, PandocNode[], [string, string]];
      if (url.startsWith('data:')) return [node];
      const local = slug !== undefined && !remoteUrl.test(url) ? context.asset(slug, url) : undefined;
      if (local === undefined) return [{ t: 'Span', c: [['', ['image-absent'], []], [{ t: 'Str', c: `[image: ${plainText(inlines) || url}]` }]] }];
      return [{ t: 'Image', c: [attr, inlines, [local, title]] }];
    }
    case 'Header': {
      const [level, attr, inlines] = node.c as [number, Attr, PandocNode[]];
      const first = inlines[0];
      const numbered = isNode(first) && first.t === 'Span' && classesOf((first.c as [Attr])[0]).includes('secno');
      toc.push({
        level,
        id: attr[0],
        number: numbered ? plainText(first) : '',
        text: plainText(numbered ? inlines.slice(1) : inlines).trim(),
      });
      return [node];
    }
    default:
      return [node];
  }
}

function walk(value: unknown, slug: string | undefined, context: AstContext, toc: TocEntry[]): unknown {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isNode)) return value.flatMap((node) => walkNode(node, slug, context, toc));
    return value.map((item) => walk(item, slug, context, toc));
  }
  if (isNode(value)) return walkNode(value, slug, context, toc)[0];
  return value;
}

function walkNode(node: PandocNode, slug: string | undefined, context: AstContext, toc: TocEntry[]): PandocNode[] {
  // Headers are listed before their children are walked, so the contents keep document order.
  const inner = node.t === 'Div' ? (attrValue((node.c as [Attr])[0], moduleAttribute) ?? slug) : slug;
  if (node.t === 'Header') {
    const out = transformNode(node, inner, context, toc);
    return out.map((header) => ({ ...header, c: walk(header.c, inner, context, []) }));
  }
  const walked = node.c === undefined ? node : { ...node, c: walk(node.c, inner, context, toc) };
  return transformNode(walked, inner, context, toc);
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
 * internal anchors (or plain text when the module is not in the document),
 * Mermaid blocks become their SVG, remote images are dropped (they were
 * reported), and the contents placeholder is filled (PDF) or removed (EPUB,
 * DOCX, whose writers make their own).
 */
export function transformAst(document: PandocDocument, context: AstContext): { document: PandocDocument; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  const blocks = walk(document.blocks, undefined, context, toc) as PandocNode[];
  const filled = blocks.flatMap((block): PandocNode[] => {
    if (block.t !== 'Div' || !classesOf((block.c as [Attr])[0]).includes(tocPlaceholderClass)) return [block];
    return context.mode === 'html' ? [{ t: 'RawBlock', c: ['html', tocHtml(toc)] }] : [];
  });
  return { document: { ...document, blocks: filled }, toc };
}
