import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { termMatches, type GlossaryEntry } from './glossary.js';
import { rehypeHighlightOnDemand } from './highlight.js';

export interface MarkdownToHtmlOptions {
  /** The rendered SVG of a Mermaid source; without one the diagram stays a code block. */
  diagram?: ((source: string) => string | undefined) | undefined;
  /** Rewrites link and image targets (cross-module links, asset paths). */
  rewriteUrl?: (url: string, kind: 'link' | 'image') => string;
  /** Glossary terms to link: the first use of each per section (never in code, headings or links) links to `href(id)`. */
  terms?: { entries: readonly GlossaryEntry[]; href: (id: string) => string } | undefined;
}

// GitHub's sanitize schema, plus the classes highlighting and our diagram placeholders need.
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    code: [...(defaultSchema.attributes?.code ?? []), ['className', /^language-/, /^hljs/] as [string, ...RegExp[]]],
    span: [...(defaultSchema.attributes?.span ?? []), ['className', /^hljs-/] as [string, RegExp]],
    pre: [...(defaultSchema.attributes?.pre ?? []), ['dataDiagram']],
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'id'],
  },
};

/** Marks Mermaid code blocks so they survive sanitizing and can be swapped for their SVG afterwards. */
function markDiagrams() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'pre') return;
      const code = node.children[0];
      if (code?.type !== 'element' || code.tagName !== 'code') return;
      const classes = (code.properties.className as string[] | undefined) ?? [];
      if (classes.includes('language-mermaid')) node.properties.dataDiagram = 'mermaid';
    });
  };
}

function textOf(node: Element): string {
  let text = '';
  visit(node, 'text', (child: { value: string }) => {
    text += child.value;
  });
  return text;
}

/** After sanitizing: Mermaid blocks become their SVG (rendered by us, not by the author's HTML). */
function insertDiagrams(options: MarkdownToHtmlOptions) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || node.properties.dataDiagram !== 'mermaid' || !parent || index === undefined) return;
      const svg = options.diagram?.(textOf(node).replace(/\n$/, ''));
      if (svg === undefined) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['diagram'] },
        children: [{ type: 'raw', value: svg } as unknown as Element],
      };
    });
  };
}

function rewriteUrls(options: MarkdownToHtmlOptions) {
  return (tree: HastRoot) => {
    if (!options.rewriteUrl) return;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'a' && typeof node.properties.href === 'string') node.properties.href = options.rewriteUrl!(node.properties.href, 'link');
      if (node.tagName === 'img' && typeof node.properties.src === 'string') node.properties.src = options.rewriteUrl!(node.properties.src, 'image');
    });
  };
}

/** Elements whose text never links a term: code, headings, links, form controls, figures. */
const termless = new Set(['a', 'code', 'pre', 'kbd', 'samp', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'svg', 'button', 'label', 'select', 'textarea']);

/** After sanitizing (our links are ours, not the author's): the first use of a term per section links to its entry. */
function linkTerms(options: MarkdownToHtmlOptions) {
  return (tree: HastRoot) => {
    const terms = options.terms;
    if (!terms || terms.entries.length === 0) return;
    const seen = new Set<string>();
    const walk = (children: ElementContent[]): ElementContent[] =>
      children.flatMap((child): ElementContent[] => {
        if (child.type === 'element') {
          if (/^h[1-6]$/.test(child.tagName)) seen.clear();
          if (!termless.has(child.tagName)) child.children = walk(child.children);
          return [child];
        }
        if (child.type !== 'text') return [child];
        const matches = termMatches(child.value, terms.entries, seen);
        if (matches.length === 0) return [child];
        const out: ElementContent[] = [];
        let at = 0;
        for (const match of matches) {
          if (match.start > at) out.push({ type: 'text', value: child.value.slice(at, match.start) } satisfies Text);
          out.push({
            type: 'element',
            tagName: 'a',
            properties: { className: ['term'], href: terms.href(match.id) },
            children: [{ type: 'text', value: child.value.slice(match.start, match.end) }],
          });
          at = match.end;
        }
        if (at < child.value.length) out.push({ type: 'text', value: child.value.slice(at) });
        return out;
      });
    tree.children = walk(tree.children as ElementContent[]) as HastRoot['children'];
  };
}

/**
 * Markdown (CommonMark + GFM) to sanitized HTML with highlighted code: raw
 * HTML is dropped, attributes are limited to GitHub's safe set, and Mermaid
 * blocks become the SVGs `diagram` returns.
 */
export function markdownToHtml(markdown: string, options: MarkdownToHtmlOptions = {}): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(markDiagrams)
    // rehype-highlight's highlighting, with each language loaded when a code block first names it (highlight.ts).
    .use(rehypeHighlightOnDemand, { plainText: ['mermaid', 'text'] })
    .use(rehypeSanitize, sanitizeSchema)
    .use(rewriteUrls, options)
    .use(linkTerms, options)
    .use(insertDiagrams, options)
    .use(rehypeStringify, { allowDangerousHtml: true });
  return String(processor.processSync(markdown));
}

const require = createRequire(import.meta.url);

/** The highlight.js theme CSS, to inline into self-contained outputs. */
export function highlightCss(theme = 'github'): string {
  return readFileSync(require.resolve(`highlight.js/styles/${theme}.css`), 'utf8');
}
