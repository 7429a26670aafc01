import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `value`, when it is close enough to be a likely
 * typo (at most a third of the word's letters differ).
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const needle = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(needle.length, best.length) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** "did you mean `x`?" when a close candidate exists. */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(value, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}
