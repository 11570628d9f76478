import { maskAmount, maskAmountsInText, maskForList, maskIdNumber, maskPhone, maskSlots, MASKED_AMOUNT } from '../../src/privacy/listMask';

describe('masking for staff lists', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['010-62345678', '*******5678'],
    ['123', '****'],
  ])('phone %s → %s', (value, masked) => expect(maskPhone(value)).toBe(masked));

  it.each([
    ['11010119900307123X', '110101********123X'],
    ['110101199003071234', '110101********1234'],
    ['AB1234567', '*****4567'],
  ])('ID %s → %s', (value, masked) => expect(maskIdNumber(value)).toBe(masked));

  it('hides every amount entirely', () => {
    expect(maskAmount('80')).toBe('**元');
    expect(maskAmount(12.5)).toBe(MASKED_AMOUNT);
  });

  it.each([
    ['这个月多扣了58元', '这个月多扣了**元'],
    ['账单 128.50 块钱不对', '账单 **元不对'],
    ['收了我三十多块', '收了我**元'],
    ['套餐费￥199', '套餐费**元'],
    ['1.2万元的宽带', '**元的宽带'],
    ['多收 30', '多收 **元'],
    ['扣费 20GB 流量', '扣费 20GB 流量'],
    ['3月5号，信号差了10天', '3月5号，信号差了10天'],
  ])('amounts in %s', (text, masked) => expect(maskAmountsInText(text)).toBe(masked));

  it('masks phone, ID and amounts together without mangling one into another', () => {
    expect(maskForList('手机13812345678被扣了58元，身份证110101199003071234')).toBe('手机138****5678被扣了**元，身份证110101********1234');
    expect(maskForList('工单 TS-20250101-0001')).toBe('工单 TS-20250101-0001');
  });

  it('masks slots by kind', () => {
    expect(maskSlots({ phone: '13812345678', idNumber: '110101199003071234', amount: '58', month: '3月', place: '朝阳区' })).toEqual({
      phone: '138****5678',
      idNumber: '110101********1234',
      amount: '**元',
      month: '3月',
      place: '朝阳区',
    });
  });
});
