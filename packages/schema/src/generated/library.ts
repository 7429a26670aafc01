/* Generated from schemas/library.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * modules/library.yaml: the resource library as CSL YAML (what pandoc --citeproc reads), cited from modules with [@id] and from research sources by id.
 */
export interface ResourceLibrary {
  references: {
    id: string;
    type:
      'book' | 'article' | 'article-journal' | 'paper-conference' | 'report' | 'webpage' | 'post-weblog' | 'software';
    title: string;
    author?: {
      family?: string;
      given?: string;
      literal?: string;
    }[];
    issued?: {
      /**
       * @minItems 1
       * @maxItems 1
       */
      'date-parts': [[number] | [number, number] | [number, number, number]];
    };
    edition?: string | number;
    publisher?: string;
    'container-title'?: string;
    volume?: string | number;
    issue?: string | number;
    /**
     * Page range, CSL style: 886-897.
     */
    page?: string;
    /**
     * The bare DOI (10.1145/258533.258660), without https://doi.org/.
     */
    DOI?: string;
    URL?: string;
    /**
     * Comma-separated shelves of the seed's resource library: patterns, distributed-systems, online, code, research.
     */
    keyword?: string;
    note?: string;
  }[];
}
