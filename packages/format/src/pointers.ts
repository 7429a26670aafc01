import type { Place } from '@pattern-press/diagnostics';

export interface PointerPlace {
  /** Where the value starts. */
  value: Place;
  /** Where its key starts, for mapping entries (unknown keys are reported there). */
  key?: Place;
}

/**
 * JSON Pointer (RFC 6901) → source place, for every value whose origin we know.
 * Lookups fall back to the nearest ancestor, so a schema error deep inside a
 * value still lands on the closest thing the author wrote.
 */
export class PointerMap {
  readonly #places = new Map<string, PointerPlace>();

  set(pointer: string, place: PointerPlace): void {
    this.#places.set(pointer, place);
  }

  has(pointer: string): boolean {
    return this.#places.has(pointer);
  }

  get(pointer: string): PointerPlace | undefined {
    return this.#places.get(pointer);
  }

  /** The place of `pointer`, or of its nearest ancestor that has one. */
  lookup(pointer: string): PointerPlace | undefined {
    let current = pointer;
    for (;;) {
      const place = this.#places.get(current);
      if (place) return place;
      if (current === '') return undefined;
      current = current.slice(0, current.lastIndexOf('/'));
    }
  }

  entries(): [string, PointerPlace][] {
    return [...this.#places];
  }

  /** Copies every entry under `from` to the same relative pointer under `to`. */
  move(from: string, to: string): void {
    for (const [pointer, place] of [...this.#places]) {
      if (pointer === from || pointer.startsWith(`${from}/`)) this.#places.set(to + pointer.slice(from.length), place);
    }
  }
}

function escapePointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((segment) => `/${escapePointerSegment(segment)}`).join('');
}

export function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
