import { describe, expect, it } from 'vitest';
import { cycleEdges, dependencyCycles, topologicalOrder } from './dependency-graph.js';

/** A graph from `from>to` pairs, nodes in first-seen order. */
function graph(...pairs: string[]) {
  const edges = new Map<string, string[]>();
  for (const pair of pairs) {
    const [from, to] = pair.split('>') as [string, string];
    edges.set(from, [...(edges.get(from) ?? []), to]);
    if (!edges.has(to)) edges.set(to, []);
  }
  return { nodes: [...edges.keys()], edges: (node: string) => edges.get(node) ?? [] };
}

describe('dependencyCycles', () => {
  it('lists a cycle once, from its smallest node, whichever node the walk starts at', () => {
    for (const start of ['alpha', 'beta', 'gamma']) {
      const { nodes, edges } = graph('alpha>gamma', 'gamma>beta', 'beta>alpha');
      const ordered = [start, ...nodes.filter((node) => node !== start)];
      expect(dependencyCycles(ordered, edges)).toEqual([['alpha', 'gamma', 'beta']]);
    }
  });

  it('gives its edges in order, so the second edge (the first note of a report) follows the first', () => {
    const { nodes, edges } = graph('alpha>gamma', 'gamma>beta', 'beta>alpha');
    const [cycle] = dependencyCycles(nodes, edges);
    expect(cycleEdges(cycle!)).toEqual([
      ['alpha', 'gamma'],
      ['gamma', 'beta'],
      ['beta', 'alpha'],
    ]);
  });

  it('finds a self-loop: one node, one edge to itself', () => {
    const { nodes, edges } = graph('a>a', 'a>b');
    const cycles = dependencyCycles(nodes, edges);
    expect(cycles).toEqual([['a']]);
    expect(cycleEdges(cycles[0]!)).toEqual([['a', 'a']]);
  });

  it('finds two disjoint cycles, each once', () => {
    const { nodes, edges } = graph('a>b', 'b>a', 'c>d', 'd>e', 'e>c', 'b>c');
    expect(dependencyCycles(nodes, edges)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('finds none in a graph with an order, and ignores edges to unknown nodes', () => {
    const { nodes, edges } = graph('a>b', 'b>c', 'a>c');
    expect(dependencyCycles(nodes, edges)).toEqual([]);
    expect(dependencyCycles(['a'], (node) => (node === 'a' ? ['missing'] : []))).toEqual([]);
  });
});

describe('topologicalOrder', () => {
  it('puts dependencies first, ties in input order; undefined for a cycle', () => {
    expect(topologicalOrder(['a', 'b', 'c'], (node) => (node === 'a' ? ['c'] : []))).toEqual(['b', 'c', 'a']);
    expect(topologicalOrder(['a', 'b'], (node) => (node === 'a' ? ['b'] : ['a']))).toBeUndefined();
  });
});
