import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { createLogger } from '../../src/logging/logger';
import { MemoryStore } from '../../src/store/memoryStore';
import { StallScanner, STALL_SCANNER_LEASE, type ConversationRow } from '../../src/supervision';

function row(id: string, codes: string[], reasons = codes): ConversationRow {
  return {
    id,
    ticketId: `T-${id}`,
    status: 'active',
    owner: 'agent07',
    ownerAgentNo: '07',
    stalled: codes.some((c) => c !== 'repeat'),
    stallCodes: codes,
    stallReasons: reasons,
    score: 30,
  } as unknown as ConversationRow;
}

describe('StallScanner', () => {
  const logger = createLogger('silent');

  it('alerts once per new reason, again when a reason comes back, and only on the lease holder', async () => {
    const store = new MemoryStore();
    const published: StaffEvent[] = [];
    await store.subscribe(STAFF_EVENTS_TOPIC, (m) => published.push(m as StaffEvent));
    let rows: ConversationRow[] = [row('a', ['agent_silent']), row('b', ['repeat'])];
    const leader = new StallScanner({ store, logger, conversations: async () => rows, instanceId: 'one', intervalMs: 60_000 });
    const standby = new StallScanner({ store, logger, conversations: async () => rows, instanceId: 'two', intervalMs: 60_000 });

    const first = await leader.tick();
    expect(first.map((e) => [e.resource, e.type, e.id])).toEqual([['alert', 'stall', 'a']]);
    expect(first[0].payload).toMatchObject({ reasons: ['agent_silent'], score: 30 });
    expect(await standby.tick()).toEqual([]); // the lease is held by "one"
    expect(await leader.tick()).toEqual([]); // nothing new

    rows = [row('a', ['agent_silent', 'waiting'])];
    expect((await leader.tick()).map((e) => e.payload.newCodes)).toEqual([['waiting']]);

    rows = [row('a', [])]; // the agent answered
    expect(await leader.tick()).toEqual([]);
    rows = [row('a', ['agent_silent'])]; // and went quiet again
    expect((await leader.tick()).map((e) => e.id)).toEqual(['a']);

    await leader.stop();
    expect(await store.acquireLease(STALL_SCANNER_LEASE, 'two', 5000)).toBe(true);
    await standby.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(published.filter((e) => e.resource === 'alert')).toHaveLength(3);
    await store.close();
  });
});
