import { talkUntilReceipt, type ChannelSession, type CustomerScript } from '../helpers/customerScript';
import { formatDeadline } from '../../dialogs/deskTime';
import {
  api,
  AGENT07,
  ANY_QUEUE_NOTICE,
  BOSS,
  Customer,
  logIn,
  NO_AGENT_ONLINE,
  startDesk,
  type Desk,
  type StaffSession,
} from './caseHelpers';

/**
 * The handoff rules, end to end with the real recognizer and dialogs: a complaint that meets a
 * rule is queued the moment it is accepted (after the receipt), one that meets none stays with
 * the bot.
 */
function sessionOf(customer: Customer): ChannelSession {
  return { say: (text) => customer.say(text), replies: () => customer.settle(500) };
}

async function caseOfConversation(desk: Desk, token: string, conversationId: string) {
  const list = await api(desk.base, 'GET', '/api/cases', token);
  for (const row of list.body as { id: string }[]) {
    const page = await api(desk.base, 'GET', `/api/cases/${row.id}`, token);
    if (page.body.conversationId === conversationId) return page.body;
  }
  throw new Error(`no case for ${conversationId}`);
}

const SCRIPTS: Record<string, CustomerScript & { reason: string }> = {
  escalation: {
    opening: '你们乱扣我话费，再不退我就去工信部投诉',
    facts: '是三月份的账单，多扣了50元，我从来没订过这个业务',
    reason: 'escalation',
  },
  elderly: {
    opening: '我是退休老人，家里宽带坏了好几天没人来修',
    facts: '光猫的灯一直闪，已经重启过了，报修单号没记住，师傅约好了没来',
    reason: 'elderly',
  },
  urgent: {
    opening: '手机没信号了，我急着用，马上要联系医院',
    facts: '在海淀区中关村大街1号家里，今天上午开始的，手机是华为P40，旁边的人也没信号',
    reason: 'urgent',
  },
};

describe('handoff rules', () => {
  let desk: Desk;
  let agent: StaffSession;
  const customers: Customer[] = [];

  beforeAll(async () => {
    desk = await startDesk();
    agent = await logIn(desk.base, AGENT07);
  });
  afterAll(async () => {
    for (const c of customers) c.end();
    await desk?.stop();
  });

  it.each(Object.entries(SCRIPTS))('queues the %s complaint right after its receipt', async (name, script) => {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    const result = await talkUntilReceipt(sessionOf(customer), script);
    // The notice may come with the receipt or just after it.
    const after = [...result.transcript, ...(await customer.settle(400))].join('\n');
    // No agent console is open on this desk: the queue notice says so, with the deadline and no wait.
    expect(after).toContain(NO_AGENT_ONLINE);
    expect(after).not.toMatch(/排在第|预计还要等/);
    expect(customer.events('handoff.initiate')).toHaveLength(1);
    const c = await caseOfConversation(desk, agent.token, customer.conversationId);
    expect(after).toContain(`同事会在 ${formatDeadline(c.responseDueAt, 'Asia/Shanghai')}答复您`);
    expect(c.status).toBe('queued');
    expect(c.handoffReasons).toContain(script.reason);
    expect(c.ticketId).toBe(result.ticketId);
  });

  it('queues after the bot fails to understand twice in a row', async () => {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    await customer.say('啊啊啊哦哦');
    expect((await customer.settle()).join('')).not.toMatch(ANY_QUEUE_NOTICE);
    await customer.say('qwerty zxcv');
    const replies = (await customer.settle()).join('\n');
    expect(replies).toContain('工单号');
    expect(replies).toContain(NO_AGENT_ONLINE);
    expect(replies).not.toMatch(/排在第|预计还要等/);
    const c = await caseOfConversation(desk, agent.token, customer.conversationId);
    expect(c).toMatchObject({ status: 'queued', handoffReasons: ['not_understood'] });
  });

  it('leaves a calm complaint that meets no rule with the bot', async () => {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    const result = await talkUntilReceipt(sessionOf(customer), {
      opening: '我家里手机信号不太好，打电话有时候会断',
      facts: '在朝阳区建国路88号小区家里，上周开始的，晚上比较明显，手机是华为Mate60，邻居也一样',
    });
    expect((await customer.settle(400)).join('')).not.toMatch(ANY_QUEUE_NOTICE);
    expect(result.transcript.join('')).not.toMatch(ANY_QUEUE_NOTICE);
    // A case with the bot is not an agent's to see; the supervisor finds it.
    await expect(caseOfConversation(desk, agent.token, customer.conversationId)).rejects.toThrow('no case');
    const c = await caseOfConversation(desk, (await logIn(desk.base, BOSS)).token, customer.conversationId);
    expect(c.status).toBe('open');
    expect(customer.events('handoff.initiate')).toHaveLength(0);
    // The bot keeps talking to this customer.
    await customer.say('你们几点上班');
    expect((await customer.settle()).length).toBeGreaterThan(0);
  });

  it('applies configured rules: a category that always goes to a person', async () => {
    const configured = await startDesk({ env: { HANDOFF_CATEGORIES: 'product_quality' } });
    const customer = await Customer.connect(configured.base);
    try {
      const staff = await logIn(configured.base, AGENT07);
      await talkUntilReceipt(sessionOf(customer), {
        opening: '我家里手机信号不太好，打电话有时候会断',
        facts: '在朝阳区建国路88号小区家里，上周开始的，晚上比较明显，手机是华为Mate60，邻居也一样',
      });
      await customer.settle(400);
      const c = await caseOfConversation(configured, staff.token, customer.conversationId);
      expect(c).toMatchObject({ status: 'queued', handoffReasons: ['category'] });
    } finally {
      customer.end();
      await configured.stop();
    }
  });
});
