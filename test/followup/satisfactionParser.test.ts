import { isUnhappy, parseSatisfaction } from '../../src/followup/satisfactionParser';

describe('parseSatisfaction: the customer answers «满意吗？1-5 分»', () => {
  it.each([
    ['5', 5],
    ['1', 1],
    ['３', 3],
    ['⑤', 5],
    ['②', 2],
    ['五分', 5],
    ['两分', 2],
    ['4星', 4],
    ['5分', 5],
    ['给5分，谢谢小哥', 5],
    ['满分', 5],
    ['非常满意', 5],
    ['很满意！', 5],
    ['满意', 4],
    ['挺好的', 4],
    ['好的谢谢', 4],
    ['还行', 3],
    ['一般', 3],
    ['一般般吧', 3],
    ['不满意', 2],
    ['不太满意', 2],
    ['问题根本没解决', 2],
    ['很不满意', 1],
    ['非常不满意', 1],
    ['差评', 1],
    ['不满意，问题根本没解决还让我等了三天，你们这服务真是让人寒心到家了我要再投诉一次', 2],
  ])('%s → %i', (text, score) => {
    expect(parseSatisfaction(text)?.score).toBe(score);
  });

  it.each([
    '我10月的账单又多扣了',
    '13812345678',
    '今天几点下班',
    '宽带还是断',
    '？',
    '可以帮我查一下流量吗',
    '不好意思再问一下',
    '一般多久能到账',
  ])('%s is not an answer', (text) => {
    expect(parseSatisfaction(text)).toBeUndefined();
  });

  it('keeps the customer’s own words', () => {
    expect(parseSatisfaction(' 不满意，钱还没退 ')).toEqual({ score: 2, words: '不满意，钱还没退' });
  });

  it('counts 1 and 2 as unhappy, 3 and up as not', () => {
    expect([1, 2, 3, 4, 5].map((s) => isUnhappy(s as 1))).toEqual([true, true, false, false, false]);
  });
});
