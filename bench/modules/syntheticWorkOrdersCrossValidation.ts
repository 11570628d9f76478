/** 5-fold cross-validation on the synthetic work orders (bench/syntheticWorkOrders.ts) through the train and evaluate CLIs. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BenchModule } from '../benchModule';
import { crossValidate, crossValidationResult } from '../crossValidate';
import { syntheticWorkOrders } from '../syntheticWorkOrders';

export const syntheticWorkOrdersCrossValidation: BenchModule = {
  name: 'workorders-synthetic-cv',
  description: '5-fold CV on 2,400 synthetic work orders (8 labels sharing vocabulary, 4% flipped labels) via `train` / `evaluate`',
  run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-orders-'));
    const data = path.join(dir, 'orders.tsv');
    try {
      fs.writeFileSync(
        data,
        syntheticWorkOrders()
          .map((o) => `${o.text}\t${o.label}\n`)
          .join(''),
      );
      return crossValidationResult(crossValidate(data, 5));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
