import { nextSteps, type NextStep } from '../../src/assist';
import { CATEGORY_IDS } from '../../src/domain/category';
import { DUE_TEXT, line, makeCase } from './assistFixtures';

function byId(steps: NextStep[]): Record<string, NextStep> {
  return Object.fromEntries(steps.map((s) => [s.id, s]));
}

/** A case whose texts say nothing a checklist regex could pick up. */
function bare(category: (typeof CATEGORY_IDS)[number]) {
  return makeCase(category, { issues: [{ category, text: '有个问题', answers: {} }] });
}

const TAIL = ['common.deadline', 'common.result', 'common.followup'];

describe('nextSteps', () => {
  it('gives each category its checklist from DOMAIN.md, then the common tail, with stable ids', () => {
    const ids = (category: (typeof CATEGORY_IDS)[number]) => nextSteps(bare(category)).map((s) => s.id);
    expect(ids('product_quality')).toEqual([
      'product_quality.place',
      'product_quality.since',
      'product_quality.phoneModel',
      'product_quality.neighbours',
      'product_quality.selfCheck',
      'product_quality.handoff',
      ...TAIL,
    ]);
    expect(ids('billing_dispute')).toEqual([
      'billing_dispute.month',
      'billing_dispute.item',
      'billing_dispute.amount',
      'billing_dispute.subscribed',
      'billing_dispute.evidence',
      'billing_dispute.refund',
      ...TAIL,
    ]);
    expect(ids('service_attitude')).toEqual([
      'service_attitude.where',
      'service_attitude.when',
      'service_attitude.staff',
      'service_attitude.said',
      'service_attitude.apologise',
      'service_attitude.feedback',
      ...TAIL,
    ]);
    expect(ids('business_handling')).toEqual([
      'business_handling.transaction',
      'business_handling.channel',
      'business_handling.failure',
      'business_handling.told',
      ...TAIL,
    ]);
    expect(ids('after_sales')).toEqual([
      'after_sales.device',
      'after_sales.symptom',
      'after_sales.tried',
      'after_sales.ticket',
      'after_sales.missed',
      'after_sales.visit',
      ...TAIL,
    ]);
  });

  it.each(CATEGORY_IDS)('starts with nothing ticked when the case knows nothing yet (%s)', (category) => {
    const steps = nextSteps(bare(category));
    expect(steps.every((s) => !s.done)).toBe(true);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    for (const s of steps) expect(s.text.length).toBeGreaterThan(4);
  });

  it('the step texts say what DOMAIN.md asks for', () => {
    const text = (category: (typeof CATEGORY_IDS)[number]) =>
      nextSteps(bare(category))
        .map((s) => s.text)
        .join('\n');
    expect(text('product_quality')).toMatch(/室内[\s\S]*型号[\s\S]*附近[\s\S]*重启[\s\S]*飞行模式[\s\S]*网络优化/);
    expect(text('billing_dispute')).toMatch(/月份[\s\S]*费用[\s\S]*金额[\s\S]*订购[\s\S]*合同[\s\S]*退费[\s\S]*补偿/);
    expect(text('service_attitude')).toMatch(/营业厅[\s\S]*时间[\s\S]*工号[\s\S]*经过[\s\S]*道歉[\s\S]*反馈/);
    expect(text('business_handling')).toMatch(/业务[\s\S]*渠道[\s\S]*哪一步[\s\S]*答复/);
    expect(text('after_sales')).toMatch(/设备[\s\S]*故障[\s\S]*试过[\s\S]*报修单号[\s\S]*上门/);
  });

  describe('done follows what the case already has', () => {
    it('billing: month and amount slots tick those steps and show the values', () => {
      const steps = byId(
        nextSteps(
          makeCase('billing_dispute', {
            issues: [{ category: 'billing_dispute', text: '有个问题', answers: {} }],
            slots: { amount: '30', month: '3月' },
          }),
        ),
      );
      expect(steps['billing_dispute.month']).toMatchObject({ done: true });
      expect(steps['billing_dispute.month'].text).toContain('3月');
      expect(steps['billing_dispute.amount']).toMatchObject({ done: true });
      expect(steps['billing_dispute.amount'].text).toContain('30 元');
      expect(steps['billing_dispute.item'].done).toBe(false);
      expect(steps['billing_dispute.subscribed'].done).toBe(false);
      expect(steps['billing_dispute.evidence'].done).toBe(false);
      expect(steps['billing_dispute.refund'].done).toBe(false);
    });

    it('billing: the intake answers and the complaint text tick item, subscription and month', () => {
      const c = makeCase('billing_dispute', {
        issues: [{ category: 'billing_dispute', text: '莫名其妙扣了彩铃费', answers: { month: '上个月' } }],
        slots: { month: '上个月' },
      });
      const steps = byId(nextSteps(c));
      expect(steps['billing_dispute.item'].done).toBe(true);
      expect(steps['billing_dispute.subscribed'].done).toBe(true);
      expect(steps['billing_dispute.month'].done).toBe(true);
      expect(steps['billing_dispute.amount'].done).toBe(false);
    });

    it('billing: the agent showing records and refunding ticks evidence and refund', () => {
      const c = makeCase('billing_dispute', {
        issues: [{ category: 'billing_dispute', text: '有个问题', answers: {} }],
        transcript: [line('customer', '扣错了'), line('agent', '我查了您的订购记录，确实没有办理记录，这 30 元会退还给您。')],
      });
      const steps = byId(nextSteps(c));
      expect(steps['billing_dispute.evidence'].done).toBe(true);
      expect(steps['billing_dispute.refund'].done).toBe(true);
    });

    it('signal: place and phone model slots, the neighbours answer and reported self-checks', () => {
      const c = makeCase('product_quality', {
        issues: [{ category: 'product_quality', text: '信号差', answers: { neighbours: '邻居也一样' } }],
        slots: { place: '阳光小区', phoneModel: 'iPhone 15' },
        transcript: [line('customer', '重启过了，没用')],
      });
      const steps = byId(nextSteps(c));
      expect(steps['product_quality.place']).toMatchObject({ done: true });
      expect(steps['product_quality.place'].text).toContain('阳光小区');
      expect(steps['product_quality.phoneModel'].done).toBe(true);
      expect(steps['product_quality.neighbours'].done).toBe(true);
      expect(steps['product_quality.selfCheck'].done).toBe(true);
      expect(steps['product_quality.since'].done).toBe(false);
      expect(steps['product_quality.handoff'].done).toBe(false);
    });

    it('signal: «since when» from the date slot or the customer’s words', () => {
      expect(
        byId(
          nextSteps(
            makeCase('product_quality', {
              issues: [{ category: 'product_quality', text: '信号差', answers: {} }],
              slots: { date: '11月3日' },
            }),
          ),
        )['product_quality.since'].done,
      ).toBe(true);
      expect(
        byId(
          nextSteps(makeCase('product_quality', { issues: [{ category: 'product_quality', text: '这三天晚上信号特别差', answers: {} }] })),
        )['product_quality.since'].done,
      ).toBe(true);
    });

    it('attitude: staff id slot, the agent’s apology and feedback to the hall', () => {
      const c = makeCase('service_attitude', {
        issues: [{ category: 'service_attitude', text: '工作人员冲我吼', answers: { where: '人民路营业厅', when: '昨天下午' } }],
        slots: { staffId: '1024' },
        transcript: [line('agent', '非常抱歉让您受委屈了，我会把情况反馈给人民路营业厅的负责人。')],
      });
      const steps = byId(nextSteps(c));
      expect(steps['service_attitude.where'].done).toBe(true);
      expect(steps['service_attitude.when'].done).toBe(true);
      expect(steps['service_attitude.staff']).toMatchObject({ done: true });
      expect(steps['service_attitude.staff'].text).toContain('1024');
      expect(steps['service_attitude.said'].done).toBe(true);
      expect(steps['service_attitude.apologise'].done).toBe(true);
      expect(steps['service_attitude.feedback'].done).toBe(true);
    });

    it('attitude: an apology from the bot does not count as the agent’s', () => {
      const c = makeCase('service_attitude', { transcript: [line('bot', '真的很抱歉，让您这么生气。')] });
      expect(byId(nextSteps(c))['service_attitude.apologise'].done).toBe(false);
    });

    it('business handling: answers to the intake questions', () => {
      const c = makeCase('business_handling', {
        issues: [{ category: 'business_handling', text: '有个问题', answers: { transaction: '补卡', channel: '手机App' } }],
      });
      const steps = byId(nextSteps(c));
      expect(steps['business_handling.transaction'].done).toBe(true);
      expect(steps['business_handling.transaction'].text).toContain('补卡');
      expect(steps['business_handling.channel'].done).toBe(true);
      expect(steps['business_handling.failure'].done).toBe(false);
      expect(steps['business_handling.told'].done).toBe(false);
    });

    it('after-sales: a missed appointment is ticked and the visit step stresses it', () => {
      const c = makeCase('after_sales', {
        issues: [{ category: 'after_sales', text: '光猫红灯一直闪，约好昨天上门，结果没人来', answers: {} }],
      });
      const steps = byId(nextSteps(c));
      expect(steps['after_sales.device'].done).toBe(true);
      expect(steps['after_sales.symptom'].done).toBe(true);
      expect(steps['after_sales.missed'].done).toBe(true);
      expect(steps['after_sales.tried'].done).toBe(false);
      expect(steps['after_sales.visit']).toMatchObject({ done: false });
      expect(steps['after_sales.visit'].text).toMatch(/优先安排上门/);
      expect(byId(nextSteps(bare('after_sales')))['after_sales.visit'].text).not.toMatch(/优先/);
    });
  });

  describe('the common tail', () => {
    it('promises the case’s own deadline in Beijing time', () => {
      const steps = byId(nextSteps(bare('billing_dispute')));
      expect(steps['common.deadline'].text).toContain(DUE_TEXT);
      expect(steps['common.deadline'].text).toContain('TS-20261121-0042');
      expect(steps['common.result'].text).toMatch(/24 小时/);
      expect(steps['common.followup'].text).toMatch(/满意/);
    });

    it('is ticked by what the agent has written', () => {
      const c = makeCase('product_quality', {
        transcript: [
          line('agent', '已为您派单给网络优化的同事，24小时内给您答复。'),
          line('agent', '信号问题已经解决了，处理结果是附近基站已修复。'),
          line('agent', '请问您对这次处理满意吗？'),
        ],
      });
      const steps = byId(nextSteps(c));
      expect(steps['product_quality.handoff'].done).toBe(true);
      expect(steps['common.deadline'].done).toBe(true);
      expect(steps['common.result'].done).toBe(true);
      expect(steps['common.followup'].done).toBe(true);
    });

    it('counts a recorded resolution as the result told', () => {
      const c = makeCase('billing_dispute', {
        status: 'resolved',
        resolution: { cause: '增值业务误订', solution: '已退订并退还 30 元', resolvedAt: '2026-11-21T05:00:00.000Z', resolvedBy: 'zhang' },
      });
      expect(byId(nextSteps(c))['common.result'].done).toBe(true);
      expect(byId(nextSteps(bare('billing_dispute')))['common.result'].done).toBe(false);
    });

    it('adds a supervisor step when the case carries an escalation risk', () => {
      const risky = nextSteps(makeCase('billing_dispute', { escalationRisk: true, signals: ['regulator'] }));
      expect(risky.map((s) => s.id)).toContain('common.escalate');
      expect(nextSteps(bare('billing_dispute')).map((s) => s.id)).not.toContain('common.escalate');
    });
  });

  it('covers every category of a multi-issue case, the main one first, each ticked from its own answers', () => {
    const c = makeCase('billing_dispute', {
      issues: [
        { category: 'billing_dispute', text: '有个问题', answers: { amount: '20元' } },
        { category: 'product_quality', text: '还有个问题', answers: { place: '公司楼下' } },
        { category: 'billing_dispute', text: '另外一笔', answers: {} },
      ],
    });
    const steps = nextSteps(c);
    const ids = steps.map((s) => s.id);
    expect(ids[0]).toBe('billing_dispute.month');
    expect(ids.indexOf('product_quality.place')).toBeGreaterThan(ids.indexOf('billing_dispute.refund'));
    expect(ids.filter((id) => id === 'billing_dispute.month')).toHaveLength(1);
    expect(ids.slice(-3)).toEqual(TAIL);
    const s = byId(steps);
    expect(s['billing_dispute.amount'].done).toBe(true);
    expect(s['product_quality.place'].done).toBe(true);
    expect(s['product_quality.since'].done).toBe(false);
  });

  it('a bare request for a human starts by finding out the problem', () => {
    const steps = nextSteps(makeCase(undefined));
    expect(steps.map((s) => s.id)).toEqual(['common.understand', ...TAIL]);
    expect(steps[0].done).toBe(false);
  });
});
