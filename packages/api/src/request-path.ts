/** Why a request path is refused, or undefined when it is safe to look up under the served root. */
export function pathProblem(rawUrl: string): string | undefined {
  const rawPath = rawUrl.split('?', 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return 'the path must start with /';
  if (rawPath.startsWith('//')) return 'absolute or protocol-relative paths are refused';
  // Decode as often as anything still decodes: a double-encoded ../ must not slip past a single decode.
  let current = rawPath;
  for (let round = 0; round < 4; round++) {
    const problem = decodedProblem(current);
    if (problem) return problem;
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return 'the path is not valid percent-encoding';
    }
    if (next === current) return undefined;
    current = next;
  }
  return 'the path is encoded too many times';
}

function decodedProblem(candidate: string): string | undefined {
  if (candidate.includes('\\')) return 'backslashes are refused';
  if (candidate.includes('\0')) return 'NUL bytes are refused';
  if (/^\/*[a-z]:/i.test(candidate)) return 'drive-letter paths are refused';
  if (candidate.split('/').some((segment) => segment === '..')) return 'parent-folder segments (..) are refused';
  if (candidate.startsWith('//')) return 'absolute or protocol-relative paths are refused';
  return undefined;
}
