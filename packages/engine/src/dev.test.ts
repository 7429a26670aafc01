import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedSlug } from './dev.js';

describe('press dev: what a change rebuilds', () => {
  const root = path.resolve('/work/x/modules');

  it('maps a changed file to its module, and files at the top to the whole collection', () => {
    expect(changedSlug(root, path.join(root, 'alpha', 'module.md'))).toBe('alpha');
    expect(changedSlug(root, path.join(root, 'alpha', 'images', 'a.png'))).toBe('alpha');
    expect(changedSlug(root, path.join(root, 'catalog.yaml'))).toBeUndefined();
    expect(changedSlug(root, path.join(root, 'library.yaml'))).toBeUndefined();
  });
});
