import { AUTO_ASSIGNER_LEASE, AutoAssigner } from '../../src/assignment/autoAssigner';
import type { AgentRoster, AgentState } from '../../src/assignment/agentRoster';
import { createLogger } from '../../src/logging/logger';
import { MemoryStore } from '../../src/store/memoryStore';
import { makeCase } from '../handoff/caseFactory';

/**
 * A round of offers that outlasts its lease stops offering as soon as another instance holds the
 * lease: before, a slow round went on beside the new holder and some cases were offered twice.
 */
describe('auto-assigner lease during a round', () => {
  const agents: AgentState[] = [1, 2, 3, 4].map((n) => ({
    name: `agent${n}`,
    agentNo: `0${n}`,
    presence: 'online',
    openCases: 0,
    maxCases: 2,
  }));
  const roster = { paused: async () => false, agents: async () => agents } as unknown as AgentRoster;
  const queued = Array.from({ length: 6 }, () => makeCase({ status: 'queued' }));

  it('offers nothing more once another instance has taken the lease', async () => {
    const store = new MemoryStore();
    const assigner = new AutoAssigner({
      store,
      roster,
      cases: async (f) => (f.status === 'queued' ? queued : []),
      logger: createLogger('silent'),
      instanceId: 'one',
      intervalMs: 1000,
      acceptMs: 30_000,
    });
    // Mid-round the lease passes to another instance (this one stalled past its ttl): after the
    // second offer, "two" holds it.
    let offers = 0;
    const publish = store.publish.bind(store);
    store.publish = async (topic, message) => {
      await publish(topic, message);
      if ((message as { type?: string }).type === 'offered' && ++offers === 2) {
        await store.releaseLease(AUTO_ASSIGNER_LEASE, 'one');
        expect(await store.acquireLease(AUTO_ASSIGNER_LEASE, 'two', 10_000)).toBe(true);
      }
    };
    const events = await assigner.tick();
    expect(events.map((e) => e.id)).toEqual(queued.slice(0, 2).map((c) => c.id));
    // The next round of "one" does nothing either: it is no longer the holder.
    expect(await assigner.tick()).toEqual([]);
    await store.close();
  });

  it('offers every case it can in a round that keeps its lease', async () => {
    const store = new MemoryStore();
    const assigner = new AutoAssigner({
      store,
      roster,
      cases: async (f) => (f.status === 'queued' ? queued : []),
      logger: createLogger('silent'),
      instanceId: 'one',
      intervalMs: 1000,
      acceptMs: 30_000,
    });
    const events = await assigner.tick();
    expect(events).toHaveLength(6);
    expect(new Set(events.map((e) => e.payload.agent)).size).toBe(4);
    await store.close();
  });
});
