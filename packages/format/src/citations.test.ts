import type { ResourceLibrary } from '@pattern-press/schema';
import { describe, expect, it } from 'vitest';
import { citationsToText, citedIds, fullCitation, shortCitation } from './citations.js';

const library = {
  references: [
    { id: 'nygard', type: 'book', title: 'Release It!', author: [{ family: 'Nygard', given: 'Michael' }], publisher: 'Pragmatic Bookshelf', issued: { 'date-parts': [[2018]] } },
    { id: 'wiki', type: 'webpage', title: 'Hystrix Wiki', author: [{ literal: 'Netflix' }] },
    { id: 'pair', type: 'article', title: 'Two', author: [{ family: 'Kleppmann' }, { family: 'Beresford' }], issued: { 'date-parts': [[2017]] } },
    { id: 'many', type: 'article', title: 'Three', author: [{ family: 'Dean' }, { family: 'Barroso' }, { family: 'Ghemawat' }], issued: { 'date-parts': [[2013]] } },
    { id: 'anon', type: 'webpage', title: 'A Page' },
  ],
} as ResourceLibrary;

describe('citations', () => {
  it('finds the ids of pandoc citation groups, not e-mail addresses or code', () => {
    expect(citedIds('A breaker [@nygard; @wiki], see [-@pair, p. 3] and mail@example.com or `x[@y]`.')).toEqual(['nygard', 'wiki', 'pair', 'y']);
    expect(citedIds('[@key.] and [@a:b-c]')).toEqual(['key', 'a:b-c']);
  });

  it('gives the short form by author count, the full form for a source list', () => {
    expect(library.references.map(shortCitation)).toEqual(['Nygard 2018', 'Netflix', 'Kleppmann & Beresford 2017', 'Dean et al. 2013', 'A Page']);
    expect(fullCitation(library.references[0]!)).toBe('Michael Nygard. “Release It!”. Pragmatic Bookshelf. 2018.');
  });

  it('turns citation groups into readable text and leaves the rest alone', () => {
    expect(citationsToText('A breaker [@nygard; @wiki].', library)).toBe('A breaker (Nygard 2018; Netflix).');
    expect(citationsToText('As shown [see @many, p. 3].', library)).toBe('As shown (see Dean et al. 2013, p. 3).');
    expect(citationsToText('Unknown [@nobody] and [a link](x) and mail@example.com', library)).toBe('Unknown [@nobody] and [a link](x) and mail@example.com');
    expect(citationsToText('A breaker [@nygard].', undefined)).toBe('A breaker [@nygard].');
  });
});
