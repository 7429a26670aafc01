import { assetPathOf, blockTextParts, citationsToText } from '@pattern-press/format';
import type { Block, PatternModule, ResourceLibrary } from '@pattern-press/schema';
import { markdownToHtml } from '@pattern-press/render';
import { apiHrefs } from './hrefs.js';

export interface HtmlContext {
  /** SVG of a Mermaid source, when diagrams were rendered. */
  diagram?: ((source: string) => string | undefined) | undefined;
  /** Slugs of built modules: links to other modules go to their API resource when it exists. */
  built: ReadonlySet<string>;
  /** Collects the module's assets that the HTML references, as paths relative to the module folder. */
  assets: Set<string>;
  /** The resource library: citations show in short form, as in the other outputs. */
  library?: ResourceLibrary | undefined;
  /**
   * Rendered Markdown of this module by source, with the assets each
   * rendering references: filled as parts are rendered, and read before
   * rendering (emitApi keeps it in the HTML cache between builds).
   */
  rendered?: Map<string, RenderedMarkdown> | undefined;
}

export interface RenderedMarkdown {
  html: string;
  /** Assets the HTML references (added to `HtmlContext.assets` whenever it is used). */
  assets: string[];
}

/** Markdown parts rendered to HTML so far in this process (a memo hit is not a render): tests count them. */
export const htmlRenderStats = { renders: 0 };

export interface ModuleHtml {
  blocks: BlockHtml[];
  challenge?: { title: string; prompt: string; solution?: string };
  case_studies: { title: string; html: string }[];
  mistakes?: string;
  checklist?: string;
  see_also?: string;
}

export interface BlockHtml {
  id: string;
  title: string;
  summary?: string;
  hook?: string;
  concept?: string;
  analogy?: string;
  practice?: string;
  solution?: string;
  reflection?: string;
  code: { id: string; caption?: string; html: string }[];
}

const external = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Link targets of a module's HTML as the API serves them: other modules' resources, copied assets. */
export function apiUrl(module: PatternModule, context: HtmlContext, url: string): string {
  if (external.test(url) || url.startsWith('#')) return url;
  const [target = '', fragment] = url.split('#', 2);
  const other = /^\.\.\/([a-z][a-z0-9-]*)\/module\.md$/.exec(target);
  if (other) {
    const slug = other[1]!;
    if (!context.built.has(slug)) return apiHrefs.index;
    return fragment ? `${apiHrefs.module(slug)}#${fragment}` : apiHrefs.module(slug);
  }
  const asset = assetPath(target);
  if (asset === undefined) return url;
  context.assets.add(asset);
  return apiHrefs.asset(module.slug, asset);
}

/** A path inside the module folder, or undefined when it would leave it (the loader reports those). */
export const assetPath = assetPathOf;

function render(module: PatternModule, context: HtmlContext, markdown: string): string {
  const known = context.rendered?.get(markdown);
  if (known) {
    for (const asset of known.assets) context.assets.add(asset);
    return known.html;
  }
  // The assets of this rendering alone, so a memo entry brings back exactly what it references (answers' assets stay with answers).
  const own: HtmlContext = { ...context, assets: new Set() };
  const html = markdownToHtml(citationsToText(markdown, context.library), { diagram: context.diagram, rewriteUrl: (url) => apiUrl(module, own, url) });
  htmlRenderStats.renders++;
  for (const asset of own.assets) context.assets.add(asset);
  context.rendered?.set(markdown, { html, assets: [...own.assets] });
  return html;
}

/** A fence longer than any backtick run in `source`, so code is shown verbatim. */
export function fenced(language: string, source: string): string {
  const longest = Math.max(2, ...[...source.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${source}\n${fence}`;
}

function blockHtml(module: PatternModule, context: HtmlContext, block: Block): BlockHtml {
  const html: BlockHtml = { id: block.id, title: block.title, code: [] };
  for (const part of blockTextParts(block)) html[part.name] = render(module, context, part.markdown);
  html.code = block.code.map((example) => {
    const code: BlockHtml['code'][number] = { id: example.id, html: render(module, context, fenced(example.language, example.source)) };
    if (example.caption) code.caption = render(module, context, example.caption);
    return code;
  });
  return html;
}

/** Every part of a module as sanitized HTML, parallel to the canonical document. */
export function moduleHtml(module: PatternModule, context: HtmlContext): ModuleHtml {
  const html: ModuleHtml = {
    blocks: module.blocks.map((block) => blockHtml(module, context, block)),
    case_studies: module.case_studies.map((study) => ({ title: study.title, html: render(module, context, study.markdown) })),
  };
  if (module.challenge) {
    html.challenge = { title: module.challenge.title, prompt: render(module, context, module.challenge.prompt.markdown) };
    if (module.challenge.solution) html.challenge.solution = render(module, context, module.challenge.solution.markdown);
  }
  if (module.mistakes) html.mistakes = render(module, context, module.mistakes.markdown);
  if (module.checklist) html.checklist = render(module, context, module.checklist.markdown);
  if (module.see_also) html.see_also = render(module, context, module.see_also.markdown);
  return html;
}

/** A part as written and as HTML. */
export function renderedPart(module: PatternModule, context: HtmlContext, markdown: string): { markdown: string; html: string } {
  return { markdown, html: render(module, context, markdown) };
}
