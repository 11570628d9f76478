/**
 * Baseline for comparison: natural's BayesClassifier over jieba tokens, on the same folds of the
 * work orders and on the corpus split. Shows what the tf-idf + logistic regression model buys.
 */
import * as fs from 'fs';
import { cutWords, evaluatePredictions, normalize, parseLabelledTsv, readCorpus } from '../../intents';
import type { BenchModule } from '../benchModule';
import { assignFolds } from '../crossValidate';
import { fixturePath } from '../heldout';

interface NaturalBayes {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  classify(tokens: string[]): string;
}

function bayes(): NaturalBayes {
  // Only the classifier submodule: the natural index prints on stdout and loads everything.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BayesClassifier } = require('natural/lib/natural/classifiers') as { BayesClassifier: new () => NaturalBayes };
  return new BayesClassifier();
}

const tokens = (text: string) => cutWords(normalize(text)).filter((t) => t.trim() && !/^[\p{P}\p{S}]+$/u.test(t));

export const naturalBayesBaseline: BenchModule = {
  name: 'baseline-natural-bayes',
  description: "natural's BayesClassifier over jieba tokens (baseline, not shipped)",
  run() {
    const lines: string[] = [];
    const figures: Record<string, unknown> = {};
    const data = fixturePath('workorders', 'workorders.tsv');
    if (fs.existsSync(data)) {
      const examples = parseLabelledTsv(fs.readFileSync(data, 'utf8'));
      const fold = assignFolds(examples, 5);
      const toks = examples.map((e) => tokens(e.text));
      let correct = 0;
      for (let f = 0; f < 5; f++) {
        const c = bayes();
        examples.forEach((e, i) => fold[i] !== f && c.addDocument(toks[i], e.label));
        c.train();
        examples.forEach((e, i) => fold[i] === f && c.classify(toks[i]) === e.label && correct++);
      }
      figures.workordersCvAccuracy = correct / examples.length;
      lines.push(`work orders, same 5 folds: accuracy ${(correct / examples.length).toFixed(4)}`);
    }
    const corpus = readCorpus();
    const c = bayes();
    for (const e of corpus.train) c.addDocument(tokens(e.text), e.label);
    c.train();
    const ev = evaluatePredictions(
      corpus.heldOut.map((e) => e.label),
      corpus.heldOut.map((e) => c.classify(tokens(e.text))),
    );
    figures.corpusHeldOut = { accuracy: ev.accuracy, macroF1: ev.macroF1 };
    lines.push(`corpus held-out split: accuracy ${ev.accuracy.toFixed(4)}, macro-F1 ${ev.macroF1.toFixed(4)}`);
    return { lines, figures };
  },
};
