import { CaseService } from '../../src/cases/caseService';
import type { CaseDraft } from '../../src/domain/caseIntake';
import { DEFAULT_RESPONSE_HOURS } from '../../src/domain/deadlines';
import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';
import { MemoryStore } from '../../src/store/memoryStore';
import { RedisStore } from '../../src/store/redisStore';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix, TEST_STORE_PROTECTION } from '../helpers/redis';

function draft(overrides: Partial<CaseDraft> = {}): CaseDraft {
  return {
    channel: 'web',
    customerId: 'u-1',
    conversationId: 'c-1',
    issues: [{ category: 'billing_dispute', text: '10月账单多扣了80元', answers: {} }],
    slots: { amount: '80', month: '10月' },
    anger: 0.3,
    signals: [],
    escalationRisk: false,
    wantsHuman: false,
    summary: '10月账单多扣80元',
    attachments: [],
    transcript: [{ from: 'customer', text: '10月账单多扣了80元', at: '2026-11-21T12:00:00.000Z' }],
    ...overrides,
  };
}

// 20:30 in Shanghai on 21 November 2026.
const at = new Date('2026-11-21T12:30:00.000Z');

describe('CaseService', () => {
  it('stores the case before returning a receipt with the category deadline', async () => {
    const store = new MemoryStore();
    const service = new CaseService({ store, responseHours: DEFAULT_RESPONSE_HOURS, timeZone: 'Asia/Shanghai', now: () => at });
    const { case: c, receipt } = await service.accept(draft());
    expect(receipt.ticketId).toBe('TS-20261121-0001');
    expect(receipt).toEqual({
      ticketId: c.ticketId,
      category: 'billing_dispute',
      acceptedAt: '2026-11-21T12:30:00.000Z',
      responseDueAt: '2026-11-22T12:30:00.000Z',
    });
    expect(await store.getCase(c.id)).toMatchObject({ ticketId: c.ticketId, status: 'open', slots: { amount: '80' } });
  });

  it('numbers by the desk’s local day, not UTC', async () => {
    const store = new MemoryStore();
    // 00:30 on 22 November in Shanghai is still 21 November in UTC.
    const service = new CaseService({
      store,
      responseHours: DEFAULT_RESPONSE_HOURS,
      timeZone: 'Asia/Shanghai',
      now: () => new Date('2026-11-21T16:30:00.000Z'),
    });
    const { receipt } = await service.accept(draft({ issues: [{ category: 'product_quality', text: '没信号', answers: {} }] }));
    expect(receipt.ticketId).toBe('TS-20261122-0001');
    expect(receipt.responseDueAt).toBe('2026-11-21T17:30:00.000Z');
  });

  it('queues a request for a human, and keeps the same ticket when the complaint follows', async () => {
    const store = new MemoryStore();
    const service = new CaseService({ store, responseHours: DEFAULT_RESPONSE_HOURS, timeZone: 'Asia/Shanghai', now: () => at });
    const asked = await service.requestHuman(draft({ issues: [], summary: '' }));
    expect(asked).toMatchObject({ status: 'queued', wantsHuman: true, category: undefined });
    expect(asked.responseDueAt).toBe('2026-11-21T13:30:00.000Z');
    const { case: c } = await service.accept(draft());
    expect(c.ticketId).toBe(asked.ticketId);
    expect(c).toMatchObject({ status: 'queued', wantsHuman: true, category: 'billing_dispute', responseDueAt: '2026-11-22T12:30:00.000Z' });
    expect(await store.listCases()).toHaveLength(1);
  });

  it('opens a new case for a new complaint after a receipt, and a later 转人工 marks the newest', async () => {
    const store = new MemoryStore();
    const service = new CaseService({ store, responseHours: DEFAULT_RESPONSE_HOURS, timeZone: 'Asia/Shanghai', now: () => at });
    const first = await service.accept(draft());
    const second = await service.accept(
      draft({ issues: [{ category: 'product_quality', text: '家里没信号', answers: {} }], transcript: [] }),
    );
    expect(second.receipt.ticketId).not.toBe(first.receipt.ticketId);
    expect((await store.getCase(first.case.id))?.issues.map((i) => i.category)).toEqual(['billing_dispute']);
    const human = await service.requestHuman(
      draft({ issues: [], transcript: [{ from: 'customer', text: '转人工', at: at.toISOString() }] }),
    );
    expect(human.id).toBe(second.case.id);
    expect(human).toMatchObject({ wantsHuman: true, status: 'queued' });
    expect(human.issues.map((i) => i.category)).toEqual(['product_quality']);
    expect(human.transcript.map((t) => t.text)).toEqual(['转人工']);
    expect(await store.listCases()).toHaveLength(2);
  });

  it('refuses to accept a case with no grievance', async () => {
    const service = new CaseService({ store: new MemoryStore(), responseHours: DEFAULT_RESPONSE_HOURS, timeZone: 'Asia/Shanghai' });
    await expect(service.accept(draft({ issues: [] }))).rejects.toThrow(/issue/);
  });

  it('gives unique ticket ids across instances sharing one Redis', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('tickets');
    const stores = [
      new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION }),
      new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION }),
    ];
    try {
      const services = stores.map(
        (store) => new CaseService({ store, responseHours: DEFAULT_RESPONSE_HOURS, timeZone: 'Asia/Shanghai', now: () => at }),
      );
      const receipts = await Promise.all(
        Array.from({ length: 40 }, (_, i) => services[i % 2].accept(draft({ conversationId: `c-${i}`, customerId: `u-${i}` }))),
      );
      const ids = receipts.map((r) => r.receipt.ticketId);
      expect(new Set(ids).size).toBe(40);
      for (const id of ids) expect(id).toMatch(TICKET_ID_PATTERN);
      expect(await stores[0].listCases()).toHaveLength(40);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await flushPrefix(prefix);
    }
  });
});
