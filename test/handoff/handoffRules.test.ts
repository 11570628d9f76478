import { loadConfig } from '../../src/config/env';
import { asksForPerson } from '../../intents';
import { handoffReasons, DEFAULT_HANDOFF_RULES } from '../../src/handoff/handoffRules';
import { makeCase } from './caseFactory';

describe('handoff rules', () => {
  it('fires the built-in rules on escalation risk, elderly and urgent customers', () => {
    expect(handoffReasons(makeCase({ escalationRisk: true }), DEFAULT_HANDOFF_RULES)).toEqual(['escalation']);
    expect(handoffReasons(makeCase({ signals: ['elderly'] }), DEFAULT_HANDOFF_RULES)).toEqual(['elderly']);
    expect(handoffReasons(makeCase({ signals: ['urgent'] }), DEFAULT_HANDOFF_RULES)).toEqual(['urgent']);
    expect(handoffReasons(makeCase({ signals: ['repeat'], anger: 0.9 }), DEFAULT_HANDOFF_RULES)).toEqual([]);
  });

  it('adds the configured rules', () => {
    const rules = { categories: ['after_sales' as const], anger: 0.5, signals: ['media' as const] };
    expect(
      handoffReasons(
        makeCase({ category: 'billing_dispute', issues: [{ category: 'after_sales', text: '光猫坏了', answers: {} }] }),
        rules,
      ),
    ).toEqual(['category']);
    expect(handoffReasons(makeCase({ anger: 0.6 }), rules)).toEqual(['anger']);
    expect(handoffReasons(makeCase({ signals: ['media'] }), rules)).toEqual(['signal']);
  });

  it('tells a request for a person from words that are not one (the one lexicon)', () => {
    expect(asksForPerson('转人工')).toBe(true);
    expect(asksForPerson('我要找真人客服')).toBe(true);
    expect(asksForPerson('转人攻')).toBe(true);
    expect(asksForPerson('叫你们经理来')).toBe(true);
    expect(asksForPerson('帮我找客服')).toBe(true);
    expect(asksForPerson('qwerty zxcv')).toBe(false);
    // A complaint about the service staff is not a request for a person.
    expect(asksForPerson('你们客服态度差')).toBe(false);
    expect(asksForPerson(undefined)).toBe(false);
  });

  it('reads the extra rules from the environment and refuses unknown values', () => {
    const config = loadConfig({
      HANDOFF_CATEGORIES: 'billing_dispute, after_sales',
      HANDOFF_ANGER: '0.6',
      HANDOFF_SIGNALS: 'media,lawyer',
      HANDOFF_WAIT_MINUTES: '5',
    });
    expect(config.handoff).toEqual({
      categories: ['billing_dispute', 'after_sales'],
      anger: 0.6,
      signals: ['media', 'lawyer'],
      waitMinutesPerPlace: 5,
    });
    expect(loadConfig({}).handoff).toEqual({ categories: [], anger: undefined, signals: [], waitMinutesPerPlace: 3 });
    expect(() => loadConfig({ HANDOFF_CATEGORIES: 'billing' })).toThrow(/HANDOFF_CATEGORIES.*billing/);
    expect(() => loadConfig({ HANDOFF_ANGER: '2' })).toThrow(/HANDOFF_ANGER/);
    expect(() => loadConfig({ HANDOFF_SIGNALS: 'tv' })).toThrow(/HANDOFF_SIGNALS/);
  });
});
