/** Anchor of a module's first heading: its slug. */
export function moduleAnchor(slug: string): string {
  return slug;
}

/** Anchor of a block, question or other id inside a module; ids are unique per module, slugs across the book. */
export function innerAnchor(slug: string, id: string): string {
  return `${slug}--${id}`;
}

const moduleHref = /^\.\.\/([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\/module\.md(?:#(.+))?$/;

/**
 * Where a link of module `slug` points inside a document holding `present`:
 * an internal anchor, `undefined` when its target module is not in the
 * document (the link becomes plain text), or the href itself when it is not
 * a link between modules.
 */
export function rewrittenHref(href: string, slug: string, present: ReadonlySet<string>): string | undefined {
  const match = moduleHref.exec(href);
  if (match) {
    const target = match[1]!;
    if (!present.has(target)) return undefined;
    return '#' + (match[2] ? innerAnchor(target, match[2]) : moduleAnchor(target));
  }
  if (href.startsWith('#') && href.length > 1) return '#' + innerAnchor(slug, href.slice(1));
  return href;
}
