import type { Diagram, PatternModule } from '@pattern-press/schema';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { diagramFailures, diagramInvalid, diagramInvalidHint, diagramRenders, moduleDiagrams, reportDiagramFailure } from './diagrams.js';

const broken: Diagram = { id: 'd-1', kind: 'flowchart', source: 'flowchart TD\n  A[x --> B', position: { line: 10, column: 1 } };
const fine: Diagram = { id: 'd-2', kind: 'sequenceDiagram', source: 'sequenceDiagram\n  A->>B: hi', position: { line: 20, column: 1 } };
const error = "Parse error on line 2:\n...A[x --> B\n-----------^\nExpecting 'SQE', got 'EOF'";

/** Only what the diagram service reads of a module. */
function moduleWith(slug: string, blocks: Diagram[][], challenge: Diagram[] = []): PatternModule {
  return { slug, blocks: blocks.map((diagrams) => ({ diagrams })), challenge: { diagrams: challenge } } as unknown as PatternModule;
}

const results = new Map([
  [broken.source, { error }],
  [fine.source, { svg: '<svg></svg>' }],
]);

describe('moduleDiagrams', () => {
  it('lists the blocks’ diagrams, then the challenge’s', () => {
    expect(moduleDiagrams(moduleWith('a', [[fine], []], [broken]))).toEqual([fine, broken]);
  });
});

describe('diagramFailures', () => {
  it('finds each diagram with an error, worded by diagramInvalid; no result is no failure', () => {
    const failures = diagramFailures([moduleWith('a', [[fine, broken]]), moduleWith('b', [[broken]])], results);
    expect(failures.map((failure) => failure.slug)).toEqual(['a', 'b']);
    expect(failures[0]!.finding).toEqual(diagramInvalid(broken, error));
    expect(failures[0]!.finding).toMatchObject({ place: { line: 12, column: 1 }, hint: diagramInvalidHint });
    expect(diagramFailures([moduleWith('a', [[broken]])], new Map())).toEqual([]);
  });
});

describe('diagramRenders', () => {
  it('hands each failure to one caller only, and remembers which modules are incomplete', () => {
    const service = diagramRenders('/nowhere');
    const failures = diagramFailures([moduleWith('a', [[broken]]), moduleWith('b', [[fine]])], results);
    expect(service.failed('a')).toBe(false);
    expect(service.unreported(failures)).toHaveLength(1);
    expect(service.unreported(failures)).toEqual([]);
    expect(service.failed('a')).toBe(true);
    expect(service.failed('b')).toBe(false);
    // Another build starts with nothing reported.
    expect(diagramRenders('/nowhere').unreported(failures)).toHaveLength(1);
  });

  it('reports a failure as press check does: one error with the one hint', () => {
    const file = new VFile({ path: 'a/module.md' });
    reportDiagramFailure(file, diagramFailures([moduleWith('a', [[broken]])], results)[0]!);
    expect(file.messages.map((message) => [message.ruleId, message.fatal, message.line, message.note])).toEqual([['diagram-invalid', true, 12, diagramInvalidHint]]);
  });
});
