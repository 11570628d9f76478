/**
 * Test tables under test/intents/cases/: one case per line, columns separated by tabs, `#` lines
 * are comments. Each kind has a `.tuning.tsv` that the code was tuned on and a `.heldout.tsv`
 * that it never was, so the held-out figure says how the reading does on messages it never saw.
 */
import * as fs from 'fs';
import * as path from 'path';

export const CASES_DIR = path.join(__dirname, '..', 'intents', 'cases');

export function readCaseTable(name: string, columns: number): string[][] {
  const file = path.join(CASES_DIR, name);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line, i) => {
      const cells = line.split('\t').map((c) => c.trim());
      if (cells.length !== columns) throw new Error(`${name}: row ${i + 1} has ${cells.length} columns, expected ${columns}: ${line}`);
      return cells;
    });
}

/** A share as a percentage with one decimal, for messages that report a figure. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}
