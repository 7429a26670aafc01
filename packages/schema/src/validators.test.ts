import { describe, expect, it } from 'vitest';
import { createValidators } from './validators.js';

describe('createValidators', () => {
  const validators = createValidators();

  it('accepts a minimal catalog and rejects an unknown category with the enum error', () => {
    const catalog = {
      categories: [{ id: 'resilience', title: 'Resilience' }],
      patterns: [{ slug: 'retry-backoff', title: 'Retry', category: 'resilence', priority: 1, complexity: 'low', depends_on: [], real_examples: [] }],
      timeline: { start: '2025-02-01', sprint_days: 7, calendar: { working_days: ['mon'] }, team: [{ id: 'author-a', roles: ['author'] }] },
    };
    const errors = validators.validate('catalog', catalog);
    expect(errors.map((e) => [e.instancePath, e.keyword])).toEqual([['/patterns/0/category', 'enum']]);
    catalog.patterns[0]!.category = 'resilience';
    expect(validators.validate('catalog', catalog)).toEqual([]);
  });

  it('checks dates as dates', () => {
    const errors = validators.validate('library', { references: [{ id: 'x', type: 'book', title: 'T', URL: 'not a url' }] });
    expect(errors[0]?.keyword).toBe('format');
  });

  it('throws for a schema that does not exist (API misuse)', () => {
    expect(() => validators.validate('nope', {})).toThrow(/no schema/);
  });
});
