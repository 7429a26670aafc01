import type { PatternModule } from '@pattern-press/schema';
import type { DocumentSpec } from './assemble.js';
import type { PandocNode } from './pandoc.js';

export const defaultHandbookTitle = 'Distributed-System Patterns';

/** The document of every built module together, behind one cover and one contents. */
export function handbookSpec(modules: readonly PatternModule[], title: string = defaultHandbookTitle): DocumentSpec {
  const subtitle = modules.length === 1 ? `A handbook of one module: ${modules[0]!.title}` : `A handbook of ${modules.length} modules on distributed-system patterns`;
  return { kind: 'handbook', modules, book: modules, title, subtitle };
}

/** The document of one module alone: its chapter as the handbook `book` has it. */
export function moduleSpec(module: PatternModule, book: readonly PatternModule[]): DocumentSpec {
  return { kind: 'module', modules: [module], book, title: module.title, subtitle: module.tagline };
}

/** The file name (without extension) a document is written under: its slug, or `handbook`. */
export function documentName(spec: DocumentSpec): string {
  return spec.kind === 'module' ? spec.modules[0]!.slug : 'handbook';
}

/** The source of every Mermaid code block below `value` (a pandoc AST or part of one). */
export function mermaidSources(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) mermaidSources(item, out);
  else if (typeof value === 'object' && value !== null) {
    const node = value as PandocNode;
    if (node.t === 'CodeBlock') {
      const [attr, source] = node.c as [[string, string[]], string];
      if (attr[1].includes('mermaid')) out.add(source);
    } else if (node.c !== undefined) mermaidSources(node.c, out);
  }
  return out;
}
