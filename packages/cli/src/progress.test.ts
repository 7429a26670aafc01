import { describe, expect, it } from 'vitest';
import { createProgress, outcomeLine, progressMode, summaryText } from './progress.js';

describe('progressMode', () => {
  it('is live only in a terminal, outside CI, without --quiet', () => {
    expect(progressMode({ interactive: true, quiet: false, env: {} })).toBe('interactive');
    expect(progressMode({ interactive: true, quiet: false, env: { CI: 'true' } })).toBe('plain');
    expect(progressMode({ interactive: true, quiet: false, env: { CI: 'false' } })).toBe('interactive');
    expect(progressMode({ interactive: true, quiet: true, env: {} })).toBe('plain');
    expect(progressMode({ interactive: false, quiet: false, env: {} })).toBe('plain');
  });
});

describe('plain progress and the summary', () => {
  it('prints one line per finished format and a summary with totals, the slowest format and the diagram cache', async () => {
    const lines: string[] = [];
    const progress = createProgress('plain', ['modules', 'pdf'], (text) => lines.push(text));
    progress.start('modules');
    const modules = { format: 'modules', files: 9, seconds: 0.04, reused: 0, made: 0 } as const;
    const pdf = { format: 'pdf', files: 4, seconds: 12.34, reused: 2, made: 1 } as const;
    progress.done(modules);
    progress.start('pdf');
    progress.done(pdf);
    await progress.stop();
    expect(lines).toEqual([outcomeLine(modules), outcomeLine(pdf)]);
    expect(lines[0]).toBe('  modules      9 files     0.0 s\n');
    expect(lines[1]).toBe('  pdf          4 files    12.3 s  (2 reused, 1 made)\n');
    const text = summaryText({ outcomes: [modules, pdf], seconds: 13, diagrams: { rendered: 2, cached: 7 } });
    expect(text).toBe('summary: modules, pdf: 13 files in 13.0 s; slowest pdf 12.3 s; outputs 2 reused from the cache, 1 made; diagrams 2 rendered, 7 cached before\n');
  });
});
