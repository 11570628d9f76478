import { loadRecognizer } from '../../intents';

/** Each grievance carries the facts told in its own words, so the dialogs ask each one only what it lacks. */
const recognizer = loadRecognizer();

describe('slots per issue', () => {
  it('gives a place to the signal and an amount to the bill', () => {
    const u = recognizer.understand('我家小区信号很差，经常打不了电话。另外这个月话费多扣了38元，我根本没订过那个业务');
    expect(u.issues.map((i) => i.category)).toEqual(['product_quality', 'billing_dispute']);
    expect(u.issues[0].slots?.amount).toBeUndefined();
    expect(u.issues[1].slots).toMatchObject({ amount: '38' });
    expect(u.slots).toMatchObject({ amount: '38' });
  });

  it('a single grievance carries the message’s slots', () => {
    const u = recognizer.understand('这个月话费多扣了38元');
    expect(u.issues).toHaveLength(1);
    expect(u.issues[0].slots).toEqual(u.slots);
  });

  it('a grievance without facts carries none', () => {
    const u = recognizer.understand('你们客服态度太差了');
    expect(u.issues[0].slots).toBeUndefined();
  });
});
