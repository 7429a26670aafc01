import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from './build-collection.js';
import { checkCollectionAt, checkPaths } from './check.js';
import { createDevEngine } from './dev.js';

const fixture = fileURLToPath(new URL('../../../tests/fixtures/dependency-cycle', import.meta.url));
let work: string;
let root: string;

/** The dependency-cycle messages of `files`, each with where its first note (`cause`) points. */
function cycles(files: VFile[]) {
  return files.flatMap((file) =>
    file.messages
      .filter((message) => message.ruleId === 'dependency-cycle')
      .map((message) => {
        const cause = message.cause as { file?: string; line?: number; column?: number } | undefined;
        return { file: path.basename(file.path), line: message.line, column: message.column, cause: cause && { file: path.basename(cause.file ?? ''), line: cause.line, column: cause.column } };
      }),
  );
}

// The one cycle of the fixture, on its first edge, its note on the second (alpha → gamma → beta → alpha).
const once = [{ file: 'catalog.yaml', line: 9, column: 18, cause: { file: 'catalog.yaml', line: 27, column: 18 } }];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-pipeline-'));
  root = path.join(work, 'modules');
  await cp(fixture, root, { recursive: true });
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('one check pipeline and one dependency graph', () => {
  it('reports a cycle once, its cause at the second edge: the pipeline of report, schedule and promote', async () => {
    const { collection, plan } = await checkCollectionAt(root, { diagrams: false });
    expect(cycles(collection.files)).toEqual(once);
    expect(plan).toBeUndefined();
  });

  it('the same through check', async () => {
    const { files } = await checkPaths([root], work, { diagrams: false });
    expect(cycles(files)).toEqual(once);
  });

  it('the same through build, which makes nothing', async () => {
    const run = await build({ root, dist: path.join(work, 'dist'), formats: ['modules'] });
    expect(run.stopped).toBe('check');
    expect(cycles(run.files)).toEqual(once);
    expect(run.outcomes).toEqual([]);
  });

  it('the same through dev', async () => {
    const log: string[] = [];
    const dev = createDevEngine({ root, outDir: path.join(work, 'dev'), cwd: work, log: (text) => log.push(text) });
    try {
      await dev.start();
      const found = dev.status().diagnostics.filter((diagnostic) => diagnostic.ruleId === 'dependency-cycle');
      expect(found).toHaveLength(1);
      expect(log.join('').match(/dependency-cycle/g)).toHaveLength(1);
    } finally {
      await dev.close();
    }
  });
});
