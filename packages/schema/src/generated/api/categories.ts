/* Generated from schemas/api/categories.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/categories.json: the catalog's categories in catalog order, each with its modules (all statuses) in catalog order.
 */
export interface ApiCategories {
  /**
   * Every category of the catalog, in catalog order.
   */
  categories: {
    /**
     * The category's id, as modules name it.
     */
    id: 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
    /**
     * The category's name for people.
     */
    title: string;
    /**
     * What the category is about, when the catalog says.
     */
    description?: string;
    /**
     * Slugs of the category's modules (every status), in catalog order.
     *
     * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
     */
    modules: string[];
  }[];
}
