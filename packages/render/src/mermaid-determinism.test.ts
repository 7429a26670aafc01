import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withBrowser } from './browser.js';
import { renderMermaid, type MermaidResult } from './mermaid.js';

const modulesDir = fileURLToPath(new URL('../../../modules/', import.meta.url));

/** Up to `perKind` real diagrams of each kind, from the repository's modules. */
async function realDiagrams(kinds: readonly string[], perKind: number): Promise<string[]> {
  const out: string[] = [];
  const taken = new Map<string, number>();
  for (const slug of (await readdir(modulesDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    const text = await readFile(path.join(modulesDir, slug, 'module.md'), 'utf8').catch(() => '');
    for (const match of text.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)) {
      const source = match[1]!;
      const kind = /^\s*([\w-]+)/.exec(source)?.[1] ?? '';
      if (!kinds.includes(kind) || (taken.get(kind) ?? 0) >= perKind) continue;
      taken.set(kind, (taken.get(kind) ?? 0) + 1);
      out.push(source);
    }
  }
  return out;
}

// Kinds the modules do not use yet, written here: gantts without `todayMarker off` (the today line reads the
// clock; on a chart of seconds it moves every few milliseconds), a class diagram and an ER diagram (both
// drawn with rough.js outlines).
const written = [
  'gantt\n  title Rollout\n  dateFormat YYYY-MM-DD\n  section Build\n  Breaker :a1, 2024-01-01, 5d\n  Bulkhead :after a1, 3d\n  section Ship\n  Release :2024-01-12, 2d',
  'gantt\n  title Probe\n  dateFormat YYYY-MM-DD HH:mm:ss\n  axisFormat %H:%M:%S\n  section Breaker\n  Open :o1, 2024-01-01 00:00:00, 5s\n  Half-open :after o1, 3s',
  'classDiagram\n  class CircuitBreaker {\n    +State state\n    +int failures\n    +call(fn)\n  }\n  class State\n  CircuitBreaker --> State',
  'erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER ||--|{ LINE_ITEM : contains\n  CUSTOMER }|..|{ DELIVERY_ADDRESS : uses',
];

/** Diagrams that only change the batch around the ones compared. */
const others = [
  'sequenceDiagram\n  participant X\n  participant Y\n  X->>Y: warm up\n  Y-->>X: ok',
  'flowchart TD\n  P[Start] --> Q{Choice}\n  Q -->|yes| R((Done))\n  Q -->|no| P',
  'stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy: work\n  Busy --> Idle: done',
];

async function renderCold(batches: readonly (readonly string[])[]): Promise<Map<string, MermaidResult>> {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'press-mermaid-cold-'));
  try {
    return await withBrowser(async (browser) => {
      const all = new Map<string, MermaidResult>();
      for (const batch of batches) for (const [source, result] of await renderMermaid(browser, batch, { cacheDir })) all.set(source, result);
      return all;
    });
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** Where two texts part, with a little context, for a readable failure. */
function firstDifference(a: string, b: string): string {
  let index = 0;
  while (index < a.length && a[index] === b[index]) index++;
  return `at ${index}: …${a.slice(Math.max(0, index - 40), index + 40)}… vs …${b.slice(Math.max(0, index - 40), index + 40)}…`;
}

describe('Mermaid renders are deterministic', () => {
  it('gives byte-equal SVGs from two fresh browsers with empty caches, whatever the batch order and composition', async () => {
    const real = await realDiagrams(['flowchart', 'stateDiagram-v2', 'sequenceDiagram'], 3);
    expect(real.length).toBeGreaterThanOrEqual(9);
    const compared = [...real, ...written];

    const first = await renderCold([compared]);
    // Other diagrams first, then the compared ones in reverse order, split over two calls.
    const reversed = [...compared].reverse();
    const half = Math.ceil(reversed.length / 2);
    const second = await renderCold([others, [...reversed.slice(0, half), others[0]!], reversed.slice(half)]);

    const differing: string[] = [];
    for (const source of compared) {
      const a = first.get(source);
      const b = second.get(source);
      expect(a?.error, source).toBeUndefined();
      expect(a?.svg, source).toBeTruthy();
      if (b?.svg !== a?.svg) differing.push(`${source.split('\n')[0]}: ${firstDifference(a?.svg ?? '', b?.svg ?? '')}`);
    }
    expect(differing).toEqual([]);
  }, 300_000);
});
