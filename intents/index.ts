/**
 * The language layer: what a customer's message means. No channel, no storage, no bot
 * framework: text in, Understanding out.
 */
import type { Recognizer } from '../src/domain/understanding';
import { builtinModelPath } from './packageRoot';
import { ComplaintRecognizer, RecognizerOptions } from './recognizer';
import { TextClassifier } from './textClassifier';

export { normalize, normalizeText, normalizeForModel, toSimplified, toHalfWidth } from './normalize';
export { extractSlots, chineseToNumber } from './slots';
export { assessEmotion, angerLevel, ANGER_MID, ANGER_HIGH } from './emotion';
export type { AngerLevel, EmotionAssessment } from './emotion';
export { detectSmallTalk } from './smallTalk';
export { asksForPerson } from './personRequest';
export { readAnswer, isNonAnswer } from './answerReading';
export type { AnswerKind, AnswerReading, NonAnswerKind, NonAnswerReason } from './answerReading';
export { splitClauses, segmentGrievances } from './grievances';
export { cutWords, warmUpTokenizer } from './tokenizer';
export { TextClassifier } from './textClassifier';
export { trainTextClassifier } from './training';
export { packagedFragmentClauses, type FragmentClause } from './fragmentHead';
export type { Example, ModelFile, Prediction } from './textClassifier';
export type { TrainOptions } from './training';
export { evaluatePredictions, formatEvaluation } from './evaluate';
export type { Evaluation, LabelMetrics } from './evaluate';
export { readCorpus, isHeldOut } from './corpus';
export { readLabelledTsv, parseLabelledTsv, TsvError } from './tsv';
export { ComplaintRecognizer, NONE_LABEL } from './recognizer';
export { builtinModelPath } from './packageRoot';

export interface LoadRecognizerOptions {
  /** A model written by `complaint-desk train` or `npm run build:model`; default: the built-in model. */
  modelPath?: string;
  recognizer?: Partial<RecognizerOptions>;
}

const cache = new Map<string, TextClassifier>();

/** Loads a classifier once per path and process. */
export function loadClassifier(modelPath = builtinModelPath()): TextClassifier {
  let classifier = cache.get(modelPath);
  if (!classifier) {
    classifier = TextClassifier.load(modelPath);
    cache.set(modelPath, classifier);
  }
  return classifier;
}

/** Synchronous: reads the model file and returns a ready recognizer (dictionaries load on first use). */
export function loadRecognizer(options: LoadRecognizerOptions = {}): Recognizer & { classifier: TextClassifier } {
  return new ComplaintRecognizer(loadClassifier(options.modelPath), options.recognizer);
}

/** Splits a message into its grievances with the built-in model. */
export function splitGrievances(
  text: string,
  options: LoadRecognizerOptions = {},
): Array<{ category: string; text: string; confidence: number }> {
  return loadRecognizer(options).understand(text).issues;
}
