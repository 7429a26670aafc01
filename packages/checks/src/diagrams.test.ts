import { formatMessage } from '@pattern-press/diagnostics';
import { loadCollection } from '@pattern-press/format';
import { diagramLimits } from '@pattern-press/render';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDiagramSizes, validateDiagrams } from './diagrams.js';

const modulesDir = fileURLToPath(new URL('../../../modules/', import.meta.url));
const slug = 'circuit-breaker';

/** A flowchart of `nodes` services, chained, with a dotted link from every second one across the chart. */
function bigFlowchart(nodes: number): string {
  const lines = ['flowchart TD'];
  for (let i = 0; i < nodes - 1; i++) lines.push(`  n${i}[Service ${i}] --> n${i + 1}[Service ${i + 1}]`);
  for (let i = 0; i < nodes; i += 2) lines.push(`  n${i} -.-> n${(i * 7 + 3) % nodes}`);
  return lines.join('\n');
}

let root: string;
let text: string;
const huge = bigFlowchart(2000);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'press-diagram-size-'));
  for (const file of ['catalog.yaml', 'library.yaml', slug]) await cp(path.join(modulesDir, file), path.join(root, file), { recursive: true });
  const original = await readFile(path.join(root, slug, 'module.md'), 'utf8');
  // The module's first diagram becomes a 2000-node flowchart, the size that once ran 224 s and crashed the build.
  text = original.replace(/```mermaid\n[\s\S]*?\n```/, () => `\`\`\`mermaid\n${huge}\n\`\`\``);
  await writeFile(path.join(root, slug, 'module.md'), text);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function fenceLine(): number {
  return text.slice(0, text.indexOf('```mermaid')).split('\n').length;
}

describe('diagram-too-large', () => {
  it('is reported at the fence, as an error, from the source alone', async () => {
    const collection = await loadCollection(root);
    const started = performance.now();
    const oversized = checkDiagramSizes(collection);
    expect(performance.now() - started).toBeLessThan(1000);
    expect([...oversized]).toEqual([huge]);
    const file = collection.files.find((candidate) => candidate.path === path.join(root, slug, 'module.md'))!;
    const lines = file.messages.filter((message) => message.ruleId === 'diagram-too-large').map((message) => formatMessage(message, root));
    expect(lines).toEqual([
      `${slug}/module.md:${fenceLine()}:1: error diagram-too-large: this flowchart is too large to render: 3000 lines (at most ${diagramLimits.lines}), 2999 links (at most ${diagramLimits.links}), ${Buffer.byteLength(huge)} bytes (at most ${diagramLimits.bytes}) (split it into smaller diagrams; a diagram may have ${diagramLimits.lines} lines, ${diagramLimits.links} links and ${diagramLimits.bytes} bytes)`,
    ]);
    // Checked again (press check, then build), it is still reported once.
    checkDiagramSizes(collection);
    expect(file.messages.filter((message) => message.ruleId === 'diagram-too-large')).toHaveLength(1);
  });

  it('keeps the diagram from the parser: validateDiagrams reports it and parses only the others', async () => {
    const collection = await loadCollection(root);
    const verdicts = await validateDiagrams(collection);
    expect(verdicts.has(huge)).toBe(false);
    expect(verdicts.size).toBeGreaterThan(3);
    expect([...verdicts.values()].filter((error) => error !== undefined)).toEqual([]);
    expect(collection.files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'diagram-too-large')).toHaveLength(1);
  });

  it('lets every diagram of the modules through, with room to spare', async () => {
    const collection = await loadCollection(modulesDir);
    expect([...checkDiagramSizes(collection)]).toEqual([]);
  });
});
