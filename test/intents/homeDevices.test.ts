import * as path from 'path';
import { loadRecognizer, readLabelledTsv } from '../../intents';

/**
 * Home lines and devices against handsets (cases/homeDevices.*.tsv): a broadband line that drops,
 * a 光猫, router, set-top box or IPTV fault is after-sales (DOMAIN.md: broadband repair); slow
 * broadband stays network quality; a broken handset is after-sales, a weak signal network quality.
 * The held-out table was written with the tuning one and never tuned on.
 */
const recognizer = loadRecognizer();

function measure(table: string) {
  const rows = readLabelledTsv(path.join(__dirname, 'cases', table));
  const misses = rows
    .map((r) => ({ ...r, got: recognizer.understand(r.text).category as string }))
    .filter((r) => r.got !== r.label)
    .map((r) => `${r.text} → ${r.got} (expected ${r.label})`);
  return { rows: rows.length, accuracy: (rows.length - misses.length) / rows.length, misses };
}

describe.each([
  { table: 'homeDevices.tuning.tsv', floor: 0.95 },
  { table: 'homeDevices.heldout.tsv', floor: 0.85 },
])('home devices on $table', ({ table, floor }) => {
  const figures = measure(table);
  test(`${figures.rows} rows | accuracy ${(figures.accuracy * 100).toFixed(1)}%`, () => {
    expect(figures.accuracy >= floor ? [] : figures.misses).toEqual([]);
  });
});
