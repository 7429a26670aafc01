import type { Place } from '@pattern-press/diagnostics';
import type { Nodes, Parent, RootContent } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective).freeze();

/** The mdast of a module file: CommonMark + GFM + YAML front matter + directives. */
export function parseMarkdown(text: string) {
  return processor.parse(text);
}

export function placeOf(node: { position?: { start: { line: number; column: number } } | undefined }): Place | undefined {
  return node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined;
}

/** The author's own Markdown for a run of sibling nodes, exactly as written (lossless, no re-serialisation). */
export function sliceSource(source: string, nodes: readonly RootContent[]): string {
  const chunks: string[] = [];
  let runStart: number | undefined;
  let runEnd: number | undefined;
  for (const node of nodes) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (runStart === undefined || runEnd === undefined) {
      runStart = start;
    } else if (source.slice(runEnd, start).trim() !== '') {
      // Not adjacent: something (a directive) was taken out between the two runs.
      chunks.push(source.slice(runStart, runEnd));
      runStart = start;
    }
    runEnd = end;
  }
  if (runStart !== undefined && runEnd !== undefined) chunks.push(source.slice(runStart, runEnd));
  return chunks.join('\n\n');
}

export function isParent(node: Nodes): node is Nodes & Parent {
  return 'children' in node;
}
