/**
 * Figures on the blind held-out fixtures (test/fixtures/heldout). Only aggregates come out of
 * here: the fixtures measure the product and are never trained on or tuned line by line.
 * Shared by `npm run bench` and the jest gates.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATEGORY_IDS } from '../src/domain/category';
import type { Recognizer, Slots } from '../src/domain/understanding';
import { angerLevel, evaluatePredictions, type Evaluation } from '../intents';
import { packageRoot } from '../intents/packageRoot';

export function fixturePath(...parts: string[]): string {
  return path.join(packageRoot(), 'test', 'fixtures', ...parts);
}

/** Tab-separated rows, blank lines skipped, CR stripped. */
export function readRows(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
}

export interface CustomerReport {
  examples: number;
  accuracy: number;
  /** Mean F1 over the five complaint categories. */
  macroF1Five: number;
  /** Mean F1 over every gold label, `none` included. */
  macroF1All: number;
  /** Share of non-complaints kept out of the categories (recall of none). */
  noneKeptOut: number;
  /** Share of complaints wrongly read as none. */
  complaintsLost: number;
  evaluation: Evaluation;
}

export function customerReport(recognizer: Recognizer, transform: (text: string) => string = (t) => t): CustomerReport {
  const rows = readRows(fixturePath('heldout', 'customer.tsv'));
  const gold = rows.map((r) => r[1].trim());
  const predicted = rows.map((r) => recognizer.understand(transform(r[0])).category as string);
  const evaluation = evaluatePredictions(gold, predicted);
  const five = evaluation.perLabel.filter((m) => (CATEGORY_IDS as readonly string[]).includes(m.label));
  const noneIdx = gold.map((g, i) => (g === 'none' ? i : -1)).filter((i) => i >= 0);
  const complaintIdx = gold.map((g, i) => (g !== 'none' ? i : -1)).filter((i) => i >= 0);
  return {
    examples: rows.length,
    accuracy: evaluation.accuracy,
    macroF1Five: five.reduce((a, m) => a + m.f1, 0) / five.length,
    macroF1All: evaluation.macroF1,
    noneKeptOut: noneIdx.filter((i) => predicted[i] === 'none').length / Math.max(1, noneIdx.length),
    complaintsLost: complaintIdx.filter((i) => predicted[i] === 'none').length / Math.max(1, complaintIdx.length),
    evaluation,
  };
}

let toTraditional: ((s: string) => string) | undefined;

/** Simplified → traditional (Taiwan standard, with phrases) via OpenCC. */
export function traditional(text: string): string {
  if (!toTraditional) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const opencc = require('opencc-js/cn2t') as typeof import('opencc-js');
    toTraditional = opencc.Converter({ from: 'cn', to: 'twp' });
  }
  return toTraditional(text);
}

export interface MultiReport {
  examples: number;
  /** Issue categories exactly the gold list, in order. */
  exactOrder: number;
  /** Same set of categories, any order. */
  sameSet: number;
  /** Right number of issues. */
  rightCount: number;
  /** Gold categories found among the issues (recall over all gold labels). */
  labelRecall: number;
}

export function multiReport(recognizer: Recognizer): MultiReport {
  const rows = readRows(fixturePath('heldout', 'multi.tsv'));
  let exact = 0;
  let set = 0;
  let count = 0;
  let found = 0;
  let total = 0;
  for (const [text, labelList] of rows) {
    const gold = labelList
      .split(/[,，]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const got = recognizer.understand(text).issues.map((i) => i.category as string);
    if (got.join() === gold.join()) exact++;
    if ([...new Set(got)].sort().join() === [...new Set(gold)].sort().join()) set++;
    if (got.length === gold.length) count++;
    for (const g of new Set(gold)) {
      total++;
      if (got.includes(g)) found++;
    }
  }
  const n = rows.length;
  return { examples: n, exactOrder: exact / n, sameSet: set / n, rightCount: count / n, labelRecall: found / Math.max(1, total) };
}

export interface EmotionReport {
  examples: number;
  levelAccuracy: number;
  /** Level right or one step off. */
  levelWithinOne: number;
  escalationAccuracy: number;
  escalationPrecision: number;
  escalationRecall: number;
  /** Mean anger per gold level, to see the ordering. */
  meanAnger: Record<string, number>;
}

export function emotionReport(recognizer: Recognizer): EmotionReport {
  const rows = readRows(fixturePath('heldout', 'emotion.tsv'));
  const order = ['low', 'mid', 'high'];
  let level = 0;
  let within = 0;
  let esc = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const sums: Record<string, [number, number]> = {};
  for (const [text, goldLevel, goldEsc] of rows) {
    const u = recognizer.understand(text);
    const got = angerLevel(u.emotion.anger);
    const gl = goldLevel.trim();
    if (got === gl) level++;
    if (Math.abs(order.indexOf(got) - order.indexOf(gl)) <= 1) within++;
    const ge = goldEsc.trim() === 'yes';
    if (u.escalationRisk === ge) esc++;
    if (u.escalationRisk && ge) tp++;
    if (u.escalationRisk && !ge) fp++;
    if (!u.escalationRisk && ge) fn++;
    const s = (sums[gl] ??= [0, 0]);
    s[0] += u.emotion.anger;
    s[1]++;
  }
  const n = rows.length;
  return {
    examples: n,
    levelAccuracy: level / n,
    levelWithinOne: within / n,
    escalationAccuracy: esc / n,
    escalationPrecision: tp / Math.max(1, tp + fp),
    escalationRecall: tp / Math.max(1, tp + fn),
    meanAnger: Object.fromEntries(Object.entries(sums).map(([k, [a, c]]) => [k, Math.round((a / c) * 1000) / 1000])),
  };
}

export interface SlotsReport {
  examples: number;
  /** Expected slot values found exactly (after trimming and removing spaces). */
  slotRecall: number;
  /** Expected values found when one of expected/got contains the other (wording differences). */
  slotRecallLenient: number;
  /** Lines whose expected slots were all found exactly. */
  linesAllRight: number;
  perSlot: Record<string, { expected: number; exact: number; lenient: number }>;
  /** Slots we filled that the fixture does not mention, per line on average. */
  extraPerLine: number;
}

const squash = (v: string) => v.replace(/\s+/g, '').toLowerCase();

export function slotsReport(extract: (text: string) => Slots): SlotsReport {
  const rows = readRows(fixturePath('heldout', 'slots.tsv'));
  const perSlot: SlotsReport['perSlot'] = {};
  let expected = 0;
  let exact = 0;
  let lenient = 0;
  let allRight = 0;
  let extra = 0;
  for (const [text, json] of rows) {
    const want = JSON.parse(json) as Record<string, string>;
    const got = extract(text) as Record<string, string | undefined>;
    let lineOk = true;
    for (const [key, value] of Object.entries(want)) {
      const s = (perSlot[key] ??= { expected: 0, exact: 0, lenient: 0 });
      s.expected++;
      expected++;
      const g = got[key];
      const w = squash(String(value));
      if (g !== undefined && squash(g) === w) {
        s.exact++;
        exact++;
        s.lenient++;
        lenient++;
      } else {
        lineOk = false;
        if (g !== undefined && (squash(g).includes(w) || w.includes(squash(g)))) {
          s.lenient++;
          lenient++;
        }
      }
    }
    if (lineOk) allRight++;
    extra += Object.keys(got).filter((k) => !(k in want)).length;
  }
  return {
    examples: rows.length,
    slotRecall: exact / Math.max(1, expected),
    slotRecallLenient: lenient / Math.max(1, expected),
    linesAllRight: allRight / Math.max(1, rows.length),
    perSlot,
    extraPerLine: extra / Math.max(1, rows.length),
  };
}
