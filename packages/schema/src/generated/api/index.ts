/* Generated from schemas/api/index.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/index.json: every module of the catalog, whatever its status, in catalog order, with links to its other resources.
 */
export interface ApiIndex {
  /**
   * The version of the API: the v1 of /api/v1/.
   */
  api_version: 'v1';
  /**
   * Every module of the catalog, in catalog order.
   */
  modules: Entry[];
  /**
   * Who this build of the API is for: learner builds hold no answers; instructor builds add answers.json and the full canonical modules.
   */
  audience: 'learner' | 'instructor';
  /**
   * The collection's resources.
   */
  links: {
    /**
     * This document.
     */
    self: string;
    /**
     * categories.json.
     */
    categories: string;
    /**
     * graph.json.
     */
    graph: string;
    /**
     * glossary.json.
     */
    glossary: string;
    /**
     * schedule.json, when the build scheduled the authoring work.
     */
    schedule?: string;
    /**
     * search-index.json.
     */
    search_index: string;
    /**
     * downloads.json.
     */
    downloads: string;
    /**
     * openapi.json, which describes this build.
     */
    openapi: string;
  };
}
/**
 * One module of the catalog.
 *
 * This interface was referenced by `ApiIndex`'s JSON-Schema
 * via the `definition` "entry".
 */
export interface Entry {
  /**
   * The module.
   */
  slug: string;
  /**
   * The module's title.
   */
  title: string;
  /**
   * Its one-line promise.
   */
  tagline: string;
  /**
   * Its category.
   */
  category: 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
  /**
   * Its authoring priority.
   */
  priority: number;
  /**
   * How complex the pattern is to implement.
   */
  complexity: 'low' | 'medium' | 'high' | 'very-high';
  /**
   * How hard the module is for learners.
   */
  difficulty: 'beginner' | 'intermediate' | 'advanced' | 'expert';
  /**
   * Learning time (the module's duration).
   */
  minutes: number;
  /**
   * Its status.
   */
  status: 'research' | 'outline' | 'draft' | 'review' | 'published';
  /**
   * True at status draft, review or published: only built modules have module and exam resources and downloads.
   */
  built: boolean;
  /**
   * True unless the module is published.
   */
  review_copy: boolean;
  /**
   * Modules to learn first.
   *
   * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
   */
  depends_on: string[];
  /**
   * Modules worth reading alongside.
   *
   * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
   */
  related: string[];
  /**
   * The module's other API resources; a key is present only when the resource exists in this build.
   */
  links: {
    /**
     * modules/{slug}.json.
     */
    module?: string;
    /**
     * modules/{slug}/exam.json, when the module has an exam.
     */
    exam?: string;
    /**
     * modules/{slug}/answers.json: instructor builds only.
     */
    answers?: string;
  };
  /**
   * The module's downloads (sizes and hashes in downloads.json).
   */
  downloads: {
    /**
     * What the download is.
     */
    format: string;
    /**
     * Where press serve answers it.
     */
    href: string;
  }[];
}
