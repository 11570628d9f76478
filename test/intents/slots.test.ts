import { chineseToNumber, extractSlots } from '../../intents';
import { slotsReport } from '../../bench/heldout';

describe('slot extraction', () => {
  it.each<[string, Record<string, string>]>([
    ['我的手机号13812345678，多扣了80块', { phone: '13812345678', amount: '80' }],
    ['号码138****5678', { phone: '138****5678' }],
    ['号码 138 1234 5678', { phone: '13812345678' }],
    ['身份证440102199001011234', { idNumber: '440102199001011234' }],
    ['身份证号4401**********123X', { idNumber: '4401**********123X' }],
    ['扣了我八十块钱', { amount: '80' }],
    ['多收了两百五十元', { amount: '250' }],
    ['退我12.5元', { amount: '12.5' }],
    ['￥39的套餐', { amount: '39' }],
    ['3月份的账单', { month: '3月份' }],
    ['上个月的话费', { month: '上个月' }],
    ['2024年3月5日去的营业厅', { date: '2024年3月5日' }],
    ['昨天晚上八点没信号', { date: '昨天', time: '晚上八点' }],
    ['下午3点半', { time: '下午3点半' }],
    ['22:30以后网速很慢', { time: '22:30' }],
    ['工号是A1023的客服', { staffId: 'A1023' }],
    ['工单号TS-20251121-0042还没处理', { ticketId: 'TS-20251121-0042' }],
    ['投诉单号20240315001', { ticketId: '20240315001' }],
    ['我用的华为Mate60', { phoneModel: '华为Mate60' }],
    ['iPhone 15 Pro收不到短信', { phoneModel: 'iPhone 15 Pro' }],
    ['人民路营业厅的人态度差', { place: '人民路营业厅' }],
    ['我住阳光小区3号楼，地下室没信号', { place: '阳光小区3号楼' }],
  ])('%s', (text, expected) => {
    expect(extractSlots(text)).toMatchObject(expected);
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['杭州市西湖区文三路的家里，在室内', { place: '杭州市西湖区文三路', placeSetting: '室内' }],
    ['我家里信号差', { place: undefined, placeSetting: '室内' }],
    ['你们营业厅的人态度太差了', { place: '营业厅' }],
    [
      '杭州市西湖区文三路88号家里室内信号很差，从上个月开始的',
      { place: '杭州市西湖区文三路88号', date: undefined, month: '上个月', placeSetting: '室内' },
    ],
    ['上个月3号开始没信号', { date: '上个月3号' }],
    ['人民路3号，3号那天断的网', { place: '人民路3号', date: '3号' }],
    ['1号楼地下车库没信号', { place: '1号楼地下车库', placeSetting: '地下', date: undefined }],
    ['已经一个多月了', { duration: '一个多月' }],
  ])('where and when: %s', (text, expected) => {
    const s = extractSlots(text) as Record<string, string | undefined>;
    for (const [k, v] of Object.entries(expected)) expect([k, s[k]]).toEqual([k, v]);
  });

  it('does not read a building number or a bare 一点 as a date or time', () => {
    const s = extractSlots('3号楼的信号能不能好一点');
    expect(s.date).toBeUndefined();
    expect(s.time).toBeUndefined();
  });

  it('does not take the day a customer means to act («我明天就去消协») for when it happened', () => {
    expect(extractSlots('话费多扣的钱再不退，我明天就去消协').date).toBeUndefined();
    expect(extractSlots('下周再不修好我就投诉').date).toBeUndefined();
    expect(extractSlots('师傅说明天上门').date).toBe('明天');
    expect(extractSlots('昨天下午断的网，明天再不修我就投诉').date).toBe('昨天');
  });

  it('reads Chinese numerals', () => {
    expect(chineseToNumber('八十')).toBe(80);
    expect(chineseToNumber('一百二十')).toBe(120);
    expect(chineseToNumber('两百五')).toBe(250);
    expect(chineseToNumber('三千')).toBe(3000);
    expect(chineseToNumber('1.5万')).toBe(15000);
    expect(chineseToNumber('十二')).toBe(12);
  });

  it('fills the blind slot set', () => {
    const r = slotsReport(extractSlots);
    // measured: 0.90 exact, 0.98 when wording differs only at the edges
    expect(r.slotRecall).toBeGreaterThanOrEqual(0.85);
    expect(r.slotRecallLenient).toBeGreaterThanOrEqual(0.95);
    expect(r.extraPerLine).toBeLessThan(0.5);
  });
});
