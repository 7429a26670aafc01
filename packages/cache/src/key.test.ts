import { describe, expect, it } from 'vitest';
import { cacheKey, stableJson } from './key.js';

describe('cacheKey', () => {
  it('is the same for equal values built in a different order', () => {
    expect(cacheKey({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(cacheKey({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(
      stableJson(
        new Map([
          ['b', 1],
          ['a', 2],
        ]),
      ),
    ).toBe('{"a":2,"b":1}');
  });

  it('differs when any part differs, including how the parts are split', () => {
    expect(cacheKey('ab', 'c')).not.toBe(cacheKey('a', 'bc'));
    expect(cacheKey({ a: [1, 2] })).not.toBe(cacheKey({ a: [2, 1] }));
    expect(cacheKey('pdf', { slug: 'x' })).not.toBe(cacheKey('scorm', { slug: 'x' }));
    expect(cacheKey(undefined)).not.toBe(cacheKey(null));
  });
});
