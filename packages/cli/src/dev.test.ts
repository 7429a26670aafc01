import { describe, expect, it } from 'vitest';
import { withClientScript } from './dev.js';

// The path guard and media types are press serve's (packages/api/src/server-live.test.ts); changedSlug is the engine's.
describe('press dev helpers', () => {
  it('adds the reload script before </body>, or at the end', () => {
    expect(withClientScript('<html><body><p>x</p></body></html>')).toBe('<html><body><p>x</p><script src="/__press/client.js"></script></body></html>');
    expect(withClientScript('<p>x</p>')).toBe('<p>x</p><script src="/__press/client.js"></script>');
  });
});
