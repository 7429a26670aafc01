import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so two equal values give one text whatever
 * order their properties were built in; `undefined` members are dropped as
 * JSON.stringify drops them.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    if (item instanceof Map) return Object.fromEntries([...item.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))));
    if (item instanceof Set) return [...item].sort();
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

/** sha256 (hex) of every part, each as stable JSON, each delimited so ['ab','c'] and ['a','bc'] differ. */
export function cacheKey(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const text = stableJson(part) ?? 'undefined';
    hash.update(`${text.length}:${text}\n`);
  }
  return hash.digest('hex');
}
