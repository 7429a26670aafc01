/**
 * JSON that gives back exactly the value it was made from. Parsed documents
 * are JSON-like, but YAML can write what JSON cannot: `.nan`, `.inf`, `-0`,
 * and the parsers may leave `undefined` members. Such a value is written with
 * tags (`{"\u0000": "NaN"}`; keys starting with NUL get one more) and read
 * back by a walk; everything else is plain JSON, read by JSON.parse alone.
 * Values JSON cannot describe at all (a Date, a Map, a class instance, a
 * BigInt) make `encode` give up: the caller then does not cache.
 */

const tag = '\u0000';

type Verdict = 'plain' | 'tagged' | 'unsupported';

function verdictOf(value: unknown, depth = 0): Verdict {
  if (depth > 1000) return 'unsupported';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return 'plain';
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? 'plain' : 'tagged';
    case 'undefined':
      return 'tagged';
    case 'object': {
      if (value === null) return 'plain';
      let verdict: Verdict = 'plain';
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return 'unsupported';
        for (let index = 0; index < value.length; index++) {
          if (!(index in value)) verdict = 'tagged';
          else {
            const inner = verdictOf(value[index], depth + 1);
            if (inner === 'unsupported') return inner;
            if (inner === 'tagged') verdict = 'tagged';
          }
        }
        return verdict;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return 'unsupported';
      for (const key of Object.keys(value)) {
        if (key.startsWith(tag)) verdict = 'tagged';
        const inner = verdictOf((value as Record<string, unknown>)[key], depth + 1);
        if (inner === 'unsupported') return inner;
        if (inner === 'tagged') verdict = 'tagged';
      }
      return verdict;
    }
    default:
      return 'unsupported';
  }
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // Not `target[key] = value`: a `__proto__` key must stay an own property, as JSON.parse makes it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function special(name: string): unknown {
  return { [tag]: name };
}

function toTagged(value: unknown): unknown {
  if (value === undefined) return special('undefined');
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return special('NaN');
    if (value === Infinity) return special('Infinity');
    if (value === -Infinity) return special('-Infinity');
    if (Object.is(value, -0)) return special('-0');
    return value;
  }
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, index) => (index in value ? toTagged(value[index]) : special('hole')));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) define(out, key.startsWith(tag) ? `${tag}${key}` : key, toTagged((value as Record<string, unknown>)[key]));
    return out;
  }
  return value;
}

const specials: Record<string, unknown> = { undefined, NaN, Infinity, '-Infinity': -Infinity, '-0': -0 };

function isSpecial(value: unknown): value is Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === tag;
}

function fromTagged(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    value.forEach((item, index) => {
      if (isSpecial(item) && item[tag] === 'hole') return;
      out[index] = fromTagged(item);
    });
    return out;
  }
  if (value !== null && typeof value === 'object') {
    if (isSpecial(value)) {
      const name = value[tag]!;
      if (!(name in specials)) throw new Error(`unknown tag ${JSON.stringify(name)}`);
      return specials[name];
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) define(out, key.startsWith(tag) ? key.slice(1) : key, fromTagged((value as Record<string, unknown>)[key]));
    return out;
  }
  return value;
}

/** `value` as `{ tagged, value }` ready for JSON.stringify, or undefined when JSON cannot hold it exactly. */
export function encodeExact(value: unknown): { tagged: boolean; value: unknown } | undefined {
  const verdict = verdictOf(value);
  if (verdict === 'unsupported') return undefined;
  return verdict === 'plain' ? { tagged: false, value } : { tagged: true, value: toTagged(value) };
}

/** The value `encodeExact` was given, from what JSON.parse read of its result. */
export function decodeExact(encoded: { tagged: boolean; value: unknown }): unknown {
  return encoded.tagged ? fromTagged(encoded.value) : encoded.value;
}
