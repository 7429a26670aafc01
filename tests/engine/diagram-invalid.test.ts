import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toPublication } from '@pattern-press/format';
import { cacheDirFor, checkCollectionAt } from '@pattern-press/engine';
import { buildOutputs, emitters } from '@pattern-press/engine/build';
import type { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryCopyBuilding } from '../helpers.js';

const slug = 'bulkhead';
let dir: string;
let root: string;
let fence: number;

/** The `diagram-invalid` messages of `files`, as a reader sees them: rule, place, severity, wording and hint. */
function invalidDiagrams(files: readonly VFile[]) {
  return files
    .flatMap((file) => file.messages.map((message) => ({ ...message, file: file.path })))
    .filter((message) => message.ruleId === 'diagram-invalid')
    .map((message) => ({ file: message.file, line: message.line, column: message.column, fatal: message.fatal, reason: message.reason, hint: message.note }));
}

beforeAll(async () => {
  dir = await repositoryCopyBuilding([slug], 'press-diagram-invalid-');
  root = path.join(dir, 'modules');
  // The module's first diagram loses a closing bracket: Mermaid can neither parse nor draw it.
  const file = path.join(root, slug, 'module.md');
  const text = (await readFile(file, 'utf8')).replace(/```mermaid\n[\s\S]*?\n```/, '```mermaid\nflowchart TD\n  A[Caller --> B[Pool]\n```');
  await writeFile(file, text);
  fence = text.slice(0, text.indexOf('```mermaid')).split('\n').length;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a diagram Mermaid cannot draw', () => {
  it('is one diagram-invalid error, the same from press check and from every output, and no output is published', async () => {
    const checked = await checkCollectionAt(root);
    const fromCheck = invalidDiagrams(checked.collection.files);
    expect(fromCheck).toHaveLength(1);
    expect(fromCheck[0]).toMatchObject({ line: fence + 2, fatal: true });
    expect(fromCheck[0]!.reason).toMatch(/^Mermaid cannot draw this flowchart: Parse error on line 2:/);

    // The outputs meet it too when nothing stopped the build first (the check without Chromium: nothing parsed the diagram).
    const { collection, quality } = await checkCollectionAt(root, { diagrams: false });
    const dist = path.join(dir, 'dist');
    const { problems } = await buildOutputs({
      collection,
      publication: toPublication(collection),
      quality,
      dist,
      cacheDir: cacheDirFor(root),
      formats: emitters.map((emitter) => emitter.name),
    });
    // pdf, scorm and slides each draw it: one message among them, worded, placed, hinted and as severe as the check's.
    expect(invalidDiagrams(problems)).toEqual(fromCheck);
    for (const output of ['pdf', 'scorm', 'slides', 'api']) await expect(access(path.join(dist, output))).rejects.toThrow();
  }, 300_000);
});
