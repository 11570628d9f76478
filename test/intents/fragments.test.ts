/**
 * Fragments are not grievances: a clause that only says how long, how angry or who the customer
 * is belongs to the grievance next to it. The tables hold whole messages and the grievances a
 * person reads in them; the figures are printed so a change in the reading shows as a number.
 */
import { loadRecognizer } from '../../intents';
import { isFragment } from '../../intents/fragments';
import { percent, readCaseTable } from '../helpers/caseTable';

const recognizer = loadRecognizer();

interface Figures {
  messages: number;
  exact: number;
  spurious: number;
  multi: number;
  multiFound: number;
  misses: string[];
}

function measure(table: string): Figures {
  const f: Figures = { messages: 0, exact: 0, spurious: 0, multi: 0, multiFound: 0, misses: [] };
  for (const [message, expected] of readCaseTable(table, 2)) {
    const want = expected.split(',');
    const u = recognizer.understand(message);
    const got = u.issues.length ? u.issues.map((i) => i.category as string) : [u.category as string];
    f.messages++;
    if (got.join(',') === want.join(',')) f.exact++;
    else f.misses.push(`${message} → ${got.join(',')} (want ${expected})`);
    f.spurious += Math.max(0, got.length - want.length);
    if (want.length >= 2) {
      f.multi += want.length;
      f.multiFound += want.filter((c) => got.includes(c)).length;
    }
  }
  const line = `${table}: exact ${percent(f.exact, f.messages)} (${f.exact}/${f.messages}), spurious per message ${(f.spurious / f.messages).toFixed(3)}, multi recall ${percent(f.multiFound, f.multi)}`;
  console.log([line, ...f.misses.map((m) => `  ${m}`)].join('\n'));
  return f;
}

describe('fragments side with the grievance next to them', () => {
  test.each([
    ['都一个月了！', true],
    ['气死我了！！！', true],
    ['什么玩意！！', true],
    ['我是十年的老用户了', true],
    ['到现在也没人来', true],
    ['网速慢得要死', false],
    ['又多扣我十块', false],
    ['营业员态度差', false],
    ['', false],
  ])('%s is a fragment: %s', (clause, fragment) => {
    expect(isFragment(clause)).toBe(fragment);
  });

  test('「都一个月了！」 is part of the signal complaint, not a billing dispute', () => {
    const u = recognizer.understand('我家手机信号特别差，打电话老断线，都一个月了！');
    expect(u.issues.map((i) => i.category)).toEqual(['product_quality']);
  });

  test('real second grievances still split off', () => {
    const u = recognizer.understand('宽带坏了，都三天了还没人来修，而且话费还多扣了');
    expect(u.issues.map((i) => i.category)).toEqual(['after_sales', 'billing_dispute']);
    expect(u.issues[0].text).toBe('宽带坏了，都三天了还没人来修');
  });

  test('tuning table: few spurious issues, multi-grievance messages still found', () => {
    const f = measure('fragments.tuning.tsv');
    expect(f.spurious / f.messages).toBeLessThanOrEqual(0.1);
    // 0.867 with or without the fragment rule: the two misses are clauses the classifier itself merges.
    expect(f.multiFound / f.multi).toBeGreaterThanOrEqual(0.85);
    expect(f.exact / f.messages).toBeGreaterThanOrEqual(0.85);
  });

  test('held-out table (never tuned on): the same bars', () => {
    const f = measure('fragments.heldout.tsv');
    expect(f.spurious / f.messages).toBeLessThanOrEqual(0.1);
    expect(f.multiFound / f.multi).toBeGreaterThanOrEqual(0.9);
    expect(f.exact / f.messages).toBeGreaterThanOrEqual(0.8);
  });
});
