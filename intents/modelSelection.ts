/**
 * Choosing training settings by internal cross-validation on the training set itself. How
 * strongly to regularise depends on the data more than anything else we tried: short, clean
 * chat lines want almost none, while long agent-written work orders, whose labels agents do not
 * always agree on, gain several points from strong L2 (the weights stop chasing form noise and
 * one-off phrasings). So `train` tries a grid of L2 strengths and keeps the best; the grid is
 * general, not fitted to one corpus. (Word pairs were tried as a second axis too: they moved
 * internal accuracy by less than 0.005 either way and doubled the cost, so they are not searched.)
 */
import { stableHash } from './corpus';
import { LinearTrainOptions, predictProba } from './linearModel';
import type { SelectionRecord } from './textClassifier';
import { FeaturisedSet, fitLinear, Progress, vectors, vocabulary } from './trainingSet';

export const L2_GRID = [1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2];
export const SELECTION_FOLDS = 3;
/** Below this, folds are too small to tell settings apart: the defaults are kept. */
export const MIN_EXAMPLES_TO_SELECT = 150;

/** Stratified folds: within each label, examples ordered by a stable hash of the text are dealt round-robin. */
export function assignFolds(lines: Array<{ text: string; label: string }>, k: number): number[] {
  const fold = new Array<number>(lines.length);
  const byLabel = new Map<string, number[]>();
  lines.forEach((l, i) => byLabel.set(l.label, [...(byLabel.get(l.label) ?? []), i]));
  for (const idx of byLabel.values()) {
    idx.sort((a, b) => stableHash(lines[a].text) - stableHash(lines[b].text) || a - b);
    idx.forEach((i, n) => (fold[i] = n % k));
  }
  return fold;
}

export function canSelect(examples: Array<{ label: string }>): boolean {
  if (examples.length < MIN_EXAMPLES_TO_SELECT) return false;
  const perLabel = new Map<string, number>();
  for (const e of examples) perLabel.set(e.label, (perLabel.get(e.label) ?? 0) + 1);
  return [...perLabel.values()].every((n) => n >= 2 * SELECTION_FOLDS);
}

/** Mean accuracy over the folds of each L2 strength, for one featurisation. */
export function crossValidatedAccuracy(
  set: FeaturisedSet,
  fold: number[],
  l2s: number[],
  linear: LinearTrainOptions,
  minDf: number,
): number[] {
  const correct = new Array<number>(l2s.length).fill(0);
  const probs = new Float64Array(set.labels.length);
  for (let f = 0; f < SELECTION_FOLDS; f++) {
    const trainDocs = fold.flatMap((g, i) => (g === f ? [] : [i]));
    const testDocs = fold.flatMap((g, i) => (g === f ? [i] : []));
    const vocab = vocabulary(set, trainDocs, minDf);
    const xs = vectors(set, vocab, trainDocs);
    const tests = vectors(set, vocab, testDocs);
    l2s.forEach((l2, c) => {
      const model = fitLinear(set, vocab, xs, trainDocs, { ...linear, l2 });
      tests.forEach((x, t) => {
        predictProba(model, x, probs);
        let best = 0;
        for (let k = 1; k < probs.length; k++) if (probs[k] > probs[best]) best = k;
        if (best === set.ys[testDocs[t]]) correct[c]++;
      });
    });
  }
  return correct.map((n) => n / fold.length);
}

/**
 * The L2 strength with the best internal cross-validated accuracy. The default (`linear.l2`)
 * is kept unless another beats it by more than one standard error of an accuracy measured on
 * this many examples: on the chat corpus the strengths tie within a couple of examples, and a
 * tie is no reason to move.
 */
export function selectL2(
  set: FeaturisedSet,
  fold: number[],
  l2s: number[],
  linear: LinearTrainOptions,
  minDf: number,
  progress: Progress,
): { l2: number; record: SelectionRecord } {
  progress('selecting', 0, 1);
  const accuracy = crossValidatedAccuracy(set, fold, l2s, linear, minDf);
  progress('selecting', 1, 1);
  const reference = Math.max(0, l2s.indexOf(linear.l2));
  const margin = Math.sqrt((accuracy[reference] * (1 - accuracy[reference])) / fold.length);
  let best = reference;
  accuracy.forEach((a, c) => {
    if (a > accuracy[best] && a - accuracy[reference] > margin) best = c;
  });
  return {
    l2: l2s[best],
    record: { folds: SELECTION_FOLDS, candidates: l2s.map((l2, c) => ({ l2, accuracy: Math.round(accuracy[c] * 1e4) / 1e4 })) },
  };
}
