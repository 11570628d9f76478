import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { WEB_CHANNEL } from '../../src/channels/web';
import { createLogger } from '../../src/logging/logger';
import { CaseRepository } from '../../src/cases/caseRepository';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { CaseActionError } from '../../src/cases/caseActionError';
import { HandoffService, type StaffMember } from '../../src/handoff/handoffService';
import { StaffPresence } from '../../src/handoff/staffPresence';
import { MemoryStore } from '../../src/store/memoryStore';
import { RedisStore } from '../../src/store/redisStore';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix, TEST_STORE_PROTECTION } from '../helpers/redis';
import { makeCase } from './caseFactory';

const A07: StaffMember = { username: 'agent07', role: 'agent', agentNo: '07' };
const A08: StaffMember = { username: 'agent08', role: 'agent', agentNo: '08' };
const BOSS: StaffMember = { username: 'boss', role: 'supervisor', agentNo: '01' };

/** Records what the customer would have received. */
class FakeDelivery {
  readonly sent: { conversationId: string; activity: Partial<Activity> }[] = [];
  failing = false;
  async sendToConversation(conversationId: string, activity: Partial<Activity>) {
    if (this.failing) throw new Error('conversation gone');
    this.sent.push({ conversationId, activity });
    return { id: String(this.sent.length) };
  }
  texts() {
    return this.sent.filter((s) => s.activity.type === 'message').map((s) => s.activity.text);
  }
}

function setup(store = new MemoryStore()) {
  const handoff = new HandoffService({ store, logger: createLogger('silent') });
  const web = new FakeDelivery();
  handoff.channels.describe(WEB_CHANNEL);
  handoff.channels.connect('web', { delivery: web });
  return { store, handoff, web };
}

async function collect(store: MemoryStore | RedisStore): Promise<StaffEvent[]> {
  const events: StaffEvent[] = [];
  await store.subscribe(STAFF_EVENTS_TOPIC, (e) => events.push(e as StaffEvent));
  return events;
}

describe('HandoffService', () => {
  it('queues with handoff.initiate and the queue notice when no bot turn is running', async () => {
    const { store, handoff, web } = setup();
    // An agent has a console open: the notice gives the place and a rough wait.
    await new StaffPresence(store).join('agent07#1', { username: 'agent07', role: 'agent', since: new Date().toISOString() });
    const events = await collect(store);
    const c = makeCase({ status: 'open', queuedAt: undefined });
    await store.saveCase(c);
    const queued = await handoff.requestHuman(c.id, ['escalation']);
    expect(queued).toMatchObject({ status: 'queued', handoffReasons: ['escalation'] });
    expect(queued.queuedAt).toBeDefined();
    // The customer's conversation: handoff.initiate with their ticket number only (no transcript, internal ids, assessment).
    expect(web.sent[0].activity).toEqual({ type: 'event', name: 'handoff.initiate', value: { ticketId: c.ticketId } });
    expect(web.texts()[0]).toContain('排在第 1 位');
    expect(web.texts()[0]).toMatch(/预计还要等大约 \d+ 分钟/);
    const toCustomer = JSON.stringify(web.sent);
    for (const internal of [c.id, c.customerId, '话费多扣了', 'escalation']) expect(toCustomer).not.toContain(internal);
    await new Promise((r) => setImmediate(r));
    // Staff: the hub's context and the transcript, as StaffEvents.
    expect(events.map((e) => `${e.resource}/${e.type}`)).toEqual(['case/status', 'case/handoff.initiate']);
    expect(events[0].payload).toMatchObject({ status: 'queued', owner: null });
    expect(events[1].payload).toMatchObject({ caseId: c.id, reasons: ['escalation'], transcript: [{ from: 'user', text: '话费多扣了' }] });
  });

  it("with no agent online: no wait, the deadline in the desk's time zone, and an alert for the duty supervisor", async () => {
    const { store, handoff, web } = setup();
    // A supervisor watching is not an agent taking the queue.
    await new StaffPresence(store).join('boss#1', { username: 'boss', role: 'supervisor', since: new Date().toISOString() });
    const events = await collect(store);
    // A one-digit month and day on purpose: the desk writes 「3月2日」, never 「03月02日」.
    const c = makeCase({ status: 'open', queuedAt: undefined, responseDueAt: '2027-03-02T10:00:00Z' });
    await store.saveCase(c);
    await handoff.requestHuman(c.id, ['asked']);
    const notice = web.texts()[0]!;
    expect(notice).toContain('暂时没有人工客服同事在线');
    expect(notice).toContain('留言');
    expect(notice).toContain('同事会在 3月2日 18:00 前答复您');
    expect(notice).not.toMatch(/分钟|排在第|预计/);
    await new Promise((r) => setImmediate(r));
    expect(events.map((e) => `${e.resource}/${e.type}`)).toEqual(['case/status', 'case/handoff.initiate', 'alert/no-agent-online']);
    expect(events[2]).toEqual({
      resource: 'alert',
      type: 'no-agent-online',
      id: c.id,
      payload: { ticketId: c.ticketId },
      streamId: expect.any(String),
    });
  });

  it('with no agent online and the deadline already passed, promises no time that is gone', async () => {
    const { store, handoff, web } = setup();
    const c = makeCase({ status: 'open', queuedAt: undefined, responseDueAt: new Date(Date.now() - 60_000).toISOString() });
    await store.saveCase(c);
    await handoff.requestHuman(c.id, ['asked']);
    expect(web.texts()[0]).toContain('暂时没有人工客服同事在线');
    expect(web.texts()[0]).toContain('已经过了原定的答复时间');
    expect(web.texts()[0]).not.toMatch(/分钟|排在第|答复您。$/);
  });

  it('tells the customer handoff.status with the 工号 at most, and staff who acted by login name', async () => {
    const { store, handoff, web } = setup();
    const events = await collect(store);
    const c = makeCase({ transcript: [{ from: 'customer', text: '我的手机号 13812345678 被多扣费', at: new Date().toISOString() }] });
    await store.saveCase(c);
    await handoff.claim(c.id, A07);
    await handoff.transfer(c.id, A07, { username: 'agent08', agentNo: '08' });
    await handoff.takeover(c.id, BOSS, '值班主管为您服务');
    await handoff.release(c.id, BOSS);
    const statuses = web.sent.filter((s) => s.activity.type === 'event').map((s) => s.activity);
    expect(statuses.map((a) => a.name)).toEqual(['handoff.status', 'handoff.status', 'handoff.status', 'handoff.status']);
    expect(statuses.map((a) => a.value)).toEqual([
      { state: 'accepted', agentNo: '07' },
      { state: 'accepted', agentNo: '08' },
      { state: 'accepted', agentNo: '01' },
      { state: 'completed' },
    ]);
    const toCustomer = JSON.stringify(web.sent);
    for (const internal of ['agent07', 'agent08', 'boss', c.id, c.customerId]) expect(toCustomer).not.toContain(internal);
    await new Promise((r) => setImmediate(r));
    const staffStatuses = events.filter((e) => e.type === 'handoff.status').map((e) => e.payload);
    expect(staffStatuses[0]).toMatchObject({ state: 'accepted', owner: 'agent07', message: 'claimed by agent07' });
    expect(staffStatuses[1]).toMatchObject({ state: 'accepted', owner: 'agent08', message: 'transferred from agent07 to agent08' });
  });

  it('publishes message events masked, with the owner of the case at the time (the staff stream filters on it)', async () => {
    const { store, handoff } = setup();
    const events = await collect(store);
    const c = makeCase();
    await store.saveCase(c);
    await handoff.claim(c.id, A07);
    await handoff.sendMessage(c.id, A07, '请核对 13812345678 是否本人号码');
    await handoff.transfer(c.id, A07, { username: 'agent08', agentNo: '08' });
    await handoff.sendMessage(c.id, A08, '我接着为您处理');
    await new Promise((r) => setImmediate(r));
    const messages = events.filter((e) => e.resource === 'message');
    expect(messages.map((e) => e.payload.owner)).toEqual(['agent07', 'agent08']);
    expect(messages[0].payload).toMatchObject({ from: 'agent', ticketId: c.ticketId, by: 'agent07', agentNo: '07' });
    expect(messages[0].payload.text).not.toContain('13812345678');
  });

  it('times each customer line it relays to the staff stream (the relay metric)', async () => {
    const relayed: number[] = [];
    const store = new MemoryStore();
    const handoff = new HandoffService({ store, logger: createLogger('silent'), onRelayed: (s) => relayed.push(s) });
    handoff.channels.describe(WEB_CHANNEL);
    handoff.channels.connect('web', { delivery: new FakeDelivery() });
    const events = await collect(store);
    const c = makeCase({ status: 'open', queuedAt: undefined });
    await store.saveCase(c);
    await handoff.requestHuman(c.id, ['asked']);
    const context = new TurnContext(new TestAdapter(), {
      type: 'message',
      text: '还要等多久？',
      channelId: 'directline',
      conversation: { id: c.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: c.customerId, name: '' },
      recipient: { id: 'bot', name: '' },
    });
    expect(await handoff.isOwnedByHuman(context)).toBe(true);
    await handoff.relay(context);
    await new Promise((r) => setImmediate(r));
    expect(events.filter((e) => e.resource === 'message')).toHaveLength(1);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toBeGreaterThan(0);
    expect(relayed[0]).toBeLessThan(5);
  });

  it('lets exactly one of two simultaneous claims win', async () => {
    const { store, handoff } = setup();
    const c = makeCase();
    await store.saveCase(c);
    const results = await Promise.allSettled([handoff.claim(c.id, A07), handoff.claim(c.id, A08)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(CaseActionError);
    expect(refused.reason.status).toBe(409);
  });

  it('records an agent message only once it was delivered, and only for the owner', async () => {
    const { store, handoff, web } = setup();
    const c = makeCase();
    await store.saveCase(c);
    await handoff.claim(c.id, A07);
    await expect(handoff.sendMessage(c.id, A08, '你好')).rejects.toMatchObject({ status: 403 });
    await expect(handoff.sendMessage(c.id, BOSS, '你好')).rejects.toMatchObject({ status: 403 });
    web.failing = true;
    await expect(handoff.sendMessage(c.id, A07, '第一条')).rejects.toMatchObject({ status: 502 });
    web.failing = false;
    await handoff.sendMessage(c.id, A07, '第二条');
    const lines = (await store.getCase(c.id))!.transcript.filter((t) => t.from === 'agent');
    expect(lines).toEqual([expect.objectContaining({ text: '第二条', by: 'agent07' })]);
    expect(web.sent[web.sent.length - 1].activity).toMatchObject({ text: '第二条', from: { id: 'agent-07', name: '客服 07 号' } });
    // Tagged with the ticket number the customer knows, not the internal case id.
    expect(web.sent[web.sent.length - 1].activity.channelData).toEqual({ handoff: { ticketId: c.ticketId, agentNo: '07' } });
  });

  it('keeps the action when the customer cannot be told', async () => {
    const { store, handoff, web } = setup();
    const c = makeCase();
    await store.saveCase(c);
    web.failing = true;
    const outcome = await handoff.claim(c.id, A07);
    expect(outcome).toMatchObject({ customerNotified: false, case: { status: 'active', owner: 'agent07' } });
  });

  it('transfers, telling the customer the new 工号, and resolves with the result notice', async () => {
    const { store, handoff, web } = setup();
    const c = makeCase();
    await store.saveCase(c);
    await handoff.claim(c.id, A07);
    const moved = await handoff.transfer(c.id, A07, { username: 'agent08', agentNo: '08' });
    expect(moved.case).toMatchObject({ owner: 'agent08', ownerAgentNo: '08' });
    expect(web.texts()).toContain('已为您转接到客服 08 号，客服 08 号为您服务，之前的记录都会一并转过去，您不用再重复。');
    await expect(handoff.resolve(c.id, A07, { cause: 'x', solution: 'y' })).rejects.toMatchObject({ status: 403 });
    const done = await handoff.resolve(c.id, A08, { cause: '计费系统重复扣费', solution: '已退回 20 元' });
    expect(done.case.resolution).toMatchObject({ cause: '计费系统重复扣费', solution: '已退回 20 元', resolvedBy: 'agent08' });
    expect(web.texts().at(-1)).toContain('原因：计费系统重复扣费');
  });

  it('records every new owner with the time they got the case (the per-agent report measures from it)', async () => {
    const { store, handoff } = setup();
    const c = makeCase();
    await store.saveCase(c);
    const claimed = await handoff.claim(c.id, A07);
    await handoff.claim(c.id, A07); // the owner again: no new assignment
    const moved = await handoff.transfer(c.id, A07, { username: 'agent08', agentNo: '08' });
    const taken = await handoff.takeover(c.id, BOSS, '值班主管为您服务');
    expect(taken.case.assignments).toEqual([
      { username: 'agent07', agentNo: '07', at: claimed.case.claimedAt },
      { username: 'agent08', agentNo: '08', at: moved.case.claimedAt },
      { username: 'boss', agentNo: '01', at: taken.case.claimedAt },
    ]);
    await handoff.resolve(c.id, BOSS, { cause: 'x', solution: 'y' });
    expect((await store.getCase(c.id))!.assignments).toHaveLength(3);
  });

  it('reveals a phone number to the owner or a supervisor only', async () => {
    const { store, handoff } = setup();
    const c = makeCase({ slots: { phone: '13812345678' } });
    await store.saveCase(c);
    await expect(handoff.reveal(c.id, A07, 'phone')).rejects.toMatchObject({ status: 403 });
    expect(await handoff.reveal(c.id, BOSS, 'phone')).toBe('13812345678');
    await handoff.claim(c.id, A07);
    expect(await handoff.reveal(c.id, A07, 'phone')).toBe('13812345678');
    await expect(handoff.reveal(c.id, A07, 'idNumber')).rejects.toMatchObject({ status: 404 });
  });
});

describe('CaseRepository', () => {
  it('never loses a concurrent update, in memory', async () => {
    const store = new MemoryStore();
    const repo = new CaseRepository(store);
    const c = makeCase({ transcript: [] });
    await store.saveCase(c);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        repo.update(c.id, (current) => ({
          next: { ...current, transcript: [...current.transcript, { from: 'customer', text: `${i}`, at: '' }] },
          result: undefined,
        })),
      ),
    );
    expect((await store.getCase(c.id))!.transcript).toHaveLength(40);
  });

  it('never loses a concurrent update between two instances on one Redis', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('case-lock');
    const a = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    const b = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    try {
      const c = makeCase({ transcript: [] });
      await a.saveCase(c);
      const repos = [new CaseRepository(a), new CaseRepository(b)];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          repos[i % 2].update(c.id, async (current) => {
            await new Promise((r) => setTimeout(r, 1));
            return {
              next: { ...current, transcript: [...current.transcript, { from: 'customer', text: `${i}`, at: '' }] },
              result: undefined,
            };
          }),
        ),
      );
      const texts = (await b.getCase(c.id))!.transcript.map((t) => Number(t.text));
      expect(texts.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await flushPrefix(prefix);
    }
  });
});
