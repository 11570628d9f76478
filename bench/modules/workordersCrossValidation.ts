/** 5-fold cross-validation on the operator's work orders through the train and evaluate CLIs. */
import * as fs from 'fs';
import type { BenchModule } from '../benchModule';
import { crossValidate, crossValidationResult } from '../crossValidate';
import { fixturePath } from '../heldout';

export const workordersCrossValidation: BenchModule = {
  name: 'workorders-cv',
  description: '5-fold CV on test/fixtures/workorders/workorders.tsv via `complaint-desk train` / `evaluate`',
  run() {
    const data = fixturePath('workorders', 'workorders.tsv');
    if (!fs.existsSync(data)) return { lines: ['workorders.tsv not present; skipped'], figures: { skipped: true } };
    return crossValidationResult(crossValidate(data, 5));
  },
};
