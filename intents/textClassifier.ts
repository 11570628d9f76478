/**
 * The text classifier: boilerplate stripping → normalisation → hashed features → sublinear
 * tf-idf (L2) → multinomial logistic regression. Trains on any label set; the built-in model
 * is this class trained on the five categories plus `none` (training is in training.ts).
 */
import * as fs from 'fs';
import { BoilerplateStripper } from './boilerplate';
import type { FragmentHeadFile } from './fragmentHead';
import { asciiLower, BucketRanks, FeatureConfig, FeatureCounts, FeatureExtractor, type SparseVector } from './features';
import { Clause, splitClauses } from './grievances';
import { misspeltTelecomHits } from './lexicons';
import type { LinearTrainOptions } from './linearModel';
import { alignedModelText, normalizeText } from './normalize';
import { cutWords } from './tokenizer';

export const MODEL_FORMAT = 'complaint-desk/linear-text-classifier';

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: 1;
  labels: string[];
  features: FeatureConfig;
  minDf: number;
  boilerplate: string[];
  documents: number;
  perLabel: Record<string, number>;
  training: Omit<LinearTrainOptions, 'onEpoch'>;
  /** How the training settings were chosen: each candidate's internal cross-validated accuracy. */
  selection?: SelectionRecord;
  /** Little-endian base64 arrays: hash buckets kept (one per row), their idf, and row-major weights. */
  buckets: string;
  idf: string;
  weights: string;
  bias: number[];
  /** Whether a clause carries a grievance of its own, read from the same rows (fragmentHead.ts). */
  fragmentHead?: FragmentHeadFile;
}

export interface SelectionRecord {
  folds: number;
  candidates: Array<{ l2: number; accuracy: number }>;
}

export interface Example {
  text: string;
  label: string;
}

/**
 * A text cut into clauses with the features of each clause. The features of a text are the sum
 * of its clauses' features (n-grams never cross punctuation anyway), so a message is segmented
 * and featurised once and any run of its clauses can then be classified without cutting again.
 */
export interface Analysis {
  readable: string;
  clauses: Clause[];
  /** Feature counts per clause, indexed by model row (features the model never saw are gone). */
  counts: FeatureCounts[];
  /** The one cut the counts came from, kept so that parts of a clause can be counted without cutting again. */
  cut?: Cut;
}

/** The lower-cased model text, its jieba words and its lexicon hits, over the whole message. */
interface Cut {
  lower: string;
  tokens: string[];
  hits: Array<{ term: string; start: number }>;
}

export interface Prediction {
  label: string;
  confidence: number;
  /** Probability per label, in `labels` order. */
  probs: Float64Array;
}

export function toBase64(array: Int32Array | Float32Array): string {
  const buf = Buffer.alloc(array.length * 4);
  if (array instanceof Int32Array) array.forEach((v, i) => buf.writeInt32LE(v, i * 4));
  else array.forEach((v, i) => buf.writeFloatLE(v, i * 4));
  return buf.toString('base64');
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function fromBase64Int32(text: string): Int32Array {
  const buf = Buffer.from(text, 'base64');
  if (LITTLE_ENDIAN) return new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  const out = new Int32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt32LE(i * 4);
  return out;
}

function fromBase64Float32(text: string): Float32Array {
  const buf = Buffer.from(text, 'base64');
  if (LITTLE_ENDIAN) return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  const out = new Float32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

/**
 * 1 + ln(n) for the small whole counts nearly every feature has: the same numbers Math.log
 * gives, looked up instead of computed for every row of every span read.
 */
const SUBLINEAR_TF = Float64Array.from({ length: 64 }, (_, n) => 1 + Math.log(n));

function sublinearTf(count: number): number {
  return count < SUBLINEAR_TF.length && count === (count | 0) ? SUBLINEAR_TF[count] : 1 + Math.log(count);
}

export class TextClassifier {
  readonly labels: string[];
  private readonly extractor: FeatureExtractor;
  private readonly stripper: BoilerplateStripper;
  /**
   * Per model row, one 64-byte cache line: the running count of predictSpan, the idf, the
   * label weights (padded): one miss per feature where three arrays took three.
   */
  private readonly rowTable: Float64Array;
  private readonly stride: number;
  private readonly bias: Float32Array;
  private touchedRows = new Int32Array(1024);
  private readonly rows: number;
  private readonly fragment?: { weights: Float32Array; bias: Float32Array; threshold: number };

  constructor(readonly file: ModelFile) {
    if (file.format !== MODEL_FORMAT || file.version !== 1) {
      throw new Error(`not a complaint-desk model (format ${String(file.format)}, version ${String(file.version)})`);
    }
    this.labels = file.labels;
    this.stripper = new BoilerplateStripper(file.boilerplate);
    const buckets = fromBase64Int32(file.buckets);
    const idf = fromBase64Float32(file.idf);
    const weights = fromBase64Float32(file.weights);
    const C = file.labels.length;
    if (idf.length !== buckets.length || weights.length !== buckets.length * C || file.bias.length !== C) {
      throw new Error('corrupt model: array sizes do not match');
    }
    // Rows renumbered in bucket order (BucketRanks); a bucket listed twice keeps its last row.
    const ranks = new BucketRanks(buckets, file.features.bits);
    this.stride = (C + 2 + 7) & ~7;
    const S = this.stride;
    const table = (this.rowTable = new Float64Array(ranks.size * S));
    for (let r = 0; r < buckets.length; r++) {
      const at = ranks.row(buckets[r]) * S;
      table[at + 1] = idf[r];
      for (let c = 0; c < C; c++) table[at + 2 + c] = weights[r * C + c];
    }
    this.extractor = new FeatureExtractor(file.features, misspeltTelecomHits, ranks, ranks.size);
    this.bias = Float32Array.from(file.bias);
    this.rows = ranks.size;
    if (file.fragmentHead) {
      const head = file.fragmentHead;
      const w = fromBase64Float32(head.weights);
      if (w.length !== ranks.size * 2 || head.bias.length !== 2) throw new Error('corrupt model: fragment head sizes do not match');
      this.fragment = { weights: w, bias: Float32Array.from(head.bias), threshold: head.threshold };
    }
  }

  static load(path: string): TextClassifier {
    let raw: string;
    try {
      raw = fs.readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`cannot read model ${path}: ${(err as Error).message}`, { cause: err });
    }
    let parsed: ModelFile;
    try {
      parsed = JSON.parse(raw) as ModelFile;
    } catch {
      throw new Error(`model ${path} is not valid JSON`);
    }
    return new TextClassifier(parsed);
  }

  save(path: string): void {
    fs.writeFileSync(path, JSON.stringify(this.file));
  }

  /** Cuts a readable (normalised) text into clauses and featurises each. */
  analyze(readable: string): Analysis {
    const { clauses, counts, cut } = analyzeWith(this.extractor, this.stripper, readable);
    return { readable, clauses, counts, cut };
  }

  /**
   * Feature counts of ranges of an analysed text (in order, not overlapping), from the cut made
   * for the whole message; a text that had to be cut clause by clause is cut again per range.
   */
  countRanges(analysis: Analysis, ranges: Array<{ start: number; end: number }>): FeatureCounts[] {
    const cut = analysis.cut;
    if (cut) return this.extractor.countsByClause(cut.lower, cut.tokens, ranges, cut.hits);
    return ranges.map((r) => {
      const part = analyzeWith(this.extractor, this.stripper, analysis.readable.slice(r.start, r.end));
      return part.counts.length === 1 ? part.counts[0] : sumCounts(part.counts);
    });
  }

  /** Classifies clauses [from, to) of an analysed text (default: all of it). */
  predictSpan(analysis: Analysis, from = 0, to = analysis.clauses.length): Prediction {
    // Weight the counts by sublinear tf-idf, L2-normalise and score, without allocating anything
    // but the answer (this runs several times per message). Same arithmetic as tfidf() +
    // predictProba() used in training.
    const C = this.labels.length;
    const probs = new Float64Array(C);
    const norm = to - from === 1 ? this.scoreCounts(analysis.counts[from], probs) : this.scoreSum(analysis.counts, from, to, probs);
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      probs[c] = this.bias[c] + probs[c] * inv;
      if (probs[c] > max) max = probs[c];
    }
    let sum = 0;
    for (let c = 0; c < C; c++) sum += probs[c] = Math.exp(probs[c] - max);
    let best = 0;
    for (let c = 0; c < C; c++) {
      probs[c] /= sum;
      if (probs[c] > probs[best]) best = c;
    }
    return { label: this.labels[best], confidence: probs[best], probs };
  }

  /** Rows of the model: the features it kept (in ascending bucket order). */
  get rowCount(): number {
    return this.rows;
  }

  /** Whether the model has a fragment head (models trained before it, or without its clauses, do not). */
  get readsFragments(): boolean {
    return this.fragment !== undefined;
  }

  /** How sure the fragment head is that clauses [from, to) carry no grievance of their own; 0 without a head. */
  fragmentProbability(analysis: Analysis, from: number, to = from + 1): number {
    const head = this.fragment;
    if (!head) return 0;
    const { idx, cnt } = to - from === 1 ? analysis.counts[from] : sumCounts(analysis.counts.slice(from, to));
    const T = this.rowTable;
    const S = this.stride;
    const H = head.weights;
    let s0 = 0;
    let s1 = 0;
    let norm = 0;
    for (let j = 0; j < idx.length; j++) {
      const row = idx[j];
      const v = sublinearTf(cnt[j]) * T[row * S + 1];
      norm += v * v;
      s0 += H[row * 2] * v;
      s1 += H[row * 2 + 1] * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return 1 / (1 + Math.exp(head.bias[0] + s0 * inv - (head.bias[1] + s1 * inv)));
  }

  /** The fragment head's verdict at the threshold chosen in training (fragmentHead.ts isFragmentSpan adds the written rules). */
  headSaysFragment(analysis: Analysis, from: number, to = from + 1): boolean {
    return this.fragment !== undefined && this.fragmentProbability(analysis, from, to) >= this.fragment.threshold;
  }

  /** The tf-idf vector of clauses [from, to), as training reads it (tfidf() over the model's rows). */
  spanVector(analysis: Analysis, from = 0, to = analysis.clauses.length): SparseVector {
    const { idx, cnt } = to - from === 1 ? analysis.counts[from] : sumCounts(analysis.counts.slice(from, to));
    const rows = Int32Array.from(idx);
    const val = new Float64Array(idx.length);
    let norm = 0;
    for (let j = 0; j < idx.length; j++) {
      val[j] = sublinearTf(cnt[j]) * this.rowTable[idx[j] * this.stride + 1];
      norm += val[j] * val[j];
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < val.length; j++) val[j] *= inv;
    return { rows, val };
  }

  /** One clause: its rows are each listed once, so they are scored as they come. */
  private scoreCounts({ idx, cnt }: FeatureCounts, probs: Float64Array): number {
    const T = this.rowTable;
    const S = this.stride;
    const C = probs.length;
    let norm = 0;
    for (let j = 0; j < idx.length; j++) {
      const at = idx[j] * S;
      const v = sublinearTf(cnt[j]) * T[at + 1];
      norm += v * v;
      for (let c = 0; c < C; c++) probs[c] += T[at + 2 + c] * v;
    }
    return norm;
  }

  /** Several clauses: their counts summed per row first (in the rows' own slots), then scored in first-seen order. */
  private scoreSum(counts: FeatureCounts[], from: number, to: number, probs: Float64Array): number {
    const T = this.rowTable;
    const S = this.stride;
    const C = probs.length;
    let touched = this.touchedRows;
    let n = 0;
    for (let p = from; p < to; p++) {
      const { idx, cnt } = counts[p];
      if (n + idx.length > touched.length) {
        const bigger = new Int32Array(Math.max(touched.length * 2, n + idx.length));
        bigger.set(touched.subarray(0, n));
        touched = this.touchedRows = bigger;
      }
      for (let j = 0; j < idx.length; j++) {
        const at = idx[j] * S;
        if (T[at] === 0) touched[n++] = at;
        T[at] += cnt[j];
      }
    }
    let norm = 0;
    for (let k = 0; k < n; k++) {
      const at = touched[k];
      const v = sublinearTf(T[at]) * T[at + 1];
      T[at] = 0;
      norm += v * v;
      for (let c = 0; c < C; c++) probs[c] += T[at + 2 + c] * v;
    }
    return norm;
  }

  /** Classifies a raw message. */
  predict(raw: string): Prediction {
    return this.predictSpan(this.analyze(normalizeText(raw)));
  }
}

export function analyzeWith(
  extractor: FeatureExtractor,
  stripper: BoilerplateStripper,
  readable: string,
): { clauses: Clause[]; counts: FeatureCounts[]; cut?: Cut } {
  const clauses = splitClauses(readable);
  if (clauses.length === 0) return { clauses, counts: [] };
  // One aligned model text for the whole message (same offsets as the readable text), one jieba
  // cut and one lexicon scan; the features are then dealt out to the clauses by offset.
  const cased = alignedModelText(stripper.stripAligned(readable));
  const lower = asciiLower(cased);
  const cfg = extractor.config;
  const tokens = cfg.words ? cutWords(cased) : [];
  const hits = cfg.lexicon ? misspeltTelecomHits(lower) : [];
  let total = 0;
  for (const t of tokens) total += t.length;
  if (!cfg.words || total === cased.length)
    return { clauses, counts: extractor.countsByClause(lower, tokens, clauses, hits), cut: { lower, tokens, hits } };
  // jieba keeps every character; should a malformed string ever lose one, go clause by clause
  const counts = clauses.map(
    (c) =>
      extractor.countsByClause(
        lower.slice(c.start, c.end),
        cutWords(cased.slice(c.start, c.end)),
        [{ start: 0, end: c.end - c.start }],
        hits.filter((h) => h.start >= c.start && h.start < c.end).map((h) => ({ term: h.term, start: h.start - c.start })),
      )[0],
  );
  return { clauses, counts };
}

/** The counts of several clauses as one (rows in first-seen order). */
function sumCounts(parts: FeatureCounts[]): FeatureCounts {
  const sums = new Map<number, number>();
  for (const { idx, cnt } of parts) for (let j = 0; j < idx.length; j++) sums.set(idx[j], (sums.get(idx[j]) ?? 0) + cnt[j]);
  return { idx: Int32Array.from(sums.keys()), cnt: Float64Array.from(sums.values()) };
}
