import type { ResourceLibrary } from '@pattern-press/schema';

/** One entry of the resource library (CSL YAML). */
export type Reference = ResourceLibrary['references'][number];

// Pandoc's citation syntax: a bracketed group holding one or more `@key`s, keys starting with a letter, digit or _
// and holding internal punctuation; a key follows the group's start, a space, `;` or `-` (suppress-author).
const citationGroup = /\[([^[\]\n]*?@[A-Za-z0-9_][^[\]\n]*)\]/g;
const citationKey = /(?<![^\s;-])-?@([A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?)/g;
const bareKeys = /^\s*-?@[^\s;]+(?:\s*;\s*-?@[^\s;]+)*\s*;?\s*$/;

/** The library ids cited in `text` (`[@nygard-release-it; @fowler-circuit-breaker]`), in order, with repeats. */
export function citedIds(text: string): string[] {
  return [...text.matchAll(citationGroup)].flatMap((group) => [...group[1]!.matchAll(citationKey)].map((key) => key[1]!));
}

function year(reference: Reference): string {
  const value = reference.issued?.['date-parts']?.[0]?.[0];
  return value === undefined ? '' : String(value);
}

function familyName(author: NonNullable<Reference['author']>[number]): string {
  return author.family ?? author.literal ?? '';
}

/** "Nygard 2018", "Nygard & Fowler 2014", "Nygard et al. 2018", or the title when there is no author. */
export function shortCitation(reference: Reference): string {
  const authors = reference.author ?? [];
  const name =
    authors.length === 0
      ? reference.title
      : `${familyName(authors[0]!)}${authors.length > 2 ? ' et al.' : authors.length === 2 ? ` & ${familyName(authors[1]!)}` : ''}`;
  return [name, year(reference)].filter(Boolean).join(' ');
}

/** One line of a source list: author(s), title, publisher, year. */
export function fullCitation(reference: Reference): string {
  const authors = (reference.author ?? []).map((author) => author.literal ?? [author.given, author.family].filter(Boolean).join(' ')).join(', ');
  return [authors, `“${reference.title}”`, reference.publisher, year(reference)].filter(Boolean).join('. ') + '.';
}

/** The library's references by id. */
export function referencesById(library: ResourceLibrary | undefined): ReadonlyMap<string, Reference> {
  return new Map((library?.references ?? []).map((reference) => [reference.id, reference]));
}

/**
 * Pandoc citations (`[@id; @other]`) as readable text for outputs without
 * citeproc: "(Nygard 2018; Fowler 2014)"; a group with other words keeps them
 * ("[see @id, p. 3]" gives "(see Nygard 2018, p. 3)"). Unknown ids stay as written
 * (the checks report them).
 */
export function citationsToText(text: string, library: ResourceLibrary | undefined): string {
  const byId = referencesById(library);
  if (byId.size === 0) return text;
  return text.replace(citationGroup, (group, inner: string) => {
    const known = (key: string, id: string) => {
      const reference = byId.get(id);
      return reference ? shortCitation(reference) : key;
    };
    if (bareKeys.test(inner)) {
      const keys = [...inner.matchAll(citationKey)];
      if (keys.every((key) => !byId.has(key[1]!))) return group;
      return `(${keys.map((key) => known(key[0], key[1]!)).join('; ')})`;
    }
    const rendered = inner.replace(citationKey, known);
    return rendered === inner ? group : `(${rendered})`;
  });
}
