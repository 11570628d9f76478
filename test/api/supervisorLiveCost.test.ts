import { randomUUID } from 'node:crypto';
import type { Case, CaseStatus } from '../../src/domain/case';
import { MemoryStore } from '../../src/store/memoryStore';
import type { CaseFilter } from '../../src/store/store';
import { api, BOSS, DESK_USERS, logIn, startDesk, type Desk, type StaffSession } from './caseHelpers';

/**
 * The supervisor board reads what is live (the status index) and the histories of the customers
 * on it (the customer index), never the whole archive, and still counts a customer's resolved
 * tickets as repeats.
 */
class CountingStore extends MemoryStore {
  readonly filters: (CaseFilter | undefined)[] = [];
  override listCases(filter?: CaseFilter): Promise<Case[]> {
    this.filters.push(filter);
    return super.listCases(filter);
  }
}

function aCase(customerId: string, status: CaseStatus, n: number): Case {
  const at = new Date(Date.now() - n * 60_000).toISOString();
  return {
    id: randomUUID(),
    ticketId: `TS20261204${String(n).padStart(6, '0')}`,
    channel: 'web',
    customerId,
    conversationId: `conv-${customerId}-${n}`,
    status,
    category: 'billing_dispute',
    issues: [{ category: 'billing_dispute', text: '话费多扣了', answers: {} }],
    slots: {},
    anger: 0.2,
    signals: [],
    escalationRisk: false,
    wantsHuman: false,
    summary: '话费多扣',
    acceptedAt: at,
    responseDueAt: new Date(Date.now() + 86_400_000).toISOString(),
    attachments: [],
    transcript: [{ from: 'customer', text: '话费多扣了', at }],
    updatedAt: at,
    ...(status === 'queued' ? { queuedAt: at } : {}),
  };
}

describe('supervisor board cost', () => {
  let desk: Desk;
  let boss: StaffSession;
  const store = new CountingStore();

  beforeAll(async () => {
    // An archive of other customers' resolved cases, and one returning customer with two resolved and one queued.
    for (let i = 0; i < 300; i++) await store.saveCase(aCase(`archived-${i}`, 'resolved', 1000 + i));
    await store.saveCase(aCase('returning', 'resolved', 10));
    await store.saveCase(aCase('returning', 'resolved', 11));
    await store.saveCase(aCase('returning', 'queued', 1));
    desk = await startDesk({ store, env: { BOOTSTRAP_USERS: DESK_USERS } });
    boss = await logIn(desk.base, BOSS);
  });

  afterAll(async () => {
    await desk?.stop();
  });

  it('lists the live case with its repeats, reading only live statuses and that customer', async () => {
    store.filters.length = 0;
    const answer = await api(desk.base, 'GET', '/api/supervisor/conversations', boss.token);
    expect(answer.status).toBe(200);
    const rows = answer.body as { status: string; repeat: { count: number } }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'queued', repeat: { repeat: true, count: 2 } });
    // Every read was narrowed to a status or a customer: none loaded the archive.
    expect(store.filters.length).toBeGreaterThan(0);
    expect(store.filters.filter((f) => !f?.status && !f?.customerId)).toEqual([]);
    expect(store.filters.filter((f) => f?.status === 'resolved')).toEqual([]);
  });
});
