/**
 * Hashed sparse features: jieba words (plus optional word bigrams), character n-grams within
 * punctuation-delimited segments, and telecom lexicon terms found despite a typo. Everything is
 * hashed (FNV-1a on UTF-16 code units, one seed per feature family) straight from the
 * characters, so extracting a short message allocates almost nothing.
 */

export interface FeatureConfig {
  /** log2 of the hash space. */
  bits: number;
  charMin: number;
  charMax: number;
  words: boolean;
  wordBigrams: boolean;
  lexicon: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  bits: 20,
  charMin: 1,
  charMax: 3,
  words: true,
  wordBigrams: false,
  lexicon: true,
};

/** Raw feature counts of one text: parallel arrays of bucket ids (each at most once) and counts. */
export interface FeatureCounts {
  idx: Int32Array;
  cnt: Float64Array;
}

const SEED_WORD = 0x811c9dc5;
const SEED_BIGRAM = 0x01000193 ^ 0x5bd1e995;
const SEED_CHAR = 0x9747b28c;

function hashString(seed: number, s: string): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hashCodes(seed: number, codes: Uint16Array, from: number, to: number): number {
  let h = seed | 0;
  for (let i = from; i < to; i++) {
    h ^= codes[i];
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche so near-identical n-grams spread over the table
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** Characters that end a segment: punctuation, whitespace, symbols. */
export function isBreakChar(c: number): boolean {
  if (c <= 0x2f) return true; // controls, space, !"#$%&'()*+,-./
  if (c >= 0x3a && c <= 0x40) return true; // :;<=>?@
  if (c >= 0x5b && c <= 0x60) return true; // [\]^_`
  if (c >= 0x7b && c <= 0x7f) return true; // {|}~
  if (c >= 0x2000 && c <= 0x206f) return true; // general punctuation (… “ ” — etc.)
  if (c >= 0x3000 && c <= 0x303f) return true; // CJK punctuation 。、「」《》
  if (c >= 0xff00 && c <= 0xff0f) return true;
  if (c >= 0xff1a && c <= 0xff20) return true;
  if (c >= 0xfe30 && c <= 0xfe4f) return true;
  if (c === 0xb7 || c === 0x2022 || c === 0xff5e) return true;
  return false;
}

function isContentToken(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (!isBreakChar(token.charCodeAt(i))) return true;
  return false;
}

/**
 * hashString(SEED_WORD, asciiLower(token)) for a token with content (isContentToken), -1 for one
 * without: one pass over the characters and no lower-cased copy, for the dozen words of every message.
 */
function contentWordHash(token: string): number {
  let h = SEED_WORD | 0;
  let content = false;
  for (let i = 0; i < token.length; i++) {
    let c = token.charCodeAt(i);
    if (!content && !isBreakChar(c)) content = true;
    if (c >= 65 && c <= 90) c += 32;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return content ? h >>> 0 : -1;
}

/** Extra word features found in the text (telecom terms written with a typo), with their offsets. */
export type LexiconFinder = (text: string) => Array<{ term: string; start: number }>;

/** Filler characters (see normalize.ts FILLER) keep texts aligned and are invisible to features. */
const FILLER_CODE = 1;

export interface Range {
  start: number;
  end: number;
}

/**
 * The model row of each hash bucket the model kept, with rows numbered in bucket order: a row is
 * the bucket's rank among the kept ones, read from a bitset with a running count every 32
 * buckets. 256 KiB for a 2^20 hash space, where a bucket-to-row table took 4 MiB and a cache
 * miss for nearly every n-gram.
 */
export class BucketRanks {
  /** Per 32 buckets: the bitset word, then the rank of its first bucket. */
  private readonly table: Int32Array;
  /** How many distinct buckets (rows). */
  readonly size: number;

  /** `buckets`: the kept buckets, in any order, repeats allowed. */
  constructor(buckets: Int32Array, bits: number) {
    const table = (this.table = new Int32Array(2 * Math.max(1, (1 << bits) >>> 5)));
    for (let r = 0; r < buckets.length; r++) table[2 * (buckets[r] >>> 5)] |= 1 << (buckets[r] & 31);
    let rank = 0;
    for (let w = 0; w < table.length; w += 2) {
      table[w + 1] = rank;
      rank += popcount(table[w]);
    }
    this.size = rank;
  }

  /** The row of bucket `b`, -1 when the model has none. */
  row(b: number): number {
    const w = 2 * (b >>> 5);
    const word = this.table[w];
    const bit = 1 << (b & 31);
    if ((word & bit) === 0) return -1;
    return this.table[w + 1] + popcount(word & (bit - 1));
  }
}

function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Accumulates counts in a dense scratch table and remembers which buckets were touched, so a
 * document costs O(features) and nothing is allocated per n-gram.
 */
export class FeatureExtractor {
  private readonly mask: number;
  private readonly scratch: Int32Array;
  private touched: Int32Array;
  private nTouched = 0;
  private codes = new Uint16Array(256);
  /** The counts of the clauses done so far in countsByClause, back to back. */
  private stagedIdx = new Int32Array(1024);
  private stagedCnt = new Float64Array(1024);
  private nStaged = 0;

  /**
   * Without `rows`, counts are indexed by hash bucket (training, before the vocabulary is
   * known). With them, by model row: buckets the model never saw are dropped on the spot, and the
   * scratch table is the size of the model rather than of the hash space (cache-friendly).
   */
  constructor(
    readonly config: FeatureConfig,
    private readonly lexicon?: LexiconFinder,
    private readonly rows?: BucketRanks,
    nRows = 0,
  ) {
    this.mask = (1 << config.bits) - 1;
    this.scratch = new Int32Array(rows ? Math.max(1, nRows) : 1 << config.bits);
    this.touched = new Int32Array(1024);
  }

  private add(h: number): void {
    let b = h & this.mask;
    if (this.rows) {
      b = this.rows.row(b);
      if (b < 0) return;
    }
    if (this.scratch[b] === 0) {
      if (this.nTouched === this.touched.length) {
        const bigger = new Int32Array(this.touched.length * 2);
        bigger.set(this.touched);
        this.touched = bigger;
      }
      this.touched[this.nTouched++] = b;
    }
    this.scratch[b] += 1;
  }

  /**
   * Feature counts for each clause of a text from one segmentation of the whole text.
   * `lower` is the aligned, lower-cased model text; `tokens` are the jieba tokens of the same
   * text (any case), concatenating to it; `ranges` are the clauses, in order; `hits` are lexicon
   * terms with their offsets. Filler characters are skipped: an n-gram runs across them.
   */
  countsByClause(lower: string, tokens: string[], ranges: Range[], hits: Array<{ term: string; start: number }>): FeatureCounts[] {
    const cfg = this.config;
    const ends: number[] = [];
    this.nStaged = 0;
    let t = 0;
    let pos = 0;
    let h = 0;
    for (const range of ranges) {
      this.nTouched = 0;
      // words starting inside the clause
      while (t < tokens.length && pos < range.start) pos += tokens[t++].length;
      if (cfg.words && !cfg.wordBigrams) {
        while (t < tokens.length && pos < range.end) {
          const raw = tokens[t++];
          pos += raw.length;
          const word = contentWordHash(raw);
          if (word >= 0) this.add(word);
        }
      } else if (cfg.words) {
        let prev: string | undefined;
        while (t < tokens.length && pos < range.end) {
          const raw = tokens[t++];
          pos += raw.length;
          if (!isContentToken(raw)) {
            if (raw.charCodeAt(0) !== FILLER_CODE) prev = undefined;
            continue;
          }
          const w = asciiLower(raw);
          this.add(hashString(SEED_WORD, w));
          if (cfg.wordBigrams && prev !== undefined) this.add(hashString(hashString(SEED_BIGRAM, prev) ^ 0x7f, w));
          prev = w;
        }
      }
      if (cfg.lexicon) {
        while (h < hits.length && hits[h].start < range.start) h++;
        while (h < hits.length && hits[h].start < range.end) this.add(hashString(SEED_WORD, hits[h++].term));
      }
      if (cfg.charMax > 0) this.charGrams(lower, range.start, range.end);
      this.stage();
      ends.push(this.nStaged);
    }
    // One pair of arrays for the whole text, each clause a view of its part: typed arrays of this
    // size live outside the JS heap, and allocating two per clause cost more than counting.
    const idx = this.stagedIdx.slice(0, this.nStaged);
    const cnt = this.stagedCnt.slice(0, this.nStaged);
    const out: FeatureCounts[] = [];
    let from = 0;
    for (const end of ends) {
      out.push({ idx: new Int32Array(idx.buffer, from * 4, end - from), cnt: new Float64Array(cnt.buffer, from * 8, end - from) });
      from = end;
    }
    return out;
  }

  /** Character n-grams within punctuation-free segments of text[from, to), fillers skipped. */
  private charGrams(text: string, from: number, to: number): void {
    const codes = this.codes.length >= to - from ? this.codes : (this.codes = new Uint16Array(to - from));
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === FILLER_CODE) continue;
      if (isBreakChar(c)) {
        this.segmentGrams(codes, n);
        n = 0;
      } else codes[n++] = c;
    }
    this.segmentGrams(codes, n);
  }

  /** The n-grams of one segment, codes[0, n). */
  private segmentGrams(codes: Uint16Array, n: number): void {
    const cfg = this.config;
    for (let s = 0; s < n; s++) {
      for (let len = cfg.charMin; len <= cfg.charMax && s + len <= n; len++) this.add(hashCodes(SEED_CHAR + len, codes, s, s + len));
    }
  }

  /** Moves the touched counts, in first-touched order, behind those staged before; the scratch table is left zeroed. */
  private stage(): void {
    const n = this.nTouched;
    let at = this.nStaged;
    if (at + n > this.stagedIdx.length) {
      const size = Math.max(this.stagedIdx.length * 2, at + n);
      const idx = new Int32Array(size);
      const cnt = new Float64Array(size);
      idx.set(this.stagedIdx.subarray(0, at));
      cnt.set(this.stagedCnt.subarray(0, at));
      this.stagedIdx = idx;
      this.stagedCnt = cnt;
    }
    for (let k = 0; k < n; k++) {
      const b = this.touched[k];
      this.stagedIdx[at] = b;
      this.stagedCnt[at++] = this.scratch[b];
      this.scratch[b] = 0;
    }
    this.nStaged = at;
    this.nTouched = 0;
  }
}

/** Lower-cases ASCII letters only, so the text keeps its length. */
export function asciiLower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return s;
}

/**
 * Adds up feature counts (of the clauses of one text). `scratch` must be zero-filled and cover
 * every index used; it is left zero-filled.
 */
export function sumCounts(parts: FeatureCounts[], from: number, to: number, scratch: Float64Array): FeatureCounts {
  if (to - from === 1) return parts[from];
  if (to <= from) return { idx: new Int32Array(0), cnt: new Float64Array(0) };
  let n = 0;
  for (let p = from; p < to; p++) n += parts[p].idx.length;
  const idx = new Int32Array(n);
  let k = 0;
  for (let p = from; p < to; p++) {
    const part = parts[p];
    for (let j = 0; j < part.idx.length; j++) {
      const b = part.idx[j];
      if (scratch[b] === 0) idx[k++] = b;
      scratch[b] += part.cnt[j];
    }
  }
  const cnt = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    cnt[j] = scratch[idx[j]];
    scratch[idx[j]] = 0;
  }
  return { idx: idx.subarray(0, k), cnt };
}

/** A sparse, L2-normalised tf-idf vector over the model's compact rows. */
export interface SparseVector {
  rows: Int32Array;
  val: Float64Array;
}

/**
 * Sublinear tf-idf over the rows known to the model (buckets unseen in training are dropped,
 * as a vocabulary-based vectoriser would), then L2 normalisation. `rowOf` maps buckets to rows;
 * null when the counts are already indexed by row.
 */
export function tfidf(counts: FeatureCounts, rowOf: Int32Array | null, idf: Float32Array | Float64Array): SparseVector {
  const rows = new Int32Array(counts.idx.length);
  const val = new Float64Array(counts.idx.length);
  let n = 0;
  let norm = 0;
  for (let k = 0; k < counts.idx.length; k++) {
    const r = rowOf ? rowOf[counts.idx[k]] : counts.idx[k];
    if (r < 0) continue;
    const v = (1 + Math.log(counts.cnt[k])) * idf[r];
    rows[n] = r;
    val[n] = v;
    norm += v * v;
    n++;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < n; k++) val[k] *= inv;
  return { rows: rows.subarray(0, n), val: val.subarray(0, n) };
}
