import * as fs from 'fs';
import * as path from 'path';
import { angerLevel, loadRecognizer } from '../../intents';

/**
 * Escalation risk and anger through the real pipeline (loadRecognizer().understand), on our own
 * tables of how customers write: real threats and repeat complaints against near-misses (elderly
 * parents, urgency, plain fury, negated threats, media named in passing, sarcasm).
 * The held-out tables are never tuned against; their thresholds sit a little lower. heldout2 was
 * written later, from scratch, in other customers' words (dialect, typos, indirect and rhetorical
 * threats, threats to go over this desk's head, churn threats as near-misses).
 */

type Kind = 'tuning' | 'heldout' | 'heldout2';

interface Figures {
  rows: number;
  precision: number;
  recall: number;
  angerAccuracy: number;
  /** Share of rows written as angry (sarcasm included) that read at least mid. */
  angryRecall: number;
}

function readCases(kind: Kind): Array<{ text: string; escalate: boolean; angry: boolean }> {
  const file = path.join(__dirname, 'cases', `escalation.${kind}.tsv`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [text, escalate, anger] = line.split('\t');
      return { text, escalate: escalate.trim() === '1', angry: anger.trim() === 'angry' };
    });
}

function measure(kind: Kind): Figures {
  const recognizer = loadRecognizer();
  const cases = readCases(kind);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let angerRight = 0;
  let angryRows = 0;
  let angryFound = 0;
  for (const c of cases) {
    const u = recognizer.understand(c.text);
    if (u.escalationRisk && c.escalate) tp++;
    else if (u.escalationRisk) fp++;
    else if (c.escalate) fn++;
    const readAngry = angerLevel(u.emotion.anger) !== 'low';
    if (readAngry === c.angry) angerRight++;
    if (c.angry) {
      angryRows++;
      if (readAngry) angryFound++;
    }
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    rows: cases.length,
    precision: round(tp / Math.max(1, tp + fp)),
    recall: round(tp / Math.max(1, tp + fn)),
    angerAccuracy: round(angerRight / cases.length),
    angryRecall: round(angryFound / Math.max(1, angryRows)),
  };
}

const show = (f: Figures): string =>
  `rows ${f.rows} | precision ${f.precision} | recall ${f.recall} | anger ${f.angerAccuracy} | angry read ≥ mid ${f.angryRecall}`;

// Tuning sits just under what it measures (precision 1, recall 1, anger 0.96, angry 0.98), so any
// regression fails. Held out was set before it was first read: the product goals (precision ≥ 0.70,
// recall ≥ 0.82) with a margin, and anger a little under the tuning figure. heldout2 was gated just
// under what the rules measured when it was written (precision 0.789, recall 0.662, anger 0.705,
// angry 0.708); after the rules were generalised on new tuning rows it reads 0.889 / 0.941 / 0.82 /
// 0.858, and the floors sit just under that so a slip back fails.
const thresholds: Record<Kind, Omit<Figures, 'rows'>> = {
  tuning: { precision: 0.97, recall: 0.97, angerAccuracy: 0.93, angryRecall: 0.95 },
  heldout: { precision: 0.75, recall: 0.85, angerAccuracy: 0.85, angryRecall: 0.88 },
  heldout2: { precision: 0.87, recall: 0.92, angerAccuracy: 0.8, angryRecall: 0.84 },
};

describe.each(['tuning', 'heldout', 'heldout2'] as const)('escalation table (%s)', (kind) => {
  const figures = measure(kind);
  const min = thresholds[kind];
  it(show(figures), () => {
    expect(figures.rows).toBeGreaterThan(100);
    expect({ ...figures, rows: undefined }).toEqual({
      rows: undefined,
      precision: figures.precision >= min.precision ? figures.precision : `below ${min.precision}`,
      recall: figures.recall >= min.recall ? figures.recall : `below ${min.recall}`,
      angerAccuracy: figures.angerAccuracy >= min.angerAccuracy ? figures.angerAccuracy : `below ${min.angerAccuracy}`,
      angryRecall: figures.angryRecall >= min.angryRecall ? figures.angryRecall : `below ${min.angryRecall}`,
    });
  });
});
