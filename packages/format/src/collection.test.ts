import { formatMessage } from '@pattern-press/diagnostics';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCollection } from './collection.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../tests/fixtures/${name}`, import.meta.url));

describe('loadCollection', () => {
  it('parses on worker threads with the same result as in the main thread', async () => {
    for (const name of ['valid', 'duplicate-slugs', 'unknown-directive', 'binary-file']) {
      const [serial, parallel] = await Promise.all([loadCollection(fixture(name), { workers: 1 }), loadCollection(fixture(name), { workers: 2 })]);
      expect(parallel.modules.map((m) => m.document)).toEqual(serial.modules.map((m) => m.document));
      expect(parallel.modules.map((m) => m.valid)).toEqual(serial.modules.map((m) => m.valid));
      const messages = (c: typeof serial) => c.files.flatMap((f) => f.messages.map((m) => formatMessage(m)));
      expect(messages(parallel)).toEqual(messages(serial));
      expect(parallel.modules.map((m) => m.pointers.entries())).toEqual(serial.modules.map((m) => m.pointers.entries()));
    }
  });

  it('reads the catalog, the library and every module folder in name order', async () => {
    const collection = await loadCollection(fixture('valid'));
    expect(collection.folders).toEqual(['alpha', 'beta']);
    expect(collection.catalog.valid).toBe(true);
    expect(collection.modules.map((m) => m.document?.slug)).toEqual(['alpha', 'beta']);
    expect(collection.modules[0]!.document?.source.path).toMatch(/valid\/alpha\/module\.md$/);
  });
});
