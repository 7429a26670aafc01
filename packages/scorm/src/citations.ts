import type { ResourceLibrary } from '@pattern-press/schema';

type Reference = ResourceLibrary['references'][number];

function year(reference: Reference): string {
  const parts = (reference.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts'];
  const value = parts?.[0]?.[0];
  return value === undefined ? '' : String(value);
}

/** "Nygard 2018", "Fowler", or the title when there is no author. */
export function shortCitation(reference: Reference): string {
  const first = reference.author?.[0];
  const name = first ? (first.family ?? first.literal ?? '') + ((reference.author?.length ?? 0) > 2 ? ' et al.' : reference.author?.length === 2 ? ` & ${reference.author[1]!.family ?? reference.author[1]!.literal ?? ''}` : '') : reference.title;
  return [name, year(reference)].filter(Boolean).join(' ');
}

/** One line of a source list: author(s), title, publisher, year. */
export function fullCitation(reference: Reference): string {
  const authors = (reference.author ?? []).map((author) => author.literal ?? [author.given, author.family].filter(Boolean).join(' ')).join(', ');
  return [authors, `“${reference.title}”`, reference.publisher, year(reference)].filter(Boolean).join('. ') + '.';
}

const citationGroup = /\[((?:[^[\]]*?)@[A-Za-z0-9_][^[\]]*)\]/g;
const citationKey = /@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])/g;

/**
 * Pandoc citations (`[@id; @other]`) as readable text for HTML outputs without
 * citeproc: "(Nygard 2018; Fowler 2014)". Unknown ids stay as they are.
 */
export function citationsToText(markdown: string, library: ResourceLibrary | undefined): string {
  if (!library) return markdown;
  const byId = new Map(library.references.map((reference) => [reference.id, reference]));
  return markdown.replace(citationGroup, (group, inner: string) => {
    const text = inner.replace(citationKey, (key, id: string) => {
      const reference = byId.get(id);
      return reference ? shortCitation(reference) : key;
    });
    return text === inner ? group : `(${text})`;
  });
}
