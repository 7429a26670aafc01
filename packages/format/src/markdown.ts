import type { Place } from '@pattern-press/diagnostics';
import type { RootContent } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Data, type Processor } from 'unified';

type MicromarkExtension = NonNullable<Data['micromarkExtensions']>[number];
type Construct = Exclude<NonNullable<MicromarkExtension['flow']>[number], unknown[] | undefined>;

const colon = 58;

/**
 * remark-directive with only its container construct: `:::name` fences at the
 * start of a line. The format has no text (`:name`) or leaf (`::name`)
 * directives (see directives.ts), and with them prose such as `09:00:00`,
 * `ratio 3:1`, `key:value` or `std::vector` would be parsed as directives:
 * reported as unknown and cut out of the text. Without them it stays text,
 * exactly as written.
 */
function remarkContainerDirectives(this: Processor): void {
  remarkDirective.call(this);
  const extensions = this.data().micromarkExtensions!;
  const full = extensions.pop()!;
  // The container is the one concrete (fenced) construct micromark-extension-directive registers for `:`.
  const containers = ([full.flow?.[colon] ?? []].flat() as Construct[]).filter((construct) => construct.concrete === true);
  if (containers.length !== 1) throw new Error('remark-directive changed: expected exactly one container construct');
  extensions.push({ flow: { [colon]: containers } });
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkContainerDirectives).freeze();

/** The mdast of a module file: CommonMark + GFM + YAML front matter + container directives (`:::name`). */
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
