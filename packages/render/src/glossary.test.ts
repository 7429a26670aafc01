import { describe, expect, it } from 'vitest';
import type { PatternModule } from '@pattern-press/schema';
import { glossaryEntries, moduleGlossary, termMatches } from './glossary.js';
import { markdownToHtml } from './markdown.js';

const modules = [
  { slug: 'retry', glossary: [{ id: 'full-jitter', term: 'full jitter', definition: 'Random delay.' }], terms: ['hashing'] },
  { slug: 'ring', glossary: [{ id: 'hashing', term: 'consistent hashing', aliases: ['hash ring'], definition: 'A ring.' }, { id: 'cache', term: 'Cache', definition: 'A copy.' }] },
] as unknown as PatternModule[];

describe('glossaryEntries', () => {
  it('sorts terms as people read them and lists who uses each', () => {
    const entries = glossaryEntries(modules);
    expect(entries.map((entry) => entry.id)).toEqual(['cache', 'hashing', 'full-jitter']);
    expect(entries.find((entry) => entry.id === 'hashing')!.usedBy).toEqual(['retry', 'ring']);
    expect(moduleGlossary(modules[0]!, entries).map((entry) => entry.id)).toEqual(['hashing', 'full-jitter']);
  });
});

describe('termMatches', () => {
  const entries = glossaryEntries(modules);
  it('finds the first use of each term, whole words, any case, aliases too', () => {
    const seen = new Set<string>();
    const text = 'A Hash ring, then consistent hashing; caches and a cache.';
    expect(termMatches(text, entries, seen).map((match) => [text.slice(match.start, match.end), match.id])).toEqual([
      ['Hash ring', 'hashing'],
      ['cache', 'cache'],
    ]);
    expect(termMatches('a cache again', entries, seen)).toEqual([]);
    const law = glossaryEntries([{ slug: 'pools', glossary: [{ id: 'law', term: "Little's law", definition: 'L = λW.' }] }] as unknown as PatternModule[]);
    expect(termMatches('By Little’s law, ...', law, new Set()).map((match) => match.id)).toEqual(['law']);
  });
});

describe('markdownToHtml terms', () => {
  const entries = glossaryEntries(modules);
  it('links the first use per section, never in code, headings or links', () => {
    const html = markdownToHtml('# Cache\n\nUse a `cache` and [a cache](https://example.org), then a cache and a cache.\n\n## Next\n\nA cache.', {
      terms: { entries, href: (id) => `#g-${id}` },
    });
    expect(html).toContain('<h1>Cache</h1>');
    expect(html).toContain('<code>cache</code>');
    expect(html).toContain('<a href="https://example.org">a cache</a>');
    expect(html.match(/<a class="term" href="#g-cache">cache<\/a>/g)).toHaveLength(2);
  });
});
