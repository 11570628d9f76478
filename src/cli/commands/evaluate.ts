/**
 * `complaint-desk evaluate --data FILE.tsv [--model MODEL.json] [--json]`: accuracy, macro-F1,
 * per-label precision/recall/F1 and the confusion matrix. Without --model: the built-in model,
 * read exactly as `classify` reads messages.
 */
import * as fs from 'fs';
import { evaluatePredictions, formatEvaluation, loadRecognizer } from '../../../intents';
import { CliUsageError, parseCommand, progressReporter } from '../command';
import { readExamples, requireDataOption } from '../labelledData';

const USAGE = [
  'usage: complaint-desk evaluate --data FILE.tsv [--model MODEL.json] [--json]',
  '',
  'Accuracy, macro-F1, per-label precision/recall/F1 and the confusion matrix on text<TAB>label',
  'lines; without --model, of the built-in model.',
].join('\n');

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    argv,
    {
      data: { type: 'string' },
      model: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const data = requireDataOption(values.data);
  if (values.model !== undefined && !fs.existsSync(values.model)) throw new CliUsageError(`model file not found: ${values.model}`);
  const examples = readExamples(data);
  let recognizer: ReturnType<typeof loadRecognizer>;
  try {
    recognizer = loadRecognizer({ modelPath: values.model });
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }
  const progress = progressReporter();
  const predicted = examples.map((e, i) => {
    if (i % 100 === 0) progress('evaluating', i, examples.length);
    return recognizer.understand(e.text).category as string;
  });
  progress('evaluating', examples.length, examples.length);
  if (process.stderr.isTTY) process.stderr.write('\n');
  const gold = examples.map((e) => e.label);
  const labelOrder = [...new Set([...recognizer.classifier.labels.filter((l) => gold.includes(l)), ...gold])];
  const evaluation = evaluatePredictions(gold, predicted, labelOrder);
  if (values.json) {
    process.stdout.write(
      JSON.stringify({
        examples: evaluation.examples,
        accuracy: evaluation.accuracy,
        macroF1: evaluation.macroF1,
        labels: evaluation.labels,
        perLabel: Object.fromEntries(
          evaluation.perLabel.map((m) => [m.label, { precision: m.precision, recall: m.recall, f1: m.f1, support: m.support }]),
        ),
        confusion: evaluation.confusion,
        model: values.model ?? 'builtin',
      }) + '\n',
    );
  } else {
    process.stdout.write(formatEvaluation(evaluation));
  }
  return 0;
}
