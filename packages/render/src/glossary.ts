import type { PatternModule } from '@pattern-press/schema';

/** A glossary term as every output shows it: where it is defined and which modules use it. */
export interface GlossaryEntry {
  id: string;
  term: string;
  aliases: readonly string[];
  /** Markdown. */
  definition: string;
  /** The module that defines it. */
  module: string;
  /** Every module that defines it or lists it in `terms`, in the order given. */
  usedBy: readonly string[];
}

/** The element id of a term's entry in a glossary, the target of every link to it. */
export function glossaryAnchor(id: string): string {
  return `glossary-${id}`;
}

/**
 * The terms `modules` define, alphabetical by the term as people read it
 * (the id breaks ties, so the order never depends on the modules' order).
 */
export function glossaryEntries(modules: readonly PatternModule[]): GlossaryEntry[] {
  const usedBy = new Map<string, string[]>();
  for (const module of modules) {
    for (const id of [...(module.glossary ?? []).map((entry) => entry.id), ...(module.terms ?? [])]) {
      const slugs = usedBy.get(id) ?? [];
      if (!slugs.includes(module.slug)) usedBy.set(id, [...slugs, module.slug]);
    }
  }
  const defined = new Set<string>();
  const entries = modules.flatMap((module) =>
    // A term defined twice is an error of the checks (`duplicate-id`); the first definition is the one shown.
    (module.glossary ?? [])
      .filter((entry) => !defined.has(entry.id) && defined.add(entry.id))
      .map((entry) => ({
        id: entry.id,
        term: entry.term,
        aliases: [...(entry.aliases ?? [])],
        definition: entry.definition,
        module: module.slug,
        usedBy: usedBy.get(entry.id) ?? [module.slug],
      })),
  );
  return entries.sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The entries a module's text links to: those it defines or lists in `terms`, among `entries`. */
export function moduleGlossary(module: PatternModule, entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  const own = new Set([...(module.glossary ?? []).map((entry) => entry.id), ...(module.terms ?? [])]);
  return entries.filter((entry) => own.has(entry.id));
}

/** A use of a term in a text: `text.slice(start, end)` names the entry `id`. */
export interface TermMatch {
  start: number;
  end: number;
  id: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function straightQuotes(text: string): string {
  return text.replace(/’/g, "'");
}

/** Letters, digits and hyphens continue a word: "cache" is not a use of the term inside "caches-only" or "cached". */
const wordEdge = '[\\p{L}\\p{N}_-]';

/** The pattern that finds any of `entries`' forms, and the entry each form (lower case, straight quotes) names. */
interface TermPattern {
  pattern: RegExp;
  idOf: ReadonlyMap<string, string>;
}

function termPattern(entries: readonly GlossaryEntry[]): TermPattern | undefined {
  const forms = entries
    .flatMap((entry) => [entry.term, ...entry.aliases].map((form) => ({ form: form.trim(), id: entry.id })))
    .filter(({ form }) => form !== '')
    .sort((a, b) => b.form.length - a.form.length || (a.form < b.form ? -1 : 1));
  if (forms.length === 0) return undefined;
  const idOf = new Map(forms.map(({ form, id }) => [straightQuotes(form).toLowerCase(), id] as const));
  // Typesetting curls apostrophes ("Little’s law"): either form matches.
  const pattern = new RegExp(`(?<!${wordEdge})(?:${forms.map(({ form }) => escapeRegExp(straightQuotes(form)).replace(/'/g, "['’]")).join('|')})(?!${wordEdge})`, 'giu');
  return { pattern, idOf };
}

/**
 * Compiled patterns by the entries they were made for and which of those are
 * not yet seen: a book's walk asks for the same few again for every run of
 * text (a module's terms, fewer as they are linked), and compiling one costs
 * more than matching it.
 */
const compiledPatterns = new WeakMap<readonly GlossaryEntry[], Map<string, TermPattern | undefined>>();

function unseenTermPattern(entries: readonly GlossaryEntry[], seen: ReadonlySet<string>): TermPattern | undefined {
  const unseen = entries.filter((entry) => !seen.has(entry.id));
  if (unseen.length === 0) return undefined;
  let byUnseen = compiledPatterns.get(entries);
  if (!byUnseen) compiledPatterns.set(entries, (byUnseen = new Map()));
  const key = unseen.map((entry) => entry.id).join('\n');
  if (!byUnseen.has(key)) byUnseen.set(key, termPattern(unseen));
  return byUnseen.get(key);
}

/**
 * The first use of each term in `text` not yet in `seen` (which it adds to):
 * whole words, any case, the term or one of its aliases, the longest form
 * first ("consistent hashing" before "hashing"). Links go to the first use
 * only, so a paragraph is not a field of links.
 */
export function termMatches(text: string, entries: readonly GlossaryEntry[], seen: Set<string>): TermMatch[] {
  const compiled = unseenTermPattern(entries, seen);
  if (!compiled) return [];
  const matches: TermMatch[] = [];
  for (const match of text.matchAll(compiled.pattern)) {
    const id = compiled.idOf.get(straightQuotes(match[0]).toLowerCase());
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    matches.push({ start: match.index, end: match.index + match[0].length, id });
  }
  return matches;
}
