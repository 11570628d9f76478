/**
 * Places the low/mid/high thresholds on the anger scale using the project's own small
 * calibration set (intents/data/anger-calibration.tsv): prints the anger per level and the
 * thresholds that classify that set best. The thresholds live in intents/emotion.ts.
 *
 *   node dist/intents/tools/calibrateAnger.js
 */
import * as fs from 'fs';
import { assessEmotion } from '../emotion';
import { normalizeText } from '../normalize';
import { dataPath } from '../packageRoot';

const rows = fs
  .readFileSync(dataPath('anger-calibration.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t'));
const scored = rows.map(([text, level]) => ({ level, anger: assessEmotion(normalizeText(text)).anger }));
for (const level of ['low', 'mid', 'high']) {
  const xs = scored
    .filter((s) => s.level === level)
    .map((s) => s.anger)
    .sort((a, b) => a - b);
  process.stdout.write(
    `${level.padEnd(5)} n=${xs.length} mean=${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3)} values=${xs.map((x) => x.toFixed(2)).join(' ')}\n`,
  );
}
let best = { mid: 0, high: 0, acc: -1 };
for (let mid = 0.05; mid < 0.6; mid += 0.01) {
  for (let high = mid + 0.05; high < 0.95; high += 0.01) {
    const acc = scored.filter((s) => (s.anger >= high ? 'high' : s.anger >= mid ? 'mid' : 'low') === s.level).length / scored.length;
    // ties: prefer thresholds in the middle of the best plateau by taking the first and last equally
    if (acc > best.acc + 1e-9) best = { mid, high, acc };
  }
}
process.stdout.write(
  `best thresholds on the calibration set: mid>=${best.mid.toFixed(2)} high>=${best.high.toFixed(2)} accuracy ${best.acc.toFixed(3)}\n`,
);
