/**
 * The fragment head (intents/fragmentHead.ts): a second reading, from the category model's own
 * rows, of whether a clause carries a grievance. Its effect on whole messages is measured by the
 * fragment tables (fragments.test.ts); here: its data is what the tuning tables say, its
 * threshold keeps grievances grievances out of fold, and a model without it still works.
 */
import * as fs from 'fs';
import { loadRecognizer, trainTextClassifier } from '../../intents';
import { readsAsFragment } from '../../intents/fragmentHead';
import { dataPath } from '../../intents/packageRoot';
import { fragmentClauseSet } from '../../intents/tools/fragmentClauseSet';

const recognizer = loadRecognizer();

test('its packaged clauses are the ones made from the tuning tables (node dist/intents/tools/fragmentClauseSet.js)', () => {
  expect(fs.readFileSync(dataPath('fragment-clauses.tsv'), 'utf8') === fragmentClauseSet()).toBe(true);
});

test('the built-in model carries a head whose threshold keeps nearly every grievance a grievance out of fold', () => {
  const head = recognizer.classifier.file.fragmentHead!;
  expect(head).toBeDefined();
  expect(head.crossValidation.falseFragmentRate).toBeLessThanOrEqual(0.01);
  expect(head.crossValidation.recall).toBeGreaterThan(0.3);
  expect(head.threshold).toBeGreaterThanOrEqual(0.5);
});

test('a clause the written expressions miss can still read as a fragment, and a grievance stays one', () => {
  const classifier = recognizer.classifier;
  const p = (clause: string) => classifier.fragmentProbability(classifier.analyze(clause), 0);
  // consequences and talk about the telling, in words no expression holds
  for (const clause of ['队友都骂我了', '害得我白跑一趟']) expect([clause, p(clause) > p('又多扣了我二十块')]).toEqual([clause, true]);
  for (const clause of ['又多扣了我二十块', '客服直接挂我电话', '宽带一到晚上就断', '师傅约好了没来'])
    expect([clause, readsAsFragment(classifier, clause)]).toEqual([clause, false]);
});

test('a model trained without fragment clauses has no head and reads fragments by the written rules alone', () => {
  const examples = [
    ...['宽带坏了没人修', '光猫坏了', '师傅不上门', '报修三天没人来'].map((text) => ({ text, label: 'after_sales' })),
    ...['多扣了我二十', '乱收费', '话费不对', '扣了两次月租'].map((text) => ({ text, label: 'billing_dispute' })),
  ];
  const plain = trainTextClassifier(examples, { select: false });
  expect(plain.readsFragments).toBe(false);
  expect(plain.file.fragmentHead).toBeUndefined();
  expect(readsAsFragment(plain, '都一个月了')).toBe(true);
  expect(readsAsFragment(plain, '多扣了我二十')).toBe(false);
  const withHead = trainTextClassifier(examples, {
    select: false,
    fragmentClauses: [
      { text: '都一个月了', fragment: true },
      { text: '光猫坏了', fragment: false },
    ],
  });
  expect(withHead.readsFragments).toBe(true);
});
