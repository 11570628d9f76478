import { checkDraft, suggestReplies, SUGGESTION_FAMILIES, type Suggestion, type SuggestionFamily } from '../../src/assist';
import { asTemplate, CATEGORY_PHRASES, GENERIC_PHRASES } from '../../src/assist/replyPhrases';
import { CATEGORY_IDS, type CategoryId } from '../../src/domain/category';
import { DUE_TEXT, makeCase } from './assistFixtures';

const CATEGORIES: Array<CategoryId | undefined> = [...CATEGORY_IDS, undefined];
const ANGERS = { low: 0.05, mid: 0.3, high: 0.8 } as const;
const LATEST = [
  '到现在还没解决',
  '你们到底管不管？',
  '为什么会这样？',
  '好的，谢谢你',
  '什么时候能给我答复？',
  '我这个月已经是第三次找你们了',
];

const PLACEHOLDER = /[{}[\]【】<>]|XX|xx|某某|undefined|NaN|null|\?\?/;

function texts(s: Suggestion[]): string[] {
  return s.map((x) => x.text);
}

describe('suggestReplies', () => {
  describe.each(CATEGORIES.map((c) => [c ?? 'no category', c] as const))('%s', (_name, category) => {
    it.each(Object.entries(ANGERS))('gives at least three distinct, ready-to-send replies at %s anger', (_level, anger) => {
      for (let turn = 0; turn < 6; turn++) {
        for (const latest of LATEST) {
          const out = suggestReplies({ case: makeCase(category), latestCustomerText: latest, anger, turn });
          expect(out.length).toBeGreaterThanOrEqual(3);
          expect(new Set(texts(out)).size).toBe(out.length);
          for (const s of out) {
            expect(SUGGESTION_FAMILIES).toContain(s.family);
            expect(s.text).not.toMatch(PLACEHOLDER);
            expect(s.text.length).toBeGreaterThan(5);
            expect(s.text).toMatch(/[。？！]$/);
          }
        }
      }
    });

    it('reaches every phrase family across anger levels, turns and messages', () => {
      const seen = new Set<SuggestionFamily>();
      for (const anger of Object.values(ANGERS)) {
        for (let turn = 0; turn < 6; turn++) {
          for (const latest of LATEST) {
            for (const s of suggestReplies({ case: makeCase(category), latestCustomerText: latest, anger, turn })) seen.add(s.family);
          }
        }
      }
      expect([...seen].sort()).toEqual([...SUGGESTION_FAMILIES].sort());
    });

    it('changes the selection from one turn to the next, and with the latest message', () => {
      for (const anger of Object.values(ANGERS)) {
        const c = makeCase(category);
        const t1 = texts(suggestReplies({ case: c, latestCustomerText: '还是不行', anger, turn: 1 }));
        const t2 = texts(suggestReplies({ case: c, latestCustomerText: '还是不行', anger, turn: 2 }));
        expect(t2).not.toEqual(t1);
        const other = texts(suggestReplies({ case: c, latestCustomerText: '为什么一直拖着不处理？', anger, turn: 1 }));
        expect(other).not.toEqual(t1);
      }
    });

    it('never suggests wording the draft check would flag', () => {
      for (const anger of Object.values(ANGERS)) {
        for (let turn = 0; turn < 6; turn++) {
          for (const latest of [...LATEST, '我妈七十多岁了', '我要找工信部和记者曝光你们', '我都七十多岁了，眼神不好']) {
            const c = makeCase(category, {
              slots: { amount: '30', month: '3月', place: '阳光小区', staffId: '1024', phoneModel: '华为Mate60' },
            });
            for (const s of suggestReplies({ case: c, latestCustomerText: latest, anger, turn, agentNo: '8123' })) {
              expect({ text: s.text, problems: checkDraft(s.text).problems }).toEqual({ text: s.text, problems: [] });
            }
          }
        }
      }
    });
  });

  it('no written variant contains wording the draft check flags, or a stray placeholder', () => {
    const phrases = [GENERIC_PHRASES, ...Object.values(CATEGORY_PHRASES)].flatMap((f) =>
      Object.values(f)
        .flat()
        .map((p) => asTemplate(p).text),
    );
    expect(phrases.length).toBeGreaterThan(120);
    for (const text of phrases) {
      expect({ text, problems: checkDraft(text).problems }).toEqual({ text, problems: [] });
      expect(text.replace(/\{(ticket|due|cat|amount|month|place|hall|model|staff|agent|issues)\}/g, '')).not.toMatch(PLACEHOLDER);
    }
  });

  it('is deterministic for the same input', () => {
    const input = { case: makeCase('billing_dispute'), latestCustomerText: '凭什么扣我钱', anger: 0.4, turn: 3 };
    expect(suggestReplies(input)).toEqual(suggestReplies({ ...input }));
  });

  it('defaults the turn to the number of customer lines in the transcript', () => {
    const c = makeCase('product_quality', {
      transcript: [
        { from: 'customer', text: '信号太差', at: '2026-11-21T02:00:00Z' },
        { from: 'bot', text: '好的', at: '2026-11-21T02:00:01Z' },
        { from: 'customer', text: '在家里', at: '2026-11-21T02:00:02Z' },
      ],
    });
    expect(suggestReplies({ case: c, latestCustomerText: '快点', anger: 0.3 })).toEqual(
      suggestReplies({ case: c, latestCustomerText: '快点', anger: 0.3, turn: 2 }),
    );
  });

  it('fills in the ticket, the deadline in Beijing time, the amount and the month', () => {
    const c = makeCase('billing_dispute', { slots: { amount: '30.00', month: '3月' } });
    const all = new Set<string>();
    for (let turn = 0; turn < 12; turn++) {
      for (const latest of LATEST) {
        for (const anger of Object.values(ANGERS))
          texts(suggestReplies({ case: c, latestCustomerText: latest, anger, turn })).forEach((t) => all.add(t));
      }
    }
    const joined = [...all].join('\n');
    expect(joined).toContain('TS-20261121-0042');
    expect(joined).toContain(`${DUE_TEXT} 前`);
    expect(joined).toContain('30 元');
    expect(joined).not.toContain('30.00');
    expect(joined).toContain('3月的账单');
    expect(joined).toContain('3月账单里的 30 元');
    expect(joined).toContain('收费争议方面的问题');
  });

  it('uses the place, phone model, staff id and the agent number when known', () => {
    const collect = (category: CategoryId, slots: Record<string, string>, agentNo?: string) => {
      const all: string[] = [];
      for (let turn = 0; turn < 12; turn++) {
        for (const latest of LATEST) {
          for (const anger of [0.05, 0.3]) {
            all.push(...texts(suggestReplies({ case: makeCase(category, { slots }), latestCustomerText: latest, anger, turn, agentNo })));
          }
        }
      }
      return all.join('\n');
    };
    expect(collect('product_quality', { place: '阳光小区' })).toContain('阳光小区');
    expect(collect('product_quality', { phoneModel: '华为Mate60' })).toContain('华为Mate60');
    expect(collect('service_attitude', { staffId: '1024' })).toContain('工号 1024');
    expect(collect('service_attitude', { place: '人民路营业厅' })).toContain('人民路营业厅');
    expect(collect('service_attitude', { place: '阳光小区' })).not.toContain('阳光小区');
    expect(collect('business_handling', {}, '8123')).toContain('工号 8123');
    expect(collect('business_handling', {})).not.toContain('工号');
    const owned: string[] = [];
    for (let turn = 0; turn < 6; turn++) {
      owned.push(
        ...texts(
          suggestReplies({ case: makeCase('business_handling', { ownerAgentNo: '07' }), latestCustomerText: '还没好', anger: 0.05, turn }),
        ),
      );
    }
    expect(owned.join('\n')).toContain('工号 07');
  });

  it('mentions several grievances only when there are several', () => {
    const two = makeCase('billing_dispute', {
      issues: [
        { category: 'billing_dispute', text: '多扣了钱', answers: {} },
        { category: 'product_quality', text: '信号也很差', answers: {} },
      ],
    });
    const seen: string[] = [];
    for (let turn = 0; turn < 12; turn++)
      seen.push(...texts(suggestReplies({ case: two, latestCustomerText: '你们看着办', anger: 0.05, turn })));
    expect(seen.join('\n')).toMatch(/您提到的 2 件事/);
    const one: string[] = [];
    for (let turn = 0; turn < 12; turn++)
      one.push(...texts(suggestReplies({ case: makeCase('billing_dispute'), latestCustomerText: '你们看着办', anger: 0.05, turn })));
    expect(one.join('\n')).not.toMatch(/件事我都记在/);
  });

  describe('by anger', () => {
    it.each(CATEGORIES.map((c) => [c ?? 'no category', c] as const))(
      'strong anger (%s) opens with an apology or calming and keeps lines short',
      (_name, category) => {
        for (let turn = 0; turn < 6; turn++) {
          const out = suggestReplies({ case: makeCase(category), latestCustomerText: '你们这是什么破服务！！', anger: 0.9, turn });
          expect(['apology', 'calming']).toContain(out[0].family);
          expect(out.map((s) => s.family)).toEqual(expect.arrayContaining(['apology', 'calming', 'progress']));
          for (const s of out.filter((x) => x.family !== 'progress')) expect(s.text.length).toBeLessThanOrEqual(40);
        }
      },
    );

    it('strong anger gives shorter replies than calm messages', () => {
      const avg = (anger: number) => {
        let total = 0;
        let n = 0;
        for (const category of CATEGORY_IDS) {
          for (let turn = 0; turn < 6; turn++) {
            for (const s of suggestReplies({ case: makeCase(category), latestCustomerText: '还没好', anger, turn })) {
              total += s.text.length;
              n++;
            }
          }
        }
        return total / n;
      };
      expect(avg(0.9)).toBeLessThan(avg(0.05));
    });

    it.each(CATEGORY_IDS)('a calm message (%s) gets empathy, progress and thanks', (category) => {
      for (let turn = 0; turn < 6; turn++) {
        const families = suggestReplies({ case: makeCase(category), latestCustomerText: '麻烦帮我看一下', anger: 0.05, turn }).map(
          (s) => s.family,
        );
        expect(families.slice(0, 3)).toEqual(['empathy', 'progress', 'thanks']);
        expect(families.length).toBe(4);
      }
    });

    it('an annoyed message leads with empathy and adds an apology or calming line', () => {
      for (let turn = 0; turn < 6; turn++) {
        const families = suggestReplies({ case: makeCase('after_sales'), latestCustomerText: '怎么还没人来修', anger: 0.3, turn }).map(
          (s) => s.family,
        );
        expect(families[0]).toBe('empathy');
        expect(families.some((f) => f === 'apology' || f === 'calming')).toBe(true);
      }
    });
  });

  describe('by what the latest message says', () => {
    it('a «why?» gets an explanation from the customer’s side', () => {
      for (const anger of [0.05, 0.3]) {
        for (let turn = 0; turn < 4; turn++) {
          const out = suggestReplies({ case: makeCase('business_handling'), latestCustomerText: '为什么非得本人去营业厅？', anger, turn });
          expect(out.map((s) => s.family)).toContain('customer_side');
        }
      }
      const explained = suggestReplies({ case: makeCase('business_handling'), latestCustomerText: '凭什么要身份证', anger: 0.05, turn: 0 });
      expect(explained.find((s) => s.family === 'customer_side')?.text).toMatch(/是为了|这样|免得|更有保障/);
    });

    it('a «when?» puts the progress line first, with the deadline', () => {
      const out = suggestReplies({ case: makeCase('billing_dispute'), latestCustomerText: '到底什么时候给我退？', anger: 0.3, turn: 0 });
      expect(out[0].family).toBe('progress');
    });

    it('thanks from the customer are answered with thanks first', () => {
      const out = suggestReplies({ case: makeCase('product_quality'), latestCustomerText: '好的，谢谢你们', anger: 0.05, turn: 1 });
      expect(out[0].family).toBe('thanks');
    });

    it('the cue of the latest message picks the matching empathy line', () => {
      const c = makeCase('product_quality', { issues: [{ category: 'product_quality', text: '网速慢得要命', answers: {} }] });
      for (let turn = 0; turn < 4; turn++) {
        const out = suggestReplies({ case: c, latestCustomerText: '网速太慢了，网页都打不开', anger: 0.05, turn });
        expect(out.find((s) => s.family === 'empathy')?.text).toMatch(/网速/);
      }
    });

    it('the refund topic brings in the refund-per-policy line', () => {
      const c = makeCase('billing_dispute');
      const seen: string[] = [];
      for (let turn = 0; turn < 8; turn++)
        seen.push(...texts(suggestReplies({ case: c, latestCustomerText: '把多扣的钱退给我', anger: 0.3, turn })));
      expect(seen.join('\n')).toMatch(/按规定退/);
    });

    it('a missed repair visit is acknowledged for after-sales', () => {
      const c = makeCase('after_sales', { issues: [{ category: 'after_sales', text: '约好了师傅上门，结果没人来', answers: {} }] });
      const seen: string[] = [];
      for (let turn = 0; turn < 8; turn++)
        seen.push(...texts(suggestReplies({ case: c, latestCustomerText: '又白等了一天', anger: 0.3, turn })));
      expect(seen.join('\n')).toMatch(/没上门|没来/);
    });
  });

  describe('elderly customers', () => {
    it.each([0.05, 0.3, 0.9])('speak slowly and respectfully (anger %s)', (anger) => {
      for (const category of CATEGORIES) {
        for (let turn = 0; turn < 4; turn++) {
          const c = makeCase(category, { signals: ['elderly'] });
          const out = suggestReplies({ case: c, latestCustomerText: '我都七十多岁了，眼神不好，搞不懂这些', anger, turn });
          const joined = texts(out).join('\n');
          expect(joined).toMatch(/您老/);
          expect(out.map((s) => s.family)).toContain('calming');
          expect(out.find((s) => s.family === 'calming')?.text).toMatch(/不着急|慢慢|放心|别急/);
        }
      }
    });

    it('someone writing for an elderly parent is not called 您老', () => {
      for (let turn = 0; turn < 4; turn++) {
        const c = makeCase('business_handling', { signals: ['elderly'] });
        const out = suggestReplies({ case: c, latestCustomerText: '我妈七十多岁了，腿脚不方便，补卡非要本人去吗？', anger: 0.3, turn });
        const joined = texts(out).join('\n');
        expect(joined).not.toMatch(/您老/);
        expect(joined).toMatch(/老人家|家里老人/);
      }
    });

    it('the elderly signal on the case is enough', () => {
      const out = suggestReplies({
        case: makeCase('product_quality', { signals: ['elderly'] }),
        latestCustomerText: '还是没信号',
        anger: 0.3,
        turn: 0,
      });
      expect(texts(out).join('\n')).toMatch(/您老|不着急/);
    });
  });

  describe('threats to go to the regulator, media or lawyers', () => {
    it.each([0.3, 0.9])('are taken seriously without provoking (anger %s)', (anger) => {
      for (const category of CATEGORIES) {
        for (let turn = 0; turn < 4; turn++) {
          const out = suggestReplies({
            case: makeCase(category),
            latestCustomerText: '再不解决我就打12300找工信部，还要找记者曝光',
            anger,
            turn,
          });
          const valued = out.find((s) => s.family === 'valued');
          expect(valued?.text).toMatch(/重视|认真对待/);
          for (const s of out) {
            expect(s.text).not.toMatch(/没用|一样|随便|无所谓|别去/);
          }
        }
      }
    });

    it('the regulator signal on the case is enough', () => {
      const c = makeCase('billing_dispute', { signals: ['regulator'], escalationRisk: true });
      const out = suggestReplies({ case: c, latestCustomerText: '你们看着办吧', anger: 0.3, turn: 0 });
      expect(texts(out).join('\n')).toMatch(/重视|认真对待|重点/);
    });
  });

  it('a repeat complaint is acknowledged as such', () => {
    const seen: string[] = [];
    for (let turn = 0; turn < 4; turn++) {
      seen.push(
        ...texts(
          suggestReplies({
            case: makeCase('after_sales', { signals: ['repeat'] }),
            latestCustomerText: '这是我第三次打电话了',
            anger: 0.3,
            turn,
          }),
        ),
      );
    }
    expect(seen.join('\n')).toMatch(/好几次|反复|不用您再从头说|来回跑/);
  });

  it('works for a bare request for a human (no category yet)', () => {
    const out = suggestReplies({ case: makeCase(undefined), latestCustomerText: '转人工', anger: 0.05, turn: 0 });
    expect(out.length).toBeGreaterThanOrEqual(3);
    expect(texts(out).join('\n')).not.toMatch(/信号|账单|营业厅|业务|维修/);
  });

  it('leaves out the deadline when the case has none, rather than printing a blank', () => {
    const c = makeCase('billing_dispute', { responseDueAt: 'not a date' });
    for (let turn = 0; turn < 6; turn++) {
      for (const s of suggestReplies({ case: c, latestCustomerText: '什么时候给结果', anger: 0.3, turn })) {
        expect(s.text).not.toMatch(/ 前|NaN|Invalid/);
      }
    }
  });
});
