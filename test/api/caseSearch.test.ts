import { api, AGENT07, BOSS, Customer, logIn, queuedCaseOf, startDesk, textOf, type Desk } from '../api/caseHelpers';
import { talkUntilReceipt, type ChannelSession, type CustomerScript } from '../helpers/customerScript';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';

/**
 * Search, filters, paging and a customer's history, as staff use them: real customers on
 * DirectLineJS file complaints, then the staff API is asked over HTTP. Runs on both stores
 * (Redis finds phone numbers through its keyed index, memory by reading the cases).
 */
const PHONE = '13912345678';
const BILL: CustomerScript = {
  opening: `我的号码${PHONE}这个月话费多扣了58元，请帮我查一下`,
  facts: `10月的账单，多扣了58元，号码 139-1234-5678`,
};
const SIGNAL: CustomerScript = {
  opening: '我家手机信号特别差，打电话老断线',
  facts: `杭州市西湖区文三路家里，室内，从上个月开始，手机号 ${PHONE}`,
};
const OTHER: CustomerScript = {
  opening: '营业厅的工作人员态度很差，冲我大喊大叫',
  facts: '昨天下午在文三路营业厅，是个男的，工号不知道，我的电话是13700001111',
};

function sessionOf(customer: Customer): ChannelSession {
  return {
    say: (text) => customer.say(text),
    replies: async () => [textOf(await customer.expectMessage(() => true, 'a reply')), ...(await customer.settle(500))],
  };
}

type Row = {
  id: string;
  ticketId: string;
  status: string;
  category: string | null;
  preview: string;
  channel: string;
  owner: string | null;
};

describe.each(['memory', 'redis'] as const)('case search and history (%s store)', (kind) => {
  let desk: Desk | undefined;
  let boss: string;
  let agent: string;
  const customers: Customer[] = [];
  const prefix = uniquePrefix('casesearch');
  const tickets: Record<'bill' | 'signal' | 'other', string> = { bill: '', signal: '', other: '' };
  let first: Customer;
  let again: Customer;

  beforeAll(async () => {
    if (kind === 'redis' && !(await redisAvailable())) {
      if (process.env.CI === 'true') throw new Error('Redis must be available in CI');
      return;
    }
    desk = await startDesk(kind === 'redis' ? { redisUrl: TEST_REDIS_URL, redisPrefix: prefix } : {});
    boss = (await logIn(desk.base, BOSS)).token;
    agent = (await logIn(desk.base, AGENT07)).token;
    // One browser complains twice about different matters (one customer), a second browser gives
    // the same phone number (another conversation, another customer id), a third someone else.
    first = await Customer.connect(desk.base);
    customers.push(first);
    tickets.bill = (await talkUntilReceipt(sessionOf(first), BILL)).ticketId;
    again = await Customer.connect(desk.base, { cookie: first.cookie });
    customers.push(again);
    tickets.signal = (await talkUntilReceipt(sessionOf(again), SIGNAL)).ticketId;
    const stranger = await Customer.connect(desk.base);
    customers.push(stranger);
    tickets.other = (await talkUntilReceipt(sessionOf(stranger), OTHER)).ticketId;
    // The stranger asks for a person: a queued case, which an agent may see.
    await stranger.say('转人工');
    await queuedCaseOf(desk.base, boss, stranger.conversationId);
  }, 120_000);

  afterAll(async () => {
    for (const c of customers) c.end();
    await desk?.stop();
    if (kind === 'redis' && desk) await flushPrefix(prefix);
  });

  const list = async (token: string, query: string) => {
    const res = await fetch(`${desk!.base}/api/cases?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    return {
      status: res.status,
      next: res.headers.get('x-next-cursor'),
      body: (await res.json()) as Row[] & { error?: { message: string } },
    };
  };
  const maybe = (title: string, fn: () => Promise<void>) =>
    it(title, async () => (desk ? fn() : console.warn('Redis unavailable: skipped')));

  maybe('finds a ticket by its number, in any letter case', async () => {
    const found = await list(boss, `q=${encodeURIComponent(tickets.signal.toLowerCase())}`);
    expect(found.status).toBe(200);
    expect(found.body.map((r) => r.ticketId)).toEqual([tickets.signal]);
  });

  maybe('finds a customer by phone number however it is typed, and still shows it masked', async () => {
    for (const typed of [PHONE, '139 1234 5678', '+86 139-1234-5678', '１３９１２３４５６７８']) {
      const found = await list(boss, `q=${encodeURIComponent(typed)}`);
      expect([typed, found.status, found.body.map((r) => r.ticketId).sort()]).toEqual([typed, 200, [tickets.bill, tickets.signal].sort()]);
      expect(JSON.stringify(found.body)).not.toContain(PHONE);
    }
    expect((await list(boss, 'q=13700001111')).body.map((r) => r.ticketId)).toEqual([tickets.other]);
    expect((await list(boss, 'q=13600000000')).body).toEqual([]);
  });

  maybe('filters by category, channel, status and day, and refuses what it cannot mean', async () => {
    expect((await list(boss, 'category=billing_dispute')).body.map((r) => r.ticketId)).toEqual([tickets.bill]);
    expect((await list(boss, 'channel=wechat')).body).toEqual([]);
    expect((await list(boss, 'channel=web')).body).toHaveLength(3);
    const queued = (await list(boss, 'status=queued')).body;
    expect(queued.map((r) => r.ticketId)).toContain(tickets.other);
    expect(queued.every((r) => r.status === 'queued')).toBe(true);
    expect((await list(boss, 'from=2000-01-01&to=2000-01-31')).body).toEqual([]);
    const today = tickets.bill.slice(3, 11).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
    expect((await list(boss, `from=${today}&to=${today}`)).body).toHaveLength(3);
    for (const bad of [
      'category=nope',
      'channel=fax',
      'from=2026-02-30',
      'from=2026-12-03&to=2026-12-01',
      'limit=0',
      'limit=100000',
      'cursor=garbage',
      `q=${'x'.repeat(101)}`,
    ]) {
      const res = await list(boss, bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.error?.message).toBeTruthy();
    }
  });

  maybe('pages with limit and the X-Next-Cursor header, every case once', async () => {
    const seen: string[] = [];
    let query = 'limit=2';
    for (let page = 0; page < 5; page++) {
      const res = await list(boss, query);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.map((r) => r.ticketId));
      if (!res.next) break;
      query = `limit=2&cursor=${encodeURIComponent(res.next)}`;
    }
    expect(seen.sort()).toEqual(Object.values(tickets).sort());
  });

  maybe('an agent searches only what it may see: the queue and its own cases', async () => {
    // The bot queues some cases by itself (escalation, a request for a person); the rest stay with the bot.
    const all = (await list(boss, '')).body;
    const queued = all.filter((r) => r.status === 'queued').map((r) => r.ticketId);
    expect(queued.length).toBeLessThan(all.length);
    expect((await list(agent, '')).body.map((r) => r.ticketId).sort()).toEqual(queued.sort());
    const byPhone = (await list(agent, `q=${PHONE}`)).body.map((r) => r.ticketId);
    expect(byPhone.sort()).toEqual([tickets.bill, tickets.signal].filter((t) => queued.includes(t)).sort());
  });

  maybe('history: the same customer by cookie and by phone number, newest first, masked, without the case itself', async () => {
    const signal = (await list(boss, `q=${tickets.signal}`)).body[0];
    const history = await api(desk!.base, 'GET', `/api/cases/${signal.id}/history`, boss);
    expect(history.status).toBe(200);
    const rows = history.body as { ticketId: string; categoryName: string; preview: string; resolution: unknown; satisfaction: unknown }[];
    expect(rows.map((r) => r.ticketId)).toEqual([tickets.bill]);
    expect(rows[0]).toMatchObject({ categoryName: '收费争议', resolution: null, satisfaction: null });
    expect(JSON.stringify(rows)).not.toContain(PHONE);

    const other = (await list(boss, `q=${tickets.other}`)).body[0];
    expect((await api(desk!.base, 'GET', `/api/cases/${other.id}/history`, boss)).body).toEqual([]);
    // An agent sees a history only of a case it may see: a queued one, not one still with the bot.
    const all = (await list(boss, '')).body;
    const withBot = all.find((r) => r.status === 'open')!;
    expect((await api(desk!.base, 'GET', `/api/cases/${withBot.id}/history`, agent)).status).toBe(404);
    expect((await api(desk!.base, 'GET', `/api/cases/${other.id}/history`, agent)).status).toBe(200);
    expect((await api(desk!.base, 'GET', `/api/cases/${other.id}/history`)).status).toBe(401);
  });

  maybe(
    'an earlier case opens read-only through the case in hand, and the agent still cannot act on it',
    async () => {
      // The supervisor settles the bill complaint; the same customer's signal complaint then waits for a person.
      const bill = (await list(boss, `q=${tickets.bill}`)).body[0];
      expect((await api(desk!.base, 'POST', `/api/cases/${bill.id}/claim`, boss, {})).status).toBe(200);
      const resolved = await api(desk!.base, 'POST', `/api/cases/${bill.id}/resolve`, boss, {
        cause: `号码${PHONE}误开通了流量包`,
        solution: '已退订并退回58元',
      });
      expect(resolved.status).toBe(200);
      await again.say('转人工');
      const signal = await queuedCaseOf(desk!.base, agent, again.conversationId);

      const earlier = await api(desk!.base, 'GET', `/api/cases/${signal}/history/${bill.id}`, agent);
      expect(earlier.status).toBe(200);
      expect(earlier.body).toMatchObject({
        readOnly: true,
        ticketId: tickets.bill,
        status: 'resolved',
        categoryName: '收费争议',
        satisfaction: null,
      });
      expect(earlier.body.resolution).toMatchObject({ solution: '已退订并退回58元' });
      expect(earlier.body.resolution.cause).toContain('139****5678');
      expect(
        earlier.body.transcript.some((t: { from: string; text: string }) => t.from === 'customer' && t.text.includes('多扣了58元')),
      ).toBe(true);
      expect(JSON.stringify(earlier.body)).not.toContain(PHONE);
      expect(earlier.body).not.toHaveProperty('slots');
      expect(earlier.body).not.toHaveProperty('notes');

      // Reading it gave no way in: the old case itself answers as if it did not exist.
      expect((await api(desk!.base, 'GET', `/api/cases/${bill.id}`, agent)).status).toBe(404);
      for (const [action, body] of [
        ['claim', {}],
        ['release', {}],
        ['messages', { text: '您好' }],
        ['resolve', { cause: '原因', solution: '方案' }],
        ['reveal', { field: 'phone' }],
        ['typing', {}],
        ['transfer', { to: 'boss' }],
      ] as const) {
        const refused = await api(desk!.base, 'POST', `/api/cases/${bill.id}/${action}`, agent, body);
        expect([action, refused.status]).toEqual([action, 404]);
      }
      // Only cases of this customer's history, only through a case the agent may see, only well-formed ids.
      const other = (await list(boss, `q=${tickets.other}`)).body[0];
      expect((await api(desk!.base, 'GET', `/api/cases/${signal}/history/${other.id}`, agent)).status).toBe(404);
      expect((await api(desk!.base, 'GET', `/api/cases/${bill.id}/history/${signal}`, agent)).status).toBe(404);
      const malformed = await api(desk!.base, 'GET', `/api/cases/${signal}/history/${encodeURIComponent('../x y')}`, agent);
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('earlierId');
      expect((await api(desk!.base, 'GET', `/api/cases/${signal}/history/${bill.id}`)).status).toBe(401);
    },
    60_000,
  );
});
