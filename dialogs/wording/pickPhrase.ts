/**
 * Deterministic choice among variants: the same seed always gives the same line (stable tests,
 * a resumed conversation hears the same words), while different conversations and turns vary.
 */
export function pickPhrase(variants: readonly string[], seed: string): string {
  if (variants.length === 0) throw new Error('pickPhrase: no variants');
  return variants[fnv1a(seed) % variants.length];
}

/** FNV-1a, 32 bit: tiny, dependency-free and spreads short similar seeds well enough. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
