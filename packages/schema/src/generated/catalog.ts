/* Generated from schemas/catalog.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * modules/catalog.yaml: the pattern catalog (the seed's "Pattern Categories and Priority") and the authoring timeline settings.
 */
export interface PatternCatalog {
  /**
   * @minItems 1
   */
  categories: [
    {
      /**
       * The catalog category a module belongs to.
       */
      id: 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
      title: string;
      description?: string;
    },
    ...{
      /**
       * The catalog category a module belongs to.
       */
      id: 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
      title: string;
      description?: string;
    }[]
  ];
  /**
   * Catalog order: the order of the handbook, the course and scheduling ties.
   */
  patterns: {
    /**
     * A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
     */
    slug: string;
    title: string;
    /**
     * The catalog category a module belongs to.
     */
    category: 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
    /**
     * Authoring priority from the catalog: 1 is written first, 3 last.
     */
    priority: number;
    /**
     * How complex the pattern is to implement, from the catalog.
     */
    complexity: 'low' | 'medium' | 'high' | 'very-high';
    /**
     * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
     */
    depends_on: string[];
    /**
     * Why each depends_on edge exists: for every module this one depends on, what of it this module's text, code or exam requires. Keys are slugs from depends_on.
     */
    depends_on_reasons?: {
      [k: string]: string;
    };
    real_examples: string[];
  }[];
  timeline: {
    /**
     * First day work may be scheduled.
     */
    start: string;
    /**
     * The day the plan is made on: remaining work is planned from it, and work the plan from `start` put before it is reported late. Default: `start` (or `press schedule --now`).
     */
    status_date?: string;
    /**
     * Sprint length in calendar days (7: one week).
     */
    sprint_days: number;
    /**
     * Planning horizon in calendar days; work that does not fit is a diagnostic.
     */
    horizon_days?: number;
    /**
     * Which phase of a dependency must be finished before a dependent module starts.
     */
    dependency_phase?: 'research' | 'outline' | 'content' | 'exam' | 'review';
    calendar: {
      working_days: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[];
      holidays?: string[];
    };
    /**
     * @minItems 1
     */
    team: [
      {
        /**
         * A team member id from the catalog's timeline.team.
         */
        id: string;
        /**
         * @minItems 1
         */
        roles: ['author' | 'reviewer', ...('author' | 'reviewer')[]];
        /**
         * Share of a working day available (0.5: half-time).
         */
        capacity?: number;
        /**
         * First day the person works on the plan (default: from the start).
         */
        joins?: string;
        /**
         * Last day the person works on the plan (default: open-ended).
         */
        leaves?: string;
        /**
         * Days off (holidays of this person, training, sick leave): no work is planned on them.
         */
        leave?: DateRange[];
        /**
         * Periods at another capacity than `capacity` (0.5: half-time from `from` to `to`).
         */
        part_time?: {
          from: string;
          to: string;
          capacity: number;
        }[];
      },
      ...{
        /**
         * A team member id from the catalog's timeline.team.
         */
        id: string;
        /**
         * @minItems 1
         */
        roles: ['author' | 'reviewer', ...('author' | 'reviewer')[]];
        /**
         * Share of a working day available (0.5: half-time).
         */
        capacity?: number;
        /**
         * First day the person works on the plan (default: from the start).
         */
        joins?: string;
        /**
         * Last day the person works on the plan (default: open-ended).
         */
        leaves?: string;
        /**
         * Days off (holidays of this person, training, sick leave): no work is planned on them.
         */
        leave?: DateRange[];
        /**
         * Periods at another capacity than `capacity` (0.5: half-time from `from` to `to`).
         */
        part_time?: {
          from: string;
          to: string;
          capacity: number;
        }[];
      }[]
    ];
  };
}
/**
 * This interface was referenced by `PatternCatalog`'s JSON-Schema
 * via the `definition` "dateRange".
 */
export interface DateRange {
  /**
   * First day, inclusive.
   */
  from: string;
  /**
   * Last day, inclusive.
   */
  to: string;
}
