import { LeaderLease } from '../../../src/channels/wechat/leaderLease';
import { realClock } from '../../../src/channels/wechat/clock';
import { MemoryStore } from '../../../src/store/memoryStore';
import type { Store } from '../../../src/store/store';
import { wechatLogCapture } from '../../fakes/wechatLogCapture';
import { waitUntil } from '../../fakes/wechatMockWorld';

function lease(store: Store, owner: string, events: string[]) {
  return new LeaderLease({
    store,
    name: 'wechat-login',
    owner,
    ttlMs: 400,
    renewMs: 100,
    clock: realClock,
    logger: wechatLogCapture().logger,
    onElected: async () => void events.push(`${owner}+`),
    onDeposed: async () => void events.push(`${owner}-`),
  });
}

describe('LeaderLease (memory store, real time)', () => {
  it('elects one holder, hands over on release, and after a dead holder lapses', async () => {
    const store = new MemoryStore();
    const events: string[] = [];
    const a = lease(store, 'A', events);
    const b = lease(store, 'B', events);
    a.start();
    await waitUntil(() => a.isLeader, 1000);
    b.start();
    await new Promise((r) => setTimeout(r, 600)); // longer than the TTL: A's renewals keep it
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);

    await a.stop(); // releases
    await waitUntil(() => b.isLeader, 500, 'B takes over after a release');

    // B dies without releasing: A (restarted) must wait for the lease to lapse.
    const c = lease(store, 'C', events);
    const bStore = store as Store;
    const originalRelease = bStore.releaseLease.bind(store);
    bStore.releaseLease = async () => undefined;
    await b.stop();
    bStore.releaseLease = originalRelease;
    const diedAt = Date.now();
    c.start();
    await waitUntil(() => c.isLeader, 2000, 'C takes over after the lapse');
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(250);
    await c.stop();
    expect(events).toEqual(['A+', 'A-', 'B+', 'B-', 'C+', 'C-']);
    await store.close();
  });

  it('steps down when the store stays unreachable past most of the TTL', async () => {
    const store = new MemoryStore();
    const events: string[] = [];
    const a = lease(store, 'A', events);
    a.start();
    await waitUntil(() => a.isLeader, 1000);
    store.acquireLease = async () => {
      throw new Error('redis down');
    };
    await waitUntil(() => !a.isLeader, 1500, 'A steps down');
    expect(events).toEqual(['A+', 'A-']);
    expect(a.lastError).toBe('lease: redis down');
    await a.stop();
    await store.close();
  });
});
