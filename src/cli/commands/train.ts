/**
 * `complaint-desk train --data FILE.tsv --out MODEL.json`: trains a classifier on any label set
 * (text<TAB>label lines). Progress on stderr when it is a terminal; a summary on stdout.
 */
import * as fs from 'fs';
import * as path from 'path';
import { packagedFragmentClauses, trainTextClassifier } from '../../../intents';
import { CliUsageError, parseCommand, progressReporter } from '../command';
import { readExamples, requireDataOption } from '../labelledData';

const USAGE = [
  'usage: complaint-desk train --data FILE.tsv --out MODEL.json [--epochs N] [--seed N]',
  '',
  'Trains a classifier on text<TAB>label lines (any labels, at least two).',
].join('\n');

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    argv,
    {
      data: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
    },
    USAGE,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const data = requireDataOption(values.data);
  if (!values.out) throw new CliUsageError('missing --out MODEL.json');
  const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0)) throw new CliUsageError('--epochs must be a positive integer');
  if (seed !== undefined && !Number.isInteger(seed)) throw new CliUsageError('--seed must be an integer');

  const examples = readExamples(data);
  const labels = [...new Set(examples.map((e) => e.label))];
  if (labels.length < 2) {
    throw new CliUsageError(`${data}: found only one label (${labels[0]}); training needs at least two`);
  }
  const outDir = path.dirname(path.resolve(values.out));
  if (!fs.existsSync(outDir)) throw new CliUsageError(`output directory does not exist: ${outDir}`);

  const started = Date.now();
  const classifier = trainTextClassifier(examples, {
    fragmentClauses: packagedFragmentClauses(),
    linear: { ...(epochs ? { epochs } : {}), ...(seed !== undefined ? { seed } : {}) },
    onProgress: progressReporter(),
  });
  classifier.save(values.out);
  const counts = labels
    .sort()
    .map((l) => `${l}=${examples.filter((e) => e.label === l).length}`)
    .join(' ');
  process.stdout.write(
    `trained on ${examples.length} examples, ${labels.length} labels (${counts}); ` +
      `${classifier.file.boilerplate.length} boilerplate segments stripped; wrote ${values.out} in ${Date.now() - started} ms\n`,
  );
  return 0;
}
