/* Generated from schemas/api/openapi.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API. Its full validation is the OpenAPI specification's own schema; this one checks the outline.
 */
export interface ApiOpenApi {
  /**
   * The OpenAPI version.
   */
  openapi: '3.1.0';
  /**
   * Title, version and description of the API.
   */
  info: {
    /**
     * The API's name.
     */
    title: string;
    /**
     * The version of the document.
     */
    version: string;
  };
  /**
   * Where the paths are served.
   *
   * @minItems 1
   */
  servers: [
    {
      /**
       * The base URL; / for press serve.
       */
      url: string;
    },
    ...{
      /**
       * The base URL; / for press serve.
       */
      url: string;
    }[]
  ];
  /**
   * Every route press serve answers for this build.
   */
  paths: {};
  /**
   * Schemas, parameters, headers and responses the paths refer to.
   */
  components: {
    /**
     * The JSON Schemas of the documents, by name.
     */
    schemas: {};
  };
}
