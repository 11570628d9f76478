/**
 * Training a TextClassifier on labelled texts. What the data should decide (the L2 strength)
 * is chosen by internal cross-validation on the training set
 * (modelSelection.ts) unless the caller fixes them or the set is too small to tell; the model
 * file records the choice. The chosen model is still one linear layer over tf-idf, so
 * classifying costs the same whatever was chosen.
 */
import { DEFAULT_FEATURES, FeatureConfig } from './features';
import { type FragmentClause, trainFragmentHead } from './fragmentHead';
import { splitClauses } from './grievances';
import { normalizeText } from './normalize';
import { NONE_LABEL } from './recognizer';
import { DEFAULT_LINEAR, LinearTrainOptions } from './linearModel';
import { assignFolds, canSelect, L2_GRID, SELECTION_FOLDS, selectL2 } from './modelSelection';
import { Example, MODEL_FORMAT, ModelFile, SelectionRecord, TextClassifier, toBase64 } from './textClassifier';
import { featurise, fitLinear, Progress, vectors, vocabulary } from './trainingSet';

export interface TrainOptions {
  features: Partial<FeatureConfig>;
  /** Fixed linear settings; `l2` given here is not searched over. */
  linear: Partial<LinearTrainOptions>;
  /** Keep only features seen in at least this many training documents. */
  minDf: number;
  /** Learn and strip form-field boilerplate (only kicks in on large enough sets of forms). */
  boilerplate: boolean;
  /** Choose L2 by internal cross-validation (when the set is large enough). */
  select: boolean;
  /**
   * Clauses marked fragment or grievance for the fragment head (fragmentHead.ts); the short
   * one-clause complaints of the training set join them as grievances. None: no head.
   */
  fragmentClauses?: FragmentClause[];
  onProgress?: Progress;
}

/** One-clause complaints up to this length are grievance examples for the fragment head. */
const SHORT_COMPLAINT = 30;

export const DEFAULT_TRAIN: TrainOptions = {
  features: {},
  linear: {},
  minDf: 1,
  boilerplate: true,
  select: true,
};

/** Trains a classifier on labelled texts. Deterministic: same data and options, same model. */
export function trainTextClassifier(examples: Example[], options: Partial<TrainOptions> = {}): TextClassifier {
  const opt: TrainOptions = { ...DEFAULT_TRAIN, ...options };
  const labelCount = new Set(examples.map((e) => e.label)).size;
  if (labelCount < 2)
    throw new Error(
      `need at least two labels to train, got ${labelCount === 0 ? 'none' : [...new Set(examples.map((e) => e.label))].join(', ')}`,
    );
  const progress = opt.onProgress ?? (() => undefined);
  const { onEpoch: _ignored, ...fixedLinear } = opt.linear;
  const baseLinear: LinearTrainOptions = { ...DEFAULT_LINEAR, ...fixedLinear };
  const features: FeatureConfig = { ...DEFAULT_FEATURES, ...opt.features };
  const set = featurise(examples, features, opt.boilerplate, progress);

  let l2 = baseLinear.l2;
  let selection: SelectionRecord | undefined;
  if (opt.select && opt.linear.l2 === undefined && canSelect(examples)) {
    const chosen = selectL2(set, assignFolds(examples, SELECTION_FOLDS), L2_GRID, baseLinear, opt.minDf, progress);
    l2 = chosen.l2;
    selection = chosen.record;
  }

  const all = Int32Array.from(examples, (_, i) => i);
  const vocab = vocabulary(set, all, opt.minDf);
  const linearOptions: LinearTrainOptions = { ...baseLinear, l2 };
  const linear = fitLinear(set, vocab, vectors(set, vocab, all), all, {
    ...linearOptions,
    onEpoch: (epoch, epochs) => progress('training', epoch, epochs),
  });

  const perLabel: Record<string, number> = {};
  for (const e of examples) perLabel[e.label] = (perLabel[e.label] ?? 0) + 1;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: 1,
    labels: set.labels,
    features: set.features,
    minDf: opt.minDf,
    boilerplate: set.boilerplate,
    documents: examples.length,
    perLabel,
    training: linearOptions,
    ...(selection ? { selection } : {}),
    buckets: toBase64(vocab.buckets),
    idf: toBase64(vocab.idf),
    weights: toBase64(linear.weights),
    bias: Array.from(linear.bias),
  };
  if (!opt.fragmentClauses) return new TextClassifier(file);
  progress('fragment head', 0, 1);
  const withoutHead = new TextClassifier(file);
  const complaints = examples
    .filter((e) => e.label !== NONE_LABEL && e.text.length <= SHORT_COMPLAINT && splitClauses(normalizeText(e.text)).length === 1)
    .map((e) => ({ text: e.text, fragment: false }));
  file.fragmentHead = trainFragmentHead(withoutHead, [...opt.fragmentClauses, ...complaints]);
  progress('fragment head', 1, 1);
  return new TextClassifier(file);
}
