/**
 * A second reading of a clause from the category model's own features: does it carry a
 * grievance of its own? fragments.ts knows the ways of saying how long, how angry or who one is
 * that were written down; customers keep finding new ones («我一个月就请了这两天假，全浪费了»,
 * «老师都来找我了», «我也不知道该从哪说起»). A two-class linear layer over the same tf-idf rows
 * the category model reads, trained on the clauses of the tuning tables (intents/data/
 * fragment-clauses.tsv) and on short one-clause complaints, says «fragment» where it is sure.
 * The threshold is chosen by cross-validation so that about one grievance clause in a hundred
 * is taken for a fragment. Reading it costs one more pass over a clause's rows, no featurising.
 */
import * as fs from 'fs';
import { isFragment } from './fragments';
import { predictProba, trainLinear, type LinearTrainOptions } from './linearModel';
import { normalizeText } from './normalize';
import { dataPath } from './packageRoot';
import { type Analysis, toBase64, type TextClassifier } from './textClassifier';
import type { SparseVector } from './features';

/** The longest clause (in characters) the head is asked about: a long one it doubts is more often a grievance told at length. */
const HEAD_MAX_LENGTH = 30;

/** Whether clauses [from, to) of an analysed text carry no grievance: the written expressions first, then the head. */
export function isFragmentSpan(classifier: TextClassifier, analysis: Analysis, from: number, to = from + 1): boolean {
  const text =
    to === from + 1 ? analysis.clauses[from].text : analysis.readable.slice(analysis.clauses[from].start, analysis.clauses[to - 1].end);
  if (isFragment(text)) return true;
  return text.length <= HEAD_MAX_LENGTH && classifier.headSaysFragment(analysis, from, to);
}

/** The same verdict for a clause on its own (readable text). */
export function readsAsFragment(classifier: TextClassifier, clause: string): boolean {
  const analysis = classifier.analyze(clause);
  return analysis.clauses.length > 0 && isFragmentSpan(classifier, analysis, 0, analysis.clauses.length);
}

export interface FragmentClause {
  text: string;
  fragment: boolean;
}

export interface FragmentHeadFile {
  /** Little-endian base64, row-major [row][grievance, fragment], over the category model's rows (its buckets in ascending order). */
  weights: string;
  bias: number[];
  /** p(fragment) from which a clause counts as a fragment. */
  threshold: number;
  clauses: number;
  fragments: number;
  /** Out-of-fold figures at the chosen threshold: fragments found, grievances taken for fragments. */
  crossValidation: { folds: number; recall: number; falseFragmentRate: number };
}

/** At most this share of grievance clauses (out of fold) may read as fragments. */
const MAX_FALSE_FRAGMENT_RATE = 0.01;
const FOLDS = 5;
const THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99];
const LINEAR: Partial<LinearTrainOptions> = { epochs: 20, l2: 1e-5, balanceClasses: true };

/** The packaged clause set: `clause<TAB>1` for a fragment, `clause<TAB>0` for a grievance. */
export function packagedFragmentClauses(): FragmentClause[] {
  return parseFragmentClauses(fs.readFileSync(dataPath('fragment-clauses.tsv'), 'utf8'));
}

export function parseFragmentClauses(text: string): FragmentClause[] {
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [clause, flag] = line.split('\t');
      return { text: clause, fragment: flag.trim() === '1' };
    });
}

function vectorOf(classifier: TextClassifier, text: string): SparseVector {
  return classifier.spanVector(classifier.analyze(normalizeText(text)));
}

/** Trains the head for a classifier; deterministic for the same classifier and clauses. */
export function trainFragmentHead(classifier: TextClassifier, clauses: FragmentClause[]): FragmentHeadFile {
  const xs = clauses.map((c) => vectorOf(classifier, c.text));
  const ys = Int32Array.from(clauses, (c) => (c.fragment ? 1 : 0));
  const nRows = classifier.rowCount;

  // Out-of-fold probabilities, every fifth clause per fold, to choose the threshold.
  const outOfFold = new Float64Array(clauses.length);
  const probs = new Float64Array(2);
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = xs.flatMap((_, i) => (i % FOLDS === fold ? [] : [i]));
    const model = trainLinear(
      train.map((i) => xs[i]),
      Int32Array.from(train, (i) => ys[i]),
      nRows,
      2,
      LINEAR,
    );
    for (let i = fold; i < xs.length; i += FOLDS) outOfFold[i] = predictProba(model, xs[i], probs)[1];
  }
  const fragments = clauses.filter((c) => c.fragment).length;
  const grievances = clauses.length - fragments;
  const at = (threshold: number) => {
    let found = 0;
    let wrong = 0;
    for (let i = 0; i < clauses.length; i++) {
      if (outOfFold[i] < threshold) continue;
      if (ys[i] === 1) found++;
      else wrong++;
    }
    return { recall: found / Math.max(1, fragments), falseFragmentRate: wrong / Math.max(1, grievances) };
  };
  const threshold = THRESHOLDS.find((t) => at(t).falseFragmentRate <= MAX_FALSE_FRAGMENT_RATE) ?? 1.01;
  const chosen = at(threshold);

  const model = trainLinear(xs, ys, nRows, 2, LINEAR);
  return {
    weights: toBase64(model.weights),
    bias: Array.from(model.bias),
    threshold,
    clauses: clauses.length,
    fragments,
    crossValidation: { folds: FOLDS, recall: round(chosen.recall), falseFragmentRate: round(chosen.falseFragmentRate) },
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
