/* Generated from schemas/api/glossary.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/glossary.json: every term a module's glossary defines, in alphabetical order, with the module that teaches it and the modules that use it.
 */
export interface ApiGlossary {
  /**
   * Every defined term, sorted by term (case-insensitive), then id.
   */
  terms: {
    /**
     * The term's id, unique across the collection.
     */
    id: string;
    /**
     * The term as learners meet it.
     */
    term: string;
    /**
     * Other spellings and plurals used in the text.
     */
    aliases: string[];
    /**
     * The definition, Markdown.
     */
    definition: string;
    /**
     * The module that defines (teaches) the term.
     */
    module: string;
    /**
     * Modules that list the term in their `terms`, in catalog order.
     *
     * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
     */
    used_by: string[];
    /**
     * Where the term is taught.
     */
    links: {
      /**
       * The defining module's modules/{slug}.json, when that module is built.
       */
      module?: string;
    };
  }[];
  /**
   * This document and the API index.
   */
  links: {
    /**
     * This document.
     */
    self: string;
    /**
     * index.json.
     */
    index: string;
  };
}
