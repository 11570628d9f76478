/**
 * Builds the built-in five-category model from the training part of the corpus
 * (intents/data/corpus, minus the stable held-out fifth) into intents/model/builtin.json and
 * reports the held-out figures on stderr.
 *
 *   npm run build:model      (node dist/intents/buildBuiltinModel.js)
 */
import * as fs from 'fs';
import * as path from 'path';
import { readCorpus } from './corpus';
import { evaluatePredictions, formatEvaluation } from './evaluate';
import { packagedFragmentClauses } from './fragmentHead';
import { builtinModelPath } from './packageRoot';
import { trainTextClassifier } from './training';

function main(): void {
  const started = Date.now();
  const corpus = readCorpus();
  const perLabel = new Map<string, number>();
  for (const e of corpus.train) perLabel.set(e.label, (perLabel.get(e.label) ?? 0) + 1);
  process.stderr.write(
    `corpus: ${corpus.train.length} training, ${corpus.heldOut.length} held out, ${corpus.duplicates} duplicates, ${corpus.conflicts.length} conflicting\n` +
      `training per label: ${[...perLabel].map(([l, n]) => `${l}=${n}`).join(' ')}\n`,
  );
  const classifier = trainTextClassifier(corpus.train, { fragmentClauses: packagedFragmentClauses() });
  const out = builtinModelPath();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  classifier.save(out);
  const predicted = corpus.heldOut.map((e) => classifier.predict(e.text).label);
  const evaluation = evaluatePredictions(
    corpus.heldOut.map((e) => e.label),
    predicted,
  );
  process.stderr.write(
    `wrote ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms\n`,
  );
  process.stderr.write(`corpus held-out split (never trained on):\n${formatEvaluation(evaluation)}`);
  const head = classifier.file.fragmentHead;
  if (head)
    process.stderr.write(
      `fragment head: ${head.clauses} clauses (${head.fragments} fragments), threshold ${head.threshold}; ` +
        `out of fold: ${(100 * head.crossValidation.recall).toFixed(1)}% of fragments found, ` +
        `${(100 * head.crossValidation.falseFragmentRate).toFixed(1)}% of grievances taken for fragments\n`,
    );
}

main();
