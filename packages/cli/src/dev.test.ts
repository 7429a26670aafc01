import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedSlug, withClientScript } from './dev.js';

describe('press dev helpers', () => {
  const root = path.resolve('/work/x/modules');

  it('maps a changed file to its module, and files at the top to the whole collection', () => {
    expect(changedSlug(root, path.join(root, 'alpha', 'module.md'))).toBe('alpha');
    expect(changedSlug(root, path.join(root, 'alpha', 'images', 'a.png'))).toBe('alpha');
    expect(changedSlug(root, path.join(root, 'catalog.yaml'))).toBeUndefined();
    expect(changedSlug(root, path.join(root, 'library.yaml'))).toBeUndefined();
  });

  it('adds the reload script before </body>, or at the end', () => {
    expect(withClientScript('<html><body><p>x</p></body></html>')).toBe('<html><body><p>x</p><script src="/__press/client.js"></script></body></html>');
    expect(withClientScript('<p>x</p>')).toBe('<p>x</p><script src="/__press/client.js"></script>');
  });
});
