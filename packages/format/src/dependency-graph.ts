/**
 * The module dependency graph's two questions, asked by the checks (which
 * report cycles), the scheduler (which refuses to plan one) and the API (which
 * lists modules in order): one answer for all of them.
 */

/**
 * Cycles found in a directed graph (one per back edge of a depth-first walk),
 * each listed once, starting at its smallest node; edges to nodes outside
 * `nodes` are ignored.
 */
export function dependencyCycles(nodes: readonly string[], edges: (node: string) => readonly string[]): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'active');
    stack.push(node);
    for (const next of edges(node)) {
      if (state.get(next) === 'active') {
        const cycle = stack.slice(stack.indexOf(next));
        const rotated = rotateToSmallest(cycle);
        const key = rotated.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(rotated);
        }
      } else if (!state.has(next) && nodes.includes(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of nodes) if (!state.has(node)) visit(node);
  return cycles;
}

/** A cycle's edges in order, the closing edge last: a self-loop is one edge from a node to itself. */
export function cycleEdges(cycle: readonly string[]): [from: string, to: string][] {
  return cycle.map((from, index) => [from, cycle[(index + 1) % cycle.length]!]);
}

function rotateToSmallest(cycle: string[]): string[] {
  let start = 0;
  cycle.forEach((node, index) => {
    if (node < cycle[start]!) start = index;
  });
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

/** Nodes in dependency order (dependencies first), ties in input order; undefined when there is a cycle. */
export function topologicalOrder(nodes: readonly string[], dependencies: (node: string) => readonly string[]): string[] | undefined {
  const order: string[] = [];
  const placed = new Set<string>();
  const known = new Set(nodes);
  while (order.length < nodes.length) {
    const next = nodes.find((node) => !placed.has(node) && dependencies(node).every((dep) => placed.has(dep) || !known.has(dep)));
    if (next === undefined) return undefined;
    order.push(next);
    placed.add(next);
  }
  return order;
}
