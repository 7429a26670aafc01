/**
 * The answer key as the player carries it: its JSON with every printable ASCII
 * character swapped for another by a permutation drawn from the seed
 * (Fisher–Yates over xorshift32, seeded by an FNV-1a hash). The player
 * (assets/player.js, `unseal`) reverses it with the same seed. A substitution
 * rather than a keystream: repeated text stays repeated, so the zip still
 * compresses the sealed model answers as well as it did the plain ones.
 * This keeps the key out of the page's source, its DOM and a text search; it
 * is an encoding, not encryption: the script that grades holds everything
 * needed to read it (see the README, "What the sealed key protects").
 */
export function sealAnswerKey(value: unknown, seed: string): string {
  const table = permutation(seed);
  return mapPrintable(JSON.stringify(value), (code) => table[code - first]!);
}

/** The inverse of sealAnswerKey (what the player's `unseal` does). */
export function unsealAnswerKey(sealed: string, seed: string): unknown {
  const table = permutation(seed);
  const inverse = new Array<number>(table.length);
  table.forEach((code, index) => (inverse[code - first] = index + first));
  return JSON.parse(mapPrintable(sealed, (code) => inverse[code - first]!));
}

const first = 0x20;
const count = 0x7f - first;

function mapPrintable(text: string, map: (code: number) => number): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    out += code >= first && code < first + count ? String.fromCharCode(map(code)) : text.charAt(index);
  }
  return out;
}

/** Printable ASCII (0x20–0x7e) shuffled by the seed's stream: table[c - 0x20] is what c becomes. */
function permutation(seed: string): number[] {
  let state = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) state = Math.imul(state ^ seed.charCodeAt(index), 0x01000193) >>> 0;
  if (state === 0) state = 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const table = Array.from({ length: count }, (_, index) => index + first);
  for (let index = count - 1; index > 0; index--) {
    const other = next() % (index + 1);
    [table[index], table[other]] = [table[other]!, table[index]!];
  }
  return table;
}
