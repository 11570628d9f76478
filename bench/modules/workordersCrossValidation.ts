/** 5-fold cross-validation on the operator's work orders through the train and evaluate CLIs. */
import * as fs from 'fs';
import type { BenchModule } from '../benchModule';
import { crossValidate } from '../crossValidate';
import { fixturePath } from '../heldout';

export const workordersCrossValidation: BenchModule = {
  name: 'workorders-cv',
  description: '5-fold CV on test/fixtures/workorders/workorders.tsv via `complaint-desk train` / `evaluate`',
  run() {
    const data = fixturePath('workorders', 'workorders.tsv');
    if (!fs.existsSync(data)) return { lines: ['workorders.tsv not present; skipped'], figures: { skipped: true } };
    const cv = crossValidate(data, 5);
    return {
      lines: [
        ...cv.folds.map((f) => `fold ${f.fold + 1}: train ${f.train}, test ${f.test}, accuracy ${f.accuracy.toFixed(4)}, macro-F1 ${f.macroF1.toFixed(4)}, train CLI ${f.trainMs} ms`),
        `mean accuracy ${cv.accuracy.toFixed(4)}, mean macro-F1 ${cv.macroF1.toFixed(4)}`,
      ],
      figures: cv as unknown as Record<string, unknown>,
    };
  },
};
