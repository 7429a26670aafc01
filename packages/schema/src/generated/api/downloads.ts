/* Generated from schemas/api/downloads.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * What the download is, as the output that made it names it: pdf (a module or the handbook), epub and docx (the handbook), scorm-1.2 or scorm-2004 (a SCORM package), slides-html (a deck's index.html), slides-pdf, slides-pptx; a format added to the build brings its own name.
 *
 * This interface was referenced by `ApiDownloads`'s JSON-Schema
 * via the `definition` "format".
 */
export type Format = string;

/**
 * GET /api/v1/downloads.json: every download the build wrote under dist/pdf, dist/scorm and dist/slides, per module (every module, an empty list when it has none) and for the whole collection (the handbook, the course packages). Only what a person takes away is listed: a deck's own CSS, scripts and licence files are not.
 */
export interface ApiDownloads {
  /**
   * Every module of the catalog, in catalog order, with its downloads.
   */
  modules: {
    /**
     * The module.
     */
    slug: string;
    /**
     * The module's downloads, by path.
     */
    artifacts: Artifact[];
  }[];
  /**
   * Downloads that belong to no single module (the handbook, the course SCORM packages).
   */
  collection: Artifact[];
}
/**
 * One downloadable file.
 *
 * This interface was referenced by `ApiDownloads`'s JSON-Schema
 * via the `definition` "artifact".
 */
export interface Artifact {
  /**
   * What the download is.
   */
  format: string;
  /**
   * Its media type, as press serve sends it (without parameters).
   */
  media_type: string;
  /**
   * Where press serve answers it.
   */
  path: string;
  /**
   * Its size.
   */
  bytes: number;
  /**
   * SHA-256 of its bytes, in hex.
   */
  sha256: string;
}
