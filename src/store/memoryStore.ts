import { EventEmitter } from 'node:events';
import { MemoryStorage } from 'botbuilder';
import type { Case } from '../domain/case';
import { AnnouncedEntry } from './store';
import type { CaseFilter, CounterHit, LoggedActivity, Store, StoreHealth, StreamEntry, Unsubscribe } from './store';
import { compareStreamIds, InvalidStreamIdError, isStreamId } from './streamIds';
import { matchesFilter, newestFirst } from './caseFilter';

/**
 * The embedded default: everything in this process. Fine for a trial desk or a single demo
 * instance; a restart forgets everything, so production runs on Redis (REDIS_URL).
 * It needs no data cipher: nothing is kept at rest, and whoever can read this process's memory
 * could read the keys too.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly botStorage = new MemoryStorage();
  private readonly cases = new Map<string, string>();
  private readonly ticketIndex = new Map<string, string>();
  /**
   * Each case's index keys, and the ids under each key (a customer, a status), as the Redis store
   * keeps them: a turn's listing of one customer's cases, or the queue gauge's of the queued ones,
   * parses those cases only, not every case the process holds.
   */
  private readonly indexedAs = new Map<string, { ticketId: string; keys: string[] }>();
  private readonly caseIndex = new Map<string, Set<string>>();
  private readonly sequences = new Map<string, number>();
  private readonly logs = new Map<string, LoggedActivity[]>();
  private readonly records = new Map<string, { json: string; expiresAt: number }>();
  private readonly leases = new Map<string, { owner: string; expiresAt: number }>();
  private readonly bus = new EventEmitter().setMaxListeners(0);
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();
  private readonly streams = new Map<string, { id: string; json: string }[]>();
  /** The last stream id given, so ids keep growing even if the clock steps back (as Redis does). */
  private lastStreamId = { ms: 0, seq: 0 };
  private nextCounterSweep = 0;

  async nextTicketSequence(day: string): Promise<number> {
    const next = (this.sequences.get(day) ?? 0) + 1;
    this.sequences.set(day, next);
    return next;
  }

  async saveCase(c: Case): Promise<void> {
    // Stored as JSON so callers can never mutate the stored copy by accident.
    this.cases.set(c.id, JSON.stringify(c));
    this.ticketIndex.set(c.ticketId, c.id);
    this.unindex(c.id);
    const keys = [`customer:${c.customerId}`, `status:${c.status}`];
    for (const key of keys) {
      const ids = this.caseIndex.get(key) ?? new Set<string>();
      this.caseIndex.set(key, ids.add(c.id));
    }
    this.indexedAs.set(c.id, { ticketId: c.ticketId, keys });
  }

  async getCase(id: string): Promise<Case | undefined> {
    const json = this.cases.get(id);
    return json ? (JSON.parse(json) as Case) : undefined;
  }

  async getCaseByTicket(ticketId: string): Promise<Case | undefined> {
    const id = this.ticketIndex.get(ticketId);
    return id ? this.getCase(id) : undefined;
  }

  async listCases(filter: CaseFilter = {}): Promise<Case[]> {
    // The same choice of index as the Redis store's; matchesFilter then checks every condition.
    const key =
      filter.status || filter.unarchivedResolved || filter.awaitingResultNotice
        ? `status:${filter.status ?? 'resolved'}`
        : filter.customerId && !filter.phone
          ? `customer:${filter.customerId}`
          : undefined;
    const jsons = key ? [...(this.caseIndex.get(key) ?? [])].map((id) => this.cases.get(id)!) : [...this.cases.values()];
    return jsons
      .map((json) => JSON.parse(json) as Case)
      .filter((c) => matchesFilter(c, filter))
      .sort(newestFirst);
  }

  async deleteCase(id: string): Promise<void> {
    const indexed = this.indexedAs.get(id);
    if (!indexed) return;
    this.cases.delete(id);
    this.unindex(id);
    if (this.ticketIndex.get(indexed.ticketId) === id) this.ticketIndex.delete(indexed.ticketId);
  }

  private unindex(id: string): void {
    for (const key of this.indexedAs.get(id)?.keys ?? []) {
      const ids = this.caseIndex.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.caseIndex.delete(key);
    }
    this.indexedAs.delete(id);
  }

  async appendActivity(conversationId: string, activity: Record<string, unknown>): Promise<number> {
    const log = this.logs.get(conversationId) ?? [];
    this.logs.set(conversationId, log);
    const watermark = log.length;
    log.push({ watermark, activity: JSON.parse(JSON.stringify(activity)) });
    return watermark;
  }

  async readActivities(conversationId: string, after: number): Promise<LoggedActivity[]> {
    const log = this.logs.get(conversationId) ?? [];
    return log.slice(Math.max(0, after + 1)).map((entry) => JSON.parse(JSON.stringify(entry)));
  }

  async appendAndAnnounce(conversationId: string, activity: Record<string, unknown>, topic: string): Promise<number> {
    const watermark = await this.appendActivity(conversationId, activity);
    const copy = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
    setImmediate(() => this.bus.emit(topic, new AnnouncedEntry(watermark, copy)));
    return watermark;
  }

  appendDurable(logId: string, entry: Record<string, unknown>): Promise<number> {
    return this.appendActivity(logId, entry);
  }

  readDurable(logId: string, after: number): Promise<LoggedActivity[]> {
    return this.readActivities(logId, after);
  }

  async appendEvent(stream: string, event: unknown, maxLen: number): Promise<string> {
    const now = Date.now();
    const last = this.lastStreamId;
    this.lastStreamId = now > last.ms ? { ms: now, seq: 0 } : { ms: last.ms, seq: last.seq + 1 };
    const id = `${this.lastStreamId.ms}-${this.lastStreamId.seq}`;
    const entries = this.streams.get(stream) ?? [];
    this.streams.set(stream, entries);
    entries.push({ id, json: JSON.stringify(event) });
    // Exact trimming: Redis keeps a few more (whole nodes), which the contract allows.
    if (entries.length > maxLen) entries.splice(0, entries.length - maxLen);
    return id;
  }

  async readEvents(stream: string, afterId: string | undefined, limit: number): Promise<StreamEntry[]> {
    if (afterId !== undefined && !isStreamId(afterId)) throw new InvalidStreamIdError(afterId);
    const entries = this.streams.get(stream) ?? [];
    const start = afterId === undefined ? 0 : entries.findIndex((e) => compareStreamIds(e.id, afterId) > 0);
    if (start < 0) return [];
    return entries.slice(start, start + Math.max(0, limit)).map((e) => ({ id: e.id, event: JSON.parse(e.json) }));
  }

  async putRecord(kind: string, id: string, value: unknown, ttlSeconds?: number): Promise<void> {
    const expiresAt = ttlSeconds ? Date.now() + ttlSeconds * 1000 : Number.POSITIVE_INFINITY;
    this.records.set(`${kind}:${id}`, { json: JSON.stringify(value), expiresAt });
  }

  async getRecord<T>(kind: string, id: string): Promise<T | undefined> {
    const key = `${kind}:${id}`;
    const entry = this.records.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.records.delete(key);
      return undefined;
    }
    return JSON.parse(entry.json) as T;
  }

  async putRecordIfAbsent<T>(kind: string, id: string, value: T): Promise<T> {
    // Check and set without an await in between, so concurrent callers cannot both win.
    const key = `${kind}:${id}`;
    const entry = this.records.get(key);
    if (entry && entry.expiresAt > Date.now()) return JSON.parse(entry.json) as T;
    this.records.set(key, { json: JSON.stringify(value), expiresAt: Number.POSITIVE_INFINITY });
    return value;
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    this.records.delete(`${kind}:${id}`);
  }

  async listRecords<T>(kind: string): Promise<{ id: string; value: T }[]> {
    const prefix = `${kind}:`;
    const now = Date.now();
    const found: { id: string; value: T }[] = [];
    for (const [key, entry] of [...this.records]) {
      if (!key.startsWith(prefix)) continue;
      if (entry.expiresAt <= now) {
        this.records.delete(key);
        continue;
      }
      found.push({ id: key.slice(prefix.length), value: JSON.parse(entry.json) as T });
    }
    return found;
  }

  async publish(topic: string, message: unknown): Promise<void> {
    // Round-trip through JSON so subscribers see exactly what a Redis subscriber would.
    const copy = JSON.parse(JSON.stringify(message));
    setImmediate(() => this.bus.emit(topic, copy));
  }

  async subscribe(topic: string, handler: (message: unknown) => void): Promise<Unsubscribe> {
    this.bus.on(topic, handler);
    return async () => {
      this.bus.off(topic, handler);
    };
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const current = this.leases.get(name);
    if (current && current.owner !== owner && current.expiresAt > now) return false;
    this.leases.set(name, { owner, expiresAt: now + ttlMs });
    return true;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    if (this.leases.get(name)?.owner === owner) this.leases.delete(name);
  }

  async hitCounter(name: string, windowMs: number): Promise<CounterHit> {
    // Read and write without an await in between: concurrent hits cannot be lost.
    const now = Date.now();
    this.sweepCounters(now);
    let counter = this.counters.get(name);
    if (!counter || counter.expiresAt <= now) {
      counter = { count: 0, expiresAt: now + windowMs };
      this.counters.set(name, counter);
    }
    counter.count += 1;
    return { count: counter.count, resetInMs: counter.expiresAt - now };
  }

  async resetCounter(name: string): Promise<void> {
    this.counters.delete(name);
  }

  /** Drops lapsed counters now and then, so a flood of one-off keys (addresses) does not pile up. */
  private sweepCounters(now: number): void {
    if (now < this.nextCounterSweep) return;
    this.nextCounterSweep = now + 60_000;
    for (const [name, c] of this.counters) if (c.expiresAt <= now) this.counters.delete(name);
  }

  /** In this process: available as long as the process is. */
  async checkHealth(): Promise<StoreHealth> {
    return { ok: true };
  }

  async close(): Promise<void> {
    this.bus.removeAllListeners();
  }
}
