import * as fs from 'fs';
import * as path from 'path';
import { readAnswer, type AnswerKind, type AskedKind } from '../../intents/answerReading';

/**
 * The answer tables (cases/answers.*.tsv) through the real reader. Figures are in the test
 * names: `npx jest test/intents/answerReading --verbose` prints them.
 */
interface Row {
  line: number;
  text: string;
  expected: AnswerKind;
  /** What the reply answers: a question (the default), the summary read back, or «还需要补充什么？». */
  asked: AskedKind;
}

function readTable(name: string): Row[] {
  const file = path.join(__dirname, 'cases', name);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, i) => ({ raw: raw.replace(/\r$/, ''), line: i + 1 }))
    .filter(({ raw }) => raw.trim() && !raw.startsWith('#'))
    .map(({ raw, line }) => {
      const [text, expected, asked] = raw.split('\t');
      return { line, text, expected: expected.trim() as AnswerKind, asked: (asked?.trim() || 'question') as AskedKind };
    });
}

interface Figures {
  rows: number;
  accuracy: number;
  /** Real values kept as values: a value read as «不记得» loses what the customer said. */
  valuesKept: number;
  /** Non-answers not stored as values: the fault the tables were written for. */
  nonAnswersCaught: number;
  misses: string[];
}

function measure(rows: Row[]): Figures {
  const results = rows.map((r) => ({ ...r, got: readAnswer(r.text, r.asked).kind }));
  const share = (subset: typeof results, ok: (r: (typeof results)[number]) => boolean) =>
    subset.length ? subset.filter(ok).length / subset.length : 1;
  const values = results.filter((r) => r.expected === 'value');
  const others = results.filter((r) => r.expected !== 'value');
  return {
    rows: rows.length,
    accuracy: share(results, (r) => r.got === r.expected),
    valuesKept: share(values, (r) => r.got === 'value'),
    nonAnswersCaught: share(others, (r) => r.got !== 'value'),
    misses: results
      .filter((r) => r.got !== r.expected)
      .map((r) => `line ${r.line}: ${r.text} (${r.asked}) → ${r.got} (expected ${r.expected})`),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const describeFigures = (f: Figures) =>
  `${f.rows} rows | accuracy ${pct(f.accuracy)} | values kept ${pct(f.valuesKept)} | non-answers caught ${pct(f.nonAnswersCaught)}`;

describe.each([
  { table: 'answers.tuning.tsv', minAccuracy: 0.95, minValuesKept: 0.95, minCaught: 0.95 },
  { table: 'answers.heldout.tsv', minAccuracy: 0.85, minValuesKept: 0.9, minCaught: 0.85 },
])('answer reading on $table', ({ table, minAccuracy, minValuesKept, minCaught }) => {
  const rows = readTable(table);
  const figures = measure(rows);

  test('the table is big enough to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(new Set(rows.map((r) => r.expected)).size).toBeGreaterThanOrEqual(7);
  });

  test(describeFigures(figures), () => {
    // The misses are listed when a figure falls below its floor, so a regression says what broke.
    const ok = figures.accuracy >= minAccuracy && figures.valuesKept >= minValuesKept && figures.nonAnswersCaught >= minCaught;
    expect(ok ? [] : [describeFigures(figures), ...figures.misses]).toEqual([]);
  });
});

describe('readAnswer details', () => {
  test('a value said with a non-answer keeps the non-answer beside it', () => {
    expect(readAnswer('我一开始就说了报修两次了！单号哪记得住')).toEqual({
      kind: 'value',
      alongside: 'unknown',
      alongsideReason: 'forgot',
    });
  });

  test('«不用了» follows what was asked: nothing to add at the summary, a withdrawal only with words that say so', () => {
    expect(readAnswer('不用了', 'summary').kind).toBe('done');
    expect(readAnswer('不用了', 'addition').kind).toBe('done');
    expect(readAnswer('不用了，不投诉了', 'summary').kind).toBe('cancel');
    expect(readAnswer('算了不用登记了', 'summary').kind).toBe('cancel');
    expect(readAnswer('算了不用登记了').kind).toBe('cancel');
  });

  test('the reason tells forgetting from not knowing and from «you look it up»', () => {
    expect(readAnswer('不记得了').reason).toBe('forgot');
    expect(readAnswer('不知道').reason).toBe('notKnown');
    expect(readAnswer('没注意').reason).toBe('notNoticed');
    expect(readAnswer('你们自己查').reason).toBe('askUs');
    expect(readAnswer('问这个干嘛').reason).toBe('why');
    expect(readAnswer('不方便说').reason).toBe('private');
    expect(readAnswer('不用了').reason).toBe('declined');
  });
});
