import { escapeHtml, glossaryAnchor, glossaryEntries, moduleGlossary, type GlossaryEntry } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';

/** The player page of a module's terms: reachable from the navigation, optional for completion. */
export const glossaryPage = { id: 'glossary', title: 'Glossary', optional: true } as const;

/** Whether a module's player has a glossary page: it defines or uses a term. */
export function hasGlossary(module: PatternModule): boolean {
  return (module.glossary?.length ?? 0) + (module.terms?.length ?? 0) > 0;
}

/** Where a term link of the player points: the term's entry on the glossary page. */
export function termHref(id: string): string {
  return `#${glossaryAnchor(id)}`;
}

/**
 * The glossary page's body: each term (focusable, the target of the text's
 * links), its definition, and where it is taught when another module
 * defines it; a button takes the learner back to the term they followed.
 */
export function glossaryPageBody(entries: readonly GlossaryEntry[], module: PatternModule, titleOf: (slug: string) => string | undefined, definition: (markdown: string) => string): string {
  const items = entries.map((entry) => {
    const elsewhere = entry.module === module.slug ? '' : `<p class="taught-in">Taught in the module “${escapeHtml(titleOf(entry.module) ?? entry.module)}”.</p>`;
    return `<dt id="${glossaryAnchor(entry.id)}" tabindex="-1">${escapeHtml(entry.term)}</dt><dd>${definition(entry.definition)}${elsewhere}</dd>`;
  });
  return `<p>The terms this module teaches and uses. A term underlined in the text links here.</p>
<p class="glossary-back" hidden><button type="button" id="pp-glossary-back">Back to the text</button></p>
<dl class="glossary">${items.join('')}</dl>`;
}

/**
 * The player options that give a module its glossary: the terms it defines
 * or uses, as the built modules define them, and the titles of the modules
 * that teach them.
 */
export function glossaryOptions(built: readonly PatternModule[]): (module: PatternModule) => { glossary: GlossaryEntry[]; moduleTitle: (slug: string) => string | undefined } {
  const entries = glossaryEntries(built);
  const titles = new Map(built.map((module) => [module.slug, module.title]));
  const moduleTitle = (slug: string) => titles.get(slug);
  return (module) => ({ glossary: moduleGlossary(module, entries), moduleTitle });
}
