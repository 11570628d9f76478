/** Multi-grievance messages: split, classify each grievance, keep the order. */
import { loadRecognizer, splitClauses } from '../../intents';
import { multiReport } from '../../bench/heldout';

const recognizer = loadRecognizer();

describe('splitting a message into grievances', () => {
  it('returns each grievance of the example as its own issue', () => {
    const u = recognizer.understand('信号差，而且多扣我80块，客服还挂我电话');
    expect(u.issues.map((i) => i.category)).toEqual(['product_quality', 'billing_dispute', 'service_attitude']);
    expect(u.issues.map((i) => i.text)).toEqual(['信号差', '而且多扣我80块', '客服还挂我电话']);
    expect(u.issues.map((i) => i.category)).toContain(u.category);
  });

  it('handles enumerations', () => {
    const u = recognizer.understand('第一，补卡办不了。第二，网速太慢。第三，营业厅的人态度差');
    expect(u.issues.map((i) => i.category)).toEqual(['business_handling', 'product_quality', 'service_attitude']);
    expect(u.issues[1].text).toBe('第二，网速太慢。');
  });

  it('keeps one grievance told in several clauses together', () => {
    const u = recognizer.understand('我家宽带坏了，打电话报修，说好今天上门，到现在也没人来');
    expect(u.issues).toHaveLength(1);
    expect(u.issues[0].category).toBe('after_sales');
  });

  it('attaches a greeting to the grievance instead of making it an issue', () => {
    const u = recognizer.understand('你好，我这个月话费多扣了50块');
    expect(u.issues).toHaveLength(1);
    expect(u.category).toBe('billing_dispute');
  });

  it('quotes the customer’s own characters in issue texts', () => {
    const u = recognizer.understand('網速太慢了，而且客服態度很差');
    expect(u.issues.map((i) => i.text)).toEqual(['網速太慢了', '而且客服態度很差']);
  });

  it('cuts clauses at punctuation and connectors, connector-only pieces joining what follows', () => {
    const text = '信号差而且扣费多。第二，客服不理人';
    const clauses = splitClauses(text);
    expect(clauses.map((c) => c.text)).toEqual(['信号差', '而且扣费多。', '第二，客服不理人']);
    expect(clauses.map((c) => c.boundary)).toEqual(['start', 'connector', 'connector']);
    for (const c of clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('does not cut at 还有 inside a clause (我还有问题)', () => {
    expect(splitClauses('我还有问题没解决').map((c) => c.text)).toEqual(['我还有问题没解决']);
  });

  it('reads 还有 as «still has», not as a new grievance, after 明明/都/也 and before 没有', () => {
    expect(splitClauses('流量明明还有却提示我欠费停机了').map((c) => c.text)).toEqual(['流量明明还有却提示我欠费停机了']);
    expect(splitClauses('宽带坏了三天还有没有人管').map((c) => c.text)).toEqual(['宽带坏了三天还有没有人管']);
    expect(splitClauses('网速慢还有客服态度差').map((c) => c.text)).toEqual(['网速慢', '还有客服态度差']);
  });

  it('ends a clause at emoji, which stay with the clause before them', () => {
    expect(splitClauses('维修师傅不上门😡 客服还挂电话😡').map((c) => c.text)).toEqual(['维修师傅不上门😡 ', '客服还挂电话😡']);
    expect(splitClauses('😡😡又扣我钱').map((c) => c.text)).toEqual(['😡😡又扣我钱']);
  });

  it('ends a clause at a + or / between words, not inside a plan name or a figure', () => {
    expect(splitClauses('网速慢+乱扣费/客服差评').map((c) => c.text)).toEqual(['网速慢+', '乱扣费/', '客服差评']);
    expect(splitClauses('办了5G+套餐网速100M/s都不到').map((c) => c.text)).toEqual(['办了5G+套餐网速100M/s都不到']);
  });

  it('gets most of the blind multi-grievance set exactly right, in order', () => {
    const r = multiReport(recognizer);
    expect(r.examples).toBeGreaterThanOrEqual(30);
    // measured 0.775 exact, 0.905 of gold labels found; the gate leaves room for retraining noise
    expect(r.exactOrder).toBeGreaterThanOrEqual(0.65);
    expect(r.labelRecall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('breaks before a new grievance', () => {
  const clauses = (text: string) => splitClauses(text).map((c) => [c.boundary, c.text]);

  test('一、二、 after a colon or a comma are enumerators, not a 、 list', () => {
    expect(clauses('就两件事：一、号码被停机，二、月租照扣')).toEqual([
      ['start', '就两件事：'],
      ['connector', '一、号码被停机，'],
      ['connector', '二、月租照扣'],
    ]);
    // a list of items stays one clause per item, with no connector
    expect(clauses('信号、网速、宽带都不行').map(([b]) => b)).not.toContain('connector');
  });

  test('«…不说，» and «…也就算了，» set one grievance aside for the next', () => {
    expect(clauses('补卡收了20块不说，新卡还用不了')[1][0]).toBe('connector');
    expect(clauses('网慢也就算了，还天天断')[1][0]).toBe('connector');
    expect(clauses('网速慢，还天天断')[1][0]).toBe('comma');
  });
});
