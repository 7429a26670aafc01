/**
 * The answer key as the player carries it: JSON, XORed with a keystream drawn
 * from the seed (xorshift32 over an FNV-1a hash), then base64. The player
 * (assets/player.js, `unseal`) reverses it with the same seed. This keeps the
 * key out of the page's source, its DOM and a text search; it is an encoding,
 * not encryption: the script that grades holds everything needed to read it
 * (see the README, "What the sealed key protects").
 */
export function sealAnswerKey(value: unknown, seed: string): string {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  const stream = keystream(seed);
  for (let index = 0; index < bytes.length; index++) bytes[index] = bytes[index]! ^ stream();
  return bytes.toString('base64');
}

/** The inverse of sealAnswerKey (the player's `unseal`, for tests and tools). */
export function unsealAnswerKey(sealed: string, seed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64');
  const stream = keystream(seed);
  for (let index = 0; index < bytes.length; index++) bytes[index] = bytes[index]! ^ stream();
  return JSON.parse(bytes.toString('utf8'));
}

function keystream(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) state = Math.imul(state ^ seed.charCodeAt(index), 0x01000193) >>> 0;
  if (state === 0) state = 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 0xff;
  };
}
