/** A reference of the library as CSL JSON (the fields pandoc's citeproc reads). */
export type CslReference = { id: string; type?: string } & Record<string, unknown>;

/** The fields a CSL style may set in title case. */
const titleFields = ['title', 'container-title', 'collection-title', 'event-title', 'title-short'] as const;

const nocase = (text: string) => `<span class="nocase">${text}</span>`;

/**
 * Whether title casing would change a word's meaning: an acronym or a name
 * with capitals inside (EC2, DynamoDB, iOS), a word with a digit (HTTP2,
 * S3), or a domain (martinfowler.com).
 */
function isProtectedWord(word: string): boolean {
  const letters = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return /.\p{Lu}/u.test(letters) || (/\p{N}/u.test(letters) && /\p{L}/u.test(letters)) || /\p{L}\.\p{L}/u.test(letters);
}

/**
 * A title field with its case protected where CSL expects the source to
 * say so (`<span class="nocase">`): a software name or a one-word title is
 * a name (gobreaker), so all of it; elsewhere the words title casing would
 * spoil.
 */
export function protectedTitle(text: string, wholly: boolean): string {
  if (text.includes('<span class="nocase">')) return text;
  if (wholly || !/\s/.test(text.trim())) return nocase(text);
  return text.replace(/\S+/g, (word) => (isProtectedWord(word) ? nocase(word) : word));
}

/** The library as pandoc's citeproc reads it: titles' case protected (see protectedTitle). */
export function cslReferences(references: readonly CslReference[]): CslReference[] {
  return references.map((reference) => {
    const out: CslReference = { ...reference };
    for (const field of titleFields) {
      const value = reference[field];
      if (typeof value === 'string') out[field] = protectedTitle(value, field === 'title' && reference.type === 'software');
    }
    return out;
  });
}
