/* Generated from schemas/api/error.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * The JSON body press serve answers with for a refused path (400), an unknown path (404), a method other than GET, HEAD or OPTIONS (405), a failed If-Match (412), a Range past the end (416) or a failure of its own (500).
 */
export interface ApiError {
  /**
   * The HTTP status, repeated.
   */
  status: number;
  /**
   * What went wrong, for programs: bad_path (400), not_found (404), method_not_allowed (405), precondition_failed (412), range_not_satisfiable (416), server_error (500).
   */
  error:
    'not_found' | 'method_not_allowed' | 'bad_path' | 'precondition_failed' | 'range_not_satisfiable' | 'server_error';
  /**
   * What went wrong, for people.
   */
  message: string;
  /**
   * The request path, as received.
   */
  path?: string;
}
