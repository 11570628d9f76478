import { randomUUID } from 'node:crypto';
import { withStoreLock } from '../cases/storeLock';
import type { Store } from '../store/store';

/**
 * Which staff are online right now, across every instance sharing the store: a member of staff
 * is online while one of their consoles has /api/stream open (src/http/api/staffStream.ts).
 *
 * Each open console is one presence record (kind `presence`, id `<username>#<connection>`) with a
 * short time to live, refreshed by the stream's heartbeat and deleted when the socket closes; a
 * console whose instance died simply expires. Records cannot be listed by kind, so a roster
 * record names the connections; the roster is only a hint: each name is checked against its own
 * record, stale names are dropped whenever someone joins, and a heartbeat puts back a live
 * connection the roster lost (e.g. to a write that timed out on the lock).
 *
 * Per connection rather than per user: the same agent in two tabs, or on two instances, stays
 * online until the last of their consoles closes.
 */

export type PresenceRole = 'agent' | 'supervisor';

export interface PresenceEntry {
  username: string;
  role: PresenceRole;
  /** When this console connected (ISO). */
  since: string;
}

export interface StaffPresenceOptions {
  /** Seconds a presence record lives without a refresh. Default 60 (two 30 s heartbeats). */
  ttlSeconds?: number;
}

export const PRESENCE_KIND = 'presence';
const ROSTER_KIND = 'presence-roster';
const ROSTER_ID = 'staff';
export const DEFAULT_PRESENCE_TTL_SECONDS = 60;

export class StaffPresence {
  readonly ttlSeconds: number;

  constructor(
    private readonly store: Store,
    options: StaffPresenceOptions = {},
  ) {
    this.ttlSeconds = Math.max(1, Math.ceil(options.ttlSeconds ?? DEFAULT_PRESENCE_TTL_SECONDS));
  }

  /** A fresh id for one console connection of `username`. */
  static connectionId(username: string): string {
    return `${username}#${randomUUID()}`;
  }

  /** Records one open console; resolves once it counts as online on every instance. */
  async join(connectionId: string, entry: PresenceEntry): Promise<void> {
    await this.store.putRecord(PRESENCE_KIND, connectionId, entry, this.ttlSeconds);
    await this.updateRoster(async (roster) => {
      const live: string[] = [];
      for (const id of roster) if (id !== connectionId && (await this.entry(id))) live.push(id);
      return [...live, connectionId];
    });
  }

  /** Keeps these consoles online for another TTL (the heartbeat); puts back any the roster lost. */
  async refresh(connections: Map<string, PresenceEntry>): Promise<void> {
    if (connections.size === 0) return;
    await Promise.all([...connections].map(([id, entry]) => this.store.putRecord(PRESENCE_KIND, id, entry, this.ttlSeconds)));
    const roster = new Set(await this.roster());
    if ([...connections.keys()].some((id) => !roster.has(id))) {
      await this.updateRoster(async (current) => [...new Set([...current, ...connections.keys()])]);
    }
  }

  /** The console closed. */
  async leave(connectionId: string): Promise<void> {
    await this.store.deleteRecord(PRESENCE_KIND, connectionId);
    await this.updateRoster(async (roster) => roster.filter((id) => id !== connectionId));
  }

  /** Staff online now, one entry per person (the earliest of their consoles). */
  async online(): Promise<PresenceEntry[]> {
    const byUser = new Map<string, PresenceEntry>();
    const entries = await Promise.all((await this.roster()).map((id) => this.entry(id)));
    for (const entry of entries) {
      if (!entry) continue;
      const known = byUser.get(entry.username);
      if (!known || entry.since < known.since) byUser.set(entry.username, entry);
    }
    return [...byUser.values()];
  }

  /** How many agents (role agent: those who take cases from the queue) are online now. */
  async onlineAgents(): Promise<number> {
    return (await this.online()).filter((e) => e.role === 'agent').length;
  }

  private entry(id: string): Promise<PresenceEntry | undefined> {
    return this.store.getRecord<PresenceEntry>(PRESENCE_KIND, id);
  }

  private async roster(): Promise<string[]> {
    return (await this.store.getRecord<string[]>(ROSTER_KIND, ROSTER_ID)) ?? [];
  }

  private async updateRoster(change: (roster: string[]) => Promise<string[]>): Promise<void> {
    await withStoreLock(this.store, `${ROSTER_KIND}:${ROSTER_ID}`, async () => {
      await this.store.putRecord(ROSTER_KIND, ROSTER_ID, await change(await this.roster()));
    });
  }
}
