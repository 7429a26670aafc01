/**
 * Which URLs a module may use, for every output alike: http, https and
 * mailto, or a path relative to module.md (a file beside it, another
 * module, an anchor). Everything else (javascript:, data:, file:, vbscript:,
 * blob:, protocol-relative //host, ...) runs code or reads the reader's
 * machine in some viewer, so it is refused.
 */
export const allowedSchemes: readonly string[] = ['http', 'https', 'mailto'];

/**
 * Browsers and PDF viewers drop ASCII tabs, newlines and other control
 * characters inside a URL before reading its scheme, and ignore leading
 * spaces: `java\tscript:` is `javascript:` to them, so it is to us.
 */
function normalisedForScheme(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').replace(/^[\s\u00a0\ufeff]+/, '');
}

/** The scheme of a URL as a browser reads it (lower case), or undefined when the URL is relative. */
export function urlScheme(url: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(normalisedForScheme(url));
  return match ? match[1]!.toLowerCase() : undefined;
}

/**
 * Why a URL may not appear in any output, or undefined when it may. `url` is
 * the URL as the Markdown parser decoded it (entities and escapes resolved).
 */
export function linkUrlProblem(url: string): string | undefined {
  const scheme = urlScheme(url);
  if (scheme !== undefined) {
    return allowedSchemes.includes(scheme) ? undefined : `\`${scheme}:\` links are not allowed`;
  }
  const bare = normalisedForScheme(url);
  if (bare.startsWith('//') || bare.startsWith('\\\\') || bare.startsWith('/\\') || bare.startsWith('\\/')) {
    return 'protocol-relative links (`//host/...`) are not allowed: write the full https:// address';
  }
  if (bare.startsWith('/') || bare.startsWith('\\')) return 'absolute paths are not allowed: link files beside module.md by a relative path';
  return undefined;
}

/** Whether a URL may appear in an output (see linkUrlProblem). */
export function isAllowedLinkUrl(url: string): boolean {
  return linkUrlProblem(url) === undefined;
}
