import { describe, expect, it } from 'vitest';
import { interactionOf, presentationOrder } from './exam.js';
import { componentRef } from './openapi.js';
import { pathProblem } from './request-path.js';

describe('small pure parts', () => {
  it('never presents ordering items in the right order, keeping a harmless author order', () => {
    const items = ['a', 'b', 'c'].map((id) => ({ id, text: id.toUpperCase() }));
    const solved = (ids: string[]) => ids.join() === 'a,b,c';
    expect(presentationOrder('q', items, solved).map((item) => item.id)).not.toEqual(['a', 'b', 'c']);
    expect(presentationOrder('q', items, (ids) => ids.join() === 'c,b,a').map((item) => item.id)).toEqual(['a', 'b', 'c']);
    const two = items.slice(0, 2);
    expect(presentationOrder('q2', two, (ids) => ids.join() === 'a,b').map((item) => item.id)).toEqual(['b', 'a']);
  });

  it("leaves the author's per-choice feedback (part of the key) out of what a learner answers with", () => {
    const question = {
      id: 'q',
      type: 'single',
      answer: {
        choices: [
          { id: 'a', text: 'A', feedback: 'Right: a.' },
          { id: 'b', text: 'B', feedback: 'No: b.' },
        ],
        correct: 'a',
      },
    } as unknown as Parameters<typeof interactionOf>[0];
    expect(interactionOf(question)).toEqual({
      choices: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
    });
  });

  it('rewrites schema references into OpenAPI components', () => {
    const titles = new Map([
      ['https://pattern-press.dev/schemas/module.schema.json', 'PatternModule'],
      ['https://pattern-press.dev/schemas/api/common.schema.json', 'ApiCommon'],
    ]);
    const base = 'https://pattern-press.dev/schemas/api/index.schema.json';
    expect(componentRef('common.schema.json#/$defs/href', base, titles)).toBe('#/components/schemas/ApiCommon.href');
    expect(componentRef('https://pattern-press.dev/schemas/module.schema.json', base, titles)).toBe('#/components/schemas/PatternModule');
    expect(componentRef('#/$defs/slug', 'https://pattern-press.dev/schemas/module.schema.json', titles)).toBe('#/components/schemas/PatternModule.slug');
    expect(() => componentRef('other.schema.json', base, titles)).toThrow(/names no schema/);
  });

  it('refuses request paths that could leave the served folder', () => {
    expect(pathProblem('/api/v1/index.json?x=..')).toBeUndefined();
    expect(pathProblem('/files/a..b.pdf')).toBeUndefined();
    expect(pathProblem('/%252e%252e/x')).toMatch(/\.\./);
    expect(pathProblem('/a%5c..')).toMatch(/backslash/);
    expect(pathProblem('/%E0%A4%A')).toMatch(/percent-encoding/);
  });
});
