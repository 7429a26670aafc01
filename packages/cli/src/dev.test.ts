import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileForUrl, withClientScript } from './dev.js';

describe('press dev helpers', () => {
  const root = path.resolve('/work/x/modules');

  it('serves only files inside the preview folder', () => {
    expect(fileForUrl(root, '/report/index.html')).toBe(path.join(root, 'report', 'index.html'));
    expect(fileForUrl(root, '/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(fileForUrl(root, '/..%2f..%2fetc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(fileForUrl(root, '/%E0%A4%A')).toBeUndefined();
    expect(fileForUrl(root, '/a%00b')).toBeUndefined();
  });

  it('adds the reload script before </body>, or at the end', () => {
    expect(withClientScript('<html><body><p>x</p></body></html>')).toBe('<html><body><p>x</p><script src="/__press/client.js"></script></body></html>');
    expect(withClientScript('<p>x</p>')).toBe('<p>x</p><script src="/__press/client.js"></script>');
  });
});
