import { describe, expect, it } from 'vitest';
import { diagramLimits, diagramNoun, diagramProblem, diagramSize, diagramTooLarge, sourceLineOf } from './diagram-problems.js';

describe('diagramProblem', () => {
  const error = "Parse error on line 3:\n...  A->>B: hi  B-->>: oops\n---------------------^\nExpecting '+', '-', '()', 'ACTOR', got 'TXT'";
  const diagram = { kind: 'sequenceDiagram', source: 'sequenceDiagram\n  A->>B: hi\n  B-->>: oops', position: { line: 12, column: 1 } };

  it("keeps Mermaid's whole message, the excerpt and caret indented under the first line", () => {
    expect(diagramProblem(diagram, error).reason).toBe(
      'Mermaid cannot draw this sequence diagram: Parse error on line 3:\n' + '    ...  A->>B: hi  B-->>: oops\n' + '    ---------------------^\n' + "    Expecting '+', '-', '()', 'ACTOR', got 'TXT'",
    );
  });

  it("places it on the fence line + the line Mermaid names, at the fence's column", () => {
    expect(diagramProblem(diagram, error).place).toEqual({ line: 15, column: 1 });
    expect(diagramProblem({ ...diagram, position: { line: 12, column: 4 } }, error).place).toEqual({ line: 15, column: 4 });
  });

  it('uses the column when Mermaid gives one (langium parsers), and the fence when it names no line', () => {
    const pie = { kind: 'pie', source: 'pie\n  "a" : x', position: { line: 7, column: 1 } };
    expect(diagramProblem(pie, 'Parsing failed: Lexer error on line 2, column 9: unexpected character: ->x<-').place).toEqual({ line: 9, column: 9 });
    expect(diagramProblem(diagram, 'No diagram type detected matching given configuration for text: x').place).toEqual({ line: 12, column: 1 });
    expect(diagramProblem({ kind: 'flowchart', source: 'x' }, 'Parse error on line 1:').place).toBeUndefined();
  });
});

describe('sourceLineOf', () => {
  it('counts lines as Mermaid does after dropping front matter, directives, comments and leading blank lines', () => {
    expect(sourceLineOf('flowchart LR\n  A --> B\n  B --> C', 3)).toBe(3);
    expect(sourceLineOf('---\ntitle: T\n---\nflowchart LR\n  A --> B', 2)).toBe(5);
    expect(sourceLineOf('%% a note\nflowchart LR\n  %% another\n  A --> B', 2)).toBe(4);
    expect(sourceLineOf('%%{init: {"theme": "dark"}}%%\n\nflowchart LR\n  A --> B', 2)).toBe(4);
    expect(sourceLineOf('\n---\ntitle: T\n---\n%% c\nflowchart LR\n  A --> B', 2)).toBe(7);
  });

  it('names the last line for an unexpected end of input (Mermaid counts the newline it appends)', () => {
    expect(sourceLineOf('flowchart LR\n  A["open', 3)).toBe(2);
    expect(sourceLineOf('flowchart LR\n  A["open\n', 3)).toBe(2);
  });
});

describe('diagram sizes', () => {
  it('counts lines that say something, links (fan-outs multiply) and bytes', () => {
    expect(diagramSize('flowchart LR\n  A & B --> C & D --> E\n\n  %% X --> Y\n  F -.-> G')).toEqual({ lines: 3, links: 7, bytes: 61 });
    expect(diagramSize('sequenceDiagram\n  A->>B: hi\n  B-->>A: ok\n  A-)B: later').links).toBe(3);
    expect(diagramSize('erDiagram\n  CUSTOMER ||--o{ ORDER : places').links).toBe(1);
  });

  it('says which measure is over the limit', () => {
    expect(diagramTooLarge({ kind: 'flowchart', source: 'flowchart LR\n  A --> B' })).toBeUndefined();
    const fan = `flowchart LR\n  ${Array.from({ length: 13 }, (_, i) => `a${i}`).join(' & ')} --> ${Array.from({ length: 13 }, (_, i) => `b${i}`).join(' & ')}`;
    expect(diagramTooLarge({ kind: 'flowchart', source: fan })).toBe(`this flowchart is too large to render: 169 links (at most ${diagramLimits.links})`);
  });

  it('names diagrams as authors do', () => {
    expect(['flowchart', 'graph', 'stateDiagram-v2', 'sequenceDiagram', 'classDiagram', 'erDiagram', 'gantt', 'mindmap'].map(diagramNoun)).toEqual([
      'flowchart',
      'flowchart',
      'state diagram',
      'sequence diagram',
      'class diagram',
      'ER diagram',
      'Gantt chart',
      'mindmap diagram',
    ]);
  });
});
