import { StaffPresence, type PresenceEntry } from '../../src/handoff/staffPresence';
import { MemoryStore } from '../../src/store/memoryStore';

const since = () => new Date().toISOString();
const agent = (username: string): PresenceEntry => ({ username, role: 'agent', since: since() });

describe('StaffPresence', () => {
  it('counts agents with a console open, once per person; supervisors are online but take no queue', async () => {
    const store = new MemoryStore();
    const presence = new StaffPresence(store);
    expect(await presence.onlineAgents()).toBe(0);
    await presence.join('agent07#a', agent('agent07'));
    await presence.join('agent07#b', agent('agent07')); // a second tab
    await presence.join('boss#a', { username: 'boss', role: 'supervisor', since: since() });
    expect(await presence.onlineAgents()).toBe(1);
    expect((await presence.online()).map((e) => e.username).sort()).toEqual(['agent07', 'boss']);

    // Another instance sharing the store sees the same.
    expect(await new StaffPresence(store).onlineAgents()).toBe(1);

    await presence.leave('agent07#a');
    expect(await presence.onlineAgents()).toBe(1); // the other tab is still open
    await presence.leave('agent07#b');
    expect(await presence.onlineAgents()).toBe(0);
    await store.close();
  });

  it('a console whose instance died expires with its TTL; a refresh keeps a live one', async () => {
    const store = new MemoryStore();
    const presence = new StaffPresence(store, { ttlSeconds: 1 });
    await presence.join('agent07#a', agent('agent07'));
    await presence.join('agent08#a', agent('agent08'));
    expect(await presence.onlineAgents()).toBe(2);
    await new Promise((r) => setTimeout(r, 600));
    await presence.refresh(new Map([['agent08#a', agent('agent08')]]));
    await new Promise((r) => setTimeout(r, 600));
    expect(await presence.onlineAgents()).toBe(1);
    expect((await presence.online()).map((e) => e.username)).toEqual(['agent08']);
    await store.close();
  });

  it('tolerates a roster that lost a name (the heartbeat puts it back) or kept a stale one (dropped on the next join)', async () => {
    const store = new MemoryStore();
    const presence = new StaffPresence(store);
    await presence.join('agent07#a', agent('agent07'));
    // A stale name: its record is gone (expired), the roster still lists it.
    await store.deleteRecord('presence', 'agent07#a');
    expect(await presence.onlineAgents()).toBe(0);
    await presence.join('agent08#a', agent('agent08'));
    expect(await store.getRecord('presence-roster', 'staff')).toEqual(['agent08#a']);

    // A lost name: the record is there, the roster forgot it.
    await store.putRecord('presence-roster', 'staff', []);
    expect(await presence.onlineAgents()).toBe(0);
    await presence.refresh(new Map([['agent08#a', agent('agent08')]]));
    expect(await presence.onlineAgents()).toBe(1);
    await store.close();
  });
});
