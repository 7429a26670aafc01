/* Generated from schemas/api/graph.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/graph.json: the module dependency graph: every module as a node, depends_on and related as edges, and a topological order (dependencies first, ties in catalog order).
 */
export interface ApiGraph {
  /**
   * Every module of the catalog, in catalog order.
   */
  nodes: {
    /**
     * The module.
     */
    slug: string;
    /**
     * The module's title.
     */
    title: string;
    /**
     * The module's category.
     */
    category: 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
    /**
     * The module's authoring priority.
     */
    priority: number;
    /**
     * The module's status.
     */
    status: 'research' | 'outline' | 'draft' | 'review' | 'published';
    /**
     * True at status draft, review or published: the module has its API resources and downloads.
     */
    built: boolean;
  }[];
  /**
   * Every depends_on and related link between modules.
   *
   * Items: depends_on: `from` must be learnt after `to`. related: `from` recommends reading `to` alongside.
   */
  edges: {
    /**
     * The module that names the other.
     */
    from: string;
    /**
     * The module named.
     */
    to: string;
    /**
     * depends_on or related.
     */
    kind: 'depends_on' | 'related';
  }[];
  /**
   * Every module, each after all the modules it depends on.
   *
   * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
   */
  order: string[];
}
