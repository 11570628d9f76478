import type { Activity } from 'botbuilder';
import { createLogger } from '../../src/logging/logger';
import { CaseRepository } from '../../src/cases/caseRepository';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { HandoffError, HandoffService, type StaffMember } from '../../src/handoff/handoffService';
import { MemoryStore } from '../../src/store/memoryStore';
import { RedisStore } from '../../src/store/redisStore';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
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
  handoff.deliveries.register('web', web);
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
    const events = await collect(store);
    const c = makeCase({ status: 'open', queuedAt: undefined });
    await store.saveCase(c);
    const queued = await handoff.requestHuman(c.id, ['escalation']);
    expect(queued).toMatchObject({ status: 'queued', handoffReasons: ['escalation'] });
    expect(queued.queuedAt).toBeDefined();
    expect(web.sent[0].activity).toMatchObject({ type: 'event', name: 'handoff.initiate', value: { caseId: c.id, reasons: ['escalation'] } });
    expect(web.sent[0].activity.attachments?.[0]).toMatchObject({ name: 'Transcript', content: { activities: [{ text: '话费多扣了' }] } });
    expect(web.texts()[0]).toContain('排在第 1 位');
    await new Promise((r) => setImmediate(r));
    expect(events.map((e) => `${e.resource}/${e.type}`)).toEqual(['case/status', 'case/handoff.initiate']);
    expect(events[0].payload).toMatchObject({ status: 'queued', owner: null });
  });

  it('lets exactly one of two simultaneous claims win', async () => {
    const { store, handoff } = setup();
    const c = makeCase();
    await store.saveCase(c);
    const results = await Promise.allSettled([handoff.claim(c.id, A07), handoff.claim(c.id, A08)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HandoffError);
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
        repo.update(c.id, (current) => ({ next: { ...current, transcript: [...current.transcript, { from: 'customer', text: `${i}`, at: '' }] }, result: undefined })),
      ),
    );
    expect((await store.getCase(c.id))!.transcript).toHaveLength(40);
  });

  it('never loses a concurrent update between two instances on one Redis', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('case-lock');
    const a = new RedisStore({ url: TEST_REDIS_URL, prefix });
    const b = new RedisStore({ url: TEST_REDIS_URL, prefix });
    try {
      const c = makeCase({ transcript: [] });
      await a.saveCase(c);
      const repos = [new CaseRepository(a), new CaseRepository(b)];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          repos[i % 2].update(c.id, async (current) => {
            await new Promise((r) => setTimeout(r, 1));
            return { next: { ...current, transcript: [...current.transcript, { from: 'customer', text: `${i}`, at: '' }] }, result: undefined };
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
