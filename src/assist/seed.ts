/**
 * FNV-1a (32 bit) with a final avalanche step (MurmurHash3's fmix32). Plain FNV-1a is poor in
 * its low bits — modulo 2 it is just the parity of the character codes — and choices here are
 * often among two or three variants.
 */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
