/**
 * Quality gates on data the model never saw: the blind held-out customer messages
 * (test/fixtures/heldout/customer.tsv) and the corpus's own held-out fifth. Aggregate figures
 * only; the fixtures are never trained on.
 */
import { evaluatePredictions, isHeldOut, loadRecognizer, readCorpus } from '../../intents';
import { customerReport, traditional } from '../../bench/heldout';

const recognizer = loadRecognizer();

describe('built-in classifier on held-out data', () => {
  const report = customerReport(recognizer);

  it('reaches macro-F1 ≥ 0.90 over the five categories on the blind customer set', () => {
    expect(report.examples).toBeGreaterThanOrEqual(500);
    expect(report.macroF1Five).toBeGreaterThanOrEqual(0.9);
    for (const m of report.evaluation.perLabel) expect(m.f1).toBeGreaterThan(0.85);
  });

  it('keeps non-complaints out of the categories and complaints out of none', () => {
    expect(report.noneKeptOut).toBeGreaterThanOrEqual(0.9);
    expect(report.complaintsLost).toBeLessThanOrEqual(0.03);
  });

  it('classifies traditional characters as well as simplified', () => {
    const trad = customerReport(recognizer, traditional);
    // the conversion really changed the text
    expect(traditional('宽带坏了，账单不对，网络很慢')).not.toBe('宽带坏了，账单不对，网络很慢');
    expect(trad.accuracy).toBeGreaterThanOrEqual(report.accuracy - 0.01);
    expect(trad.macroF1Five).toBeGreaterThanOrEqual(0.9);
  });

  it('scores well on the corpus held-out split, which training never sees', () => {
    const corpus = readCorpus();
    expect(corpus.heldOut.length).toBeGreaterThan(300);
    expect(corpus.train.some((e) => isHeldOut(e.text))).toBe(false);
    expect(corpus.heldOut.every((e) => isHeldOut(e.text))).toBe(true);
    const ev = evaluatePredictions(
      corpus.heldOut.map((e) => e.label),
      corpus.heldOut.map((e) => recognizer.understand(e.text).category as string),
    );
    expect(ev.macroF1).toBeGreaterThanOrEqual(0.88);
  });
});

describe('Understanding shape', () => {
  it('fills every field and leaves issues empty for none', () => {
    const u = recognizer.understand('你好');
    expect(u).toMatchObject({
      text: '你好',
      category: 'none',
      issues: [],
      signals: [],
      escalationRisk: false,
      slots: {},
      smallTalk: 'greeting',
    });
    expect(u.confidence).toBeGreaterThan(0.5);
    expect(u.emotion.anger).toBe(0);
  });

  it('gives a complaint at least one issue of its category', () => {
    const u = recognizer.understand('我家光猫坏了，报修三天没人来');
    expect(u.category).toBe('after_sales');
    expect(u.issues[0]).toMatchObject({ category: 'after_sales' });
    expect(u.confidence).toBeGreaterThan(0.5);
  });

  it('treats an empty message as none', () => {
    expect(recognizer.understand('   ')).toMatchObject({ category: 'none', issues: [] });
  });
});
