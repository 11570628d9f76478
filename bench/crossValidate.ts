/**
 * k-fold cross-validation through the real CLI: for each fold, `complaint-desk train` on the
 * other folds and `complaint-desk evaluate --json` on this one. Folds are stratified by label
 * and assigned by a stable hash of the text, so runs are reproducible.
 *
 *   node dist/bench/crossValidate.js [--data test/fixtures/workorders/workorders.tsv] [--folds 5]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { assignFolds } from '../intents/modelSelection';
import { packageRoot } from '../intents/packageRoot';
import { parseLabelledTsv } from '../intents/tsv';

export { assignFolds };

export interface FoldResult {
  fold: number;
  train: number;
  test: number;
  accuracy: number;
  macroF1: number;
  trainMs: number;
}

export interface CrossValidation {
  data: string;
  folds: FoldResult[];
  accuracy: number;
  macroF1: number;
  /** Accuracy over all test predictions pooled (equals the mean when folds are equal in size). */
  pooledAccuracy: number;
}

function cli(args: string[]): { stdout: string; stderr: string; status: number | null; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(packageRoot(), 'bin', 'complaint-desk.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, ms: Date.now() - started };
}

export function crossValidate(dataFile: string, k = 5, log: (line: string) => void = () => undefined): CrossValidation {
  const raw = fs.readFileSync(dataFile, 'utf8');
  const examples = parseLabelledTsv(raw, dataFile);
  const fold = assignFolds(examples, k);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-cv-'));
  const line = (e: { text: string; label: string }) => `${e.text.replace(/[\t\r\n]+/g, ' ')}\t${e.label}\n`;
  const folds: FoldResult[] = [];
  let correct = 0;
  try {
    for (let f = 0; f < k; f++) {
      const trainFile = path.join(dir, `train-${f}.tsv`);
      const testFile = path.join(dir, `test-${f}.tsv`);
      const modelFile = path.join(dir, `model-${f}.json`);
      const train = examples.filter((_, i) => fold[i] !== f);
      const test = examples.filter((_, i) => fold[i] === f);
      fs.writeFileSync(trainFile, train.map(line).join(''));
      fs.writeFileSync(testFile, test.map(line).join(''));
      const t = cli(['train', '--data', trainFile, '--out', modelFile]);
      if (t.status !== 0) throw new Error(`train failed on fold ${f}: ${t.stderr}`);
      const e = cli(['evaluate', '--data', testFile, '--model', modelFile, '--json']);
      if (e.status !== 0) throw new Error(`evaluate failed on fold ${f}: ${e.stderr}`);
      const result = JSON.parse(e.stdout) as { accuracy: number; macroF1: number };
      folds.push({ fold: f, train: train.length, test: test.length, accuracy: result.accuracy, macroF1: result.macroF1, trainMs: t.ms });
      correct += Math.round(result.accuracy * test.length);
      log(
        `fold ${f + 1}/${k}: train ${train.length}, test ${test.length}, accuracy ${result.accuracy.toFixed(4)}, macro-F1 ${result.macroF1.toFixed(4)} (train ${t.ms} ms)`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    data: dataFile,
    folds,
    accuracy: mean(folds.map((f) => f.accuracy)),
    macroF1: mean(folds.map((f) => f.macroF1)),
    pooledAccuracy: correct / examples.length,
  };
}

/** A cross-validation as a bench result: one line per fold, then the means. */
export function crossValidationResult(cv: CrossValidation): { lines: string[]; figures: Record<string, unknown> } {
  return {
    lines: [
      ...cv.folds.map(
        (f) =>
          `fold ${f.fold + 1}: train ${f.train}, test ${f.test}, accuracy ${f.accuracy.toFixed(4)}, macro-F1 ${f.macroF1.toFixed(4)}, train CLI ${f.trainMs} ms`,
      ),
      `mean accuracy ${cv.accuracy.toFixed(4)}, mean macro-F1 ${cv.macroF1.toFixed(4)}`,
    ],
    figures: cv as unknown as Record<string, unknown>,
  };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: path.join(packageRoot(), 'test', 'fixtures', 'workorders', 'workorders.tsv') },
      folds: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
    },
  });
  const result = crossValidate(values.data!, Number(values.folds), (l) => process.stderr.write(l + '\n'));
  if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
  else
    process.stdout.write(
      `${values.folds}-fold CV on ${path.relative(process.cwd(), result.data)}: accuracy ${result.accuracy.toFixed(4)}, macro-F1 ${result.macroF1.toFixed(4)}\n`,
    );
}
