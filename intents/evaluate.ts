/** Classification metrics and their text report. */

export interface LabelMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  examples: number;
  accuracy: number;
  macroF1: number;
  /** Labels in matrix order: the gold labels, then any label only ever predicted. */
  labels: string[];
  perLabel: LabelMetrics[];
  /** confusion[gold][predicted] counts, indexed like `labels`. */
  confusion: number[][];
}

/**
 * Accuracy, per-label precision/recall/F1 and macro-F1 (mean F1 over the labels that occur in
 * the gold data).
 */
export function evaluatePredictions(gold: string[], predicted: string[], labelOrder?: string[]): Evaluation {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const goldLabels = labelOrder ?? [...new Set(gold)].sort();
  const labels = [...goldLabels];
  for (const p of [...new Set(predicted)].sort()) if (!labels.includes(p)) labels.push(p);
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  gold.forEach((g, i) => {
    if (!index.has(g)) {
      index.set(g, labels.length);
      labels.push(g);
      confusion.forEach((row) => row.push(0));
      confusion.push(labels.map(() => 0));
    }
    confusion[index.get(g)!][index.get(predicted[i])!]++;
    if (g === predicted[i]) correct++;
  });
  const goldSet = new Set(gold);
  const perLabel: LabelMetrics[] = labels.map((label, i) => {
    const tp = confusion[i][i];
    const support = confusion[i].reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + row[i], 0);
    const precision = predictedAs > 0 ? tp / predictedAs : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const scored = perLabel.filter((m) => goldSet.has(m.label));
  const macroF1 = scored.length ? scored.reduce((a, m) => a + m.f1, 0) / scored.length : 0;
  return { examples: gold.length, accuracy: gold.length ? correct / gold.length : 0, macroF1, labels, perLabel, confusion };
}

function pad(text: string, width: number, right = false): string {
  // CJK-free labels are the norm; plain padding is enough.
  return right ? text.padStart(width) : text.padEnd(width);
}

export function formatEvaluation(e: Evaluation): string {
  const w = Math.max(8, ...e.labels.map((l) => l.length)) + 2;
  const lines: string[] = [];
  lines.push(`examples  ${e.examples}`);
  lines.push(`accuracy  ${e.accuracy.toFixed(4)}`);
  lines.push(`macro-F1  ${e.macroF1.toFixed(4)}`);
  lines.push('');
  lines.push(pad('label', w) + pad('precision', 11, true) + pad('recall', 9, true) + pad('F1', 9, true) + pad('support', 9, true));
  for (const m of e.perLabel) {
    lines.push(
      pad(m.label, w) +
        pad(m.precision.toFixed(4), 11, true) +
        pad(m.recall.toFixed(4), 9, true) +
        pad(m.f1.toFixed(4), 9, true) +
        pad(String(m.support), 9, true),
    );
  }
  lines.push('');
  lines.push('confusion matrix (rows: true label, columns: predicted)');
  const cw = Math.max(6, ...e.confusion.flat().map((n) => String(n).length + 2));
  lines.push(pad('', w + 4) + e.labels.map((_, i) => pad(`[${i}]`, cw, true)).join(''));
  e.labels.forEach((label, i) => {
    lines.push(pad(`[${i}] ${label}`, w + 4).slice(0, w + 4) + e.confusion[i].map((n) => pad(String(n), cw, true)).join(''));
  });
  return lines.join('\n') + '\n';
}
