/* Generated from schemas/api/search-index.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/search-index.json: a prebuilt MiniSearch full-text index over modules (all statuses) and the focus blocks of built modules; no exam content. Load it with `MiniSearch.loadJS(body.index, body.options)` and search with `body.options.searchOptions`.
 */
export interface ApiSearchIndex {
  /**
   * The library that wrote the index.
   */
  library: {
    /**
     * Always minisearch.
     */
    name: 'minisearch';
    /**
     * The MiniSearch version that wrote the index.
     */
    version: string;
  };
  /**
   * The options the index was built with: pass them to MiniSearch.loadJS.
   */
  options: {
    /**
     * The field that identifies a document.
     */
    idField: string;
    /**
     * The fields indexed for full-text search.
     *
     * @minItems 1
     */
    fields: [string, ...string[]];
    /**
     * The fields every hit carries.
     */
    storeFields: string[];
    /**
     * Options to pass to search().
     */
    searchOptions: {
      /**
       * Weight of a match per field.
       */
      boost?: {
        [k: string]: number;
      };
      /**
       * Whether a word matches words it starts.
       */
      prefix?: boolean;
      /**
       * Share of a word's letters that may differ.
       */
      fuzzy?: number;
    };
  };
  /**
   * How many documents the index holds.
   */
  documents: number;
  /**
   * JSON.stringify(miniSearch), parsed: MiniSearch's own serialisation.
   */
  index: {
    /**
     * Documents in the index.
     */
    documentCount: number;
    /**
     * MiniSearch's next internal id.
     */
    nextId: number;
    /**
     * Internal id to document id.
     */
    documentIds: {};
    /**
     * Field name to internal field id.
     */
    fieldIds: {};
    /**
     * Internal id to the stored fields of the document.
     */
    storedFields: {
      [k: string]: Stored;
    };
    /**
     * The inverted index: terms with their postings.
     */
    index: unknown[];
    /**
     * Version of MiniSearch's serialisation.
     */
    serializationVersion: number;
  };
}
/**
 * What a search hit carries: enough to show and link it.
 *
 * This interface was referenced by `ApiSearchIndex`'s JSON-Schema
 * via the `definition` "stored".
 */
export interface Stored {
  /**
   * module or block (a focus block of a built module).
   */
  kind: 'module' | 'block';
  /**
   * The module.
   */
  slug: string;
  /**
   * The module's or the block's title.
   */
  title: string;
  /**
   * For a block, its module's title.
   */
  module_title?: string;
  /**
   * The module's status.
   */
  status?: 'research' | 'outline' | 'draft' | 'review' | 'published';
  /**
   * Where to read it: the module document (with #block-id for a block), or the index for modules not built.
   */
  href: string;
}
