/**
 * A training set featurised once (normalise → strip boilerplate → hashed counts per example),
 * so that the final model and every internal cross-validation fit reuse the same counts: only
 * the vocabulary, the idf and the linear fit depend on which examples a fit sees.
 */
import { BoilerplateStripper, learnBoilerplate } from './boilerplate';
import { FeatureConfig, FeatureCounts, FeatureExtractor, SparseVector, sumCounts, tfidf } from './features';
import { misspeltTelecomHits } from './lexicons';
import { LinearTrainOptions, LinearWeights, trainLinear } from './linearModel';
import { normalizeText } from './normalize';
import { analyzeWith, type Example } from './textClassifier';

export type Progress = (stage: string, done: number, total: number) => void;

export interface FeaturisedSet {
  labels: string[];
  /** Label index of each example. */
  ys: Int32Array;
  /** Feature counts of each example, by hash bucket. */
  counts: FeatureCounts[];
  features: FeatureConfig;
  boilerplate: string[];
}

export function featurise(examples: Example[], features: FeatureConfig, boilerplate: boolean, progress: Progress): FeaturisedSet {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const readable = examples.map((e) => normalizeText(e.text));
  const learnt = boilerplate
    ? learnBoilerplate(
        readable,
        examples.map((e) => e.label),
      )
    : [];
  const stripper = new BoilerplateStripper(learnt);
  const extractor = new FeatureExtractor(features, misspeltTelecomHits);
  const scratch = new Float64Array(1 << features.bits);
  const counts = readable.map((text, i) => {
    if (i % 200 === 0) progress('features', i, readable.length);
    const analysis = analyzeWith(extractor, stripper, text);
    return sumCounts(analysis.counts, 0, analysis.counts.length, scratch);
  });
  progress('features', readable.length, readable.length);
  return { labels, ys: Int32Array.from(examples.map((e) => labelIndex.get(e.label)!)), counts, features, boilerplate: learnt };
}

/** The model's rows (buckets seen in at least `minDf` of the given examples) and their idf. */
export interface Vocabulary {
  buckets: Int32Array;
  rowOf: Int32Array;
  idf: Float32Array;
}

export function vocabulary(set: FeaturisedSet, docs: ArrayLike<number>, minDf: number): Vocabulary {
  const df = new Map<number, number>();
  for (let d = 0; d < docs.length; d++) {
    const { idx } = set.counts[docs[d]];
    for (let k = 0; k < idx.length; k++) df.set(idx[k], (df.get(idx[k]) ?? 0) + 1);
  }
  const buckets = Int32Array.from(
    [...df.entries()]
      .filter(([, n]) => n >= minDf)
      .map(([b]) => b)
      .sort((a, b) => a - b),
  );
  const rowOf = new Int32Array(1 << set.features.bits).fill(-1);
  const idf = new Float32Array(buckets.length);
  buckets.forEach((b, r) => {
    rowOf[b] = r;
    idf[r] = Math.log((docs.length + 1) / ((df.get(b) ?? 0) + 1)) + 1;
  });
  return { buckets, rowOf, idf };
}

/** The tf-idf vectors of the given examples over a vocabulary (rows it lacks are dropped). */
export function vectors(set: FeaturisedSet, vocab: Vocabulary, docs: ArrayLike<number>): SparseVector[] {
  return Array.from(docs, (d) => tfidf(set.counts[d], vocab.rowOf, vocab.idf));
}

export function fitLinear(
  set: FeaturisedSet,
  vocab: Vocabulary,
  xs: SparseVector[],
  docs: ArrayLike<number>,
  options: LinearTrainOptions,
): LinearWeights {
  const ys = Int32Array.from(docs, (d) => set.ys[d]);
  return trainLinear(xs, ys, vocab.buckets.length, set.labels.length, options);
}
