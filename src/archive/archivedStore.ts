import type { Storage } from 'botbuilder';
import type { CaseArchive } from './caseArchive';
import type { Case } from '../domain/case';
import type { CaseFilter, CounterHit, LoggedActivity, Store, StoreHealth, StreamEntry, Unsubscribe } from '../store/store';

/**
 * One Store over two places: cases and ticket numbers in the archive (PostgreSQL, the system of
 * record, kept for years), everything live and shared (bot state, Direct Line sessions, logs,
 * leases, limits, pub/sub) in the live store (Redis, or memory on one instance). Callers see
 * the one interface; a case is durable in PostgreSQL before saveCase resolves.
 */
export class ArchivedStore implements Store {
  readonly kind: Store['kind'];
  readonly botStorage: Storage;

  constructor(
    private readonly live: Store,
    private readonly archive: CaseArchive,
  ) {
    this.kind = live.kind;
    this.botStorage = live.botStorage;
  }

  /** Migrates the archive's schema; called before the service takes traffic. */
  open(): Promise<void> {
    return this.archive.open();
  }

  nextTicketSequence(day: string): Promise<number> {
    return this.archive.nextTicketSequence(day);
  }
  saveCase(c: Case): Promise<void> {
    return this.archive.saveCase(c);
  }
  getCase(id: string): Promise<Case | undefined> {
    return this.archive.getCase(id);
  }
  getCaseByTicket(ticketId: string): Promise<Case | undefined> {
    return this.archive.getCaseByTicket(ticketId);
  }
  listCases(filter?: CaseFilter): Promise<Case[]> {
    return this.archive.listCases(filter);
  }
  deleteCase(id: string): Promise<void> {
    return this.archive.deleteCase(id);
  }

  appendActivity(conversationId: string, activity: Record<string, unknown>, options?: { durable?: boolean }): Promise<number> {
    return this.live.appendActivity(conversationId, activity, options);
  }
  readActivities(conversationId: string, after: number): Promise<LoggedActivity[]> {
    return this.live.readActivities(conversationId, after);
  }

  appendAndAnnounce(conversationId: string, activity: Record<string, unknown>, topic: string): Promise<number> {
    return this.live.appendAndAnnounce(conversationId, activity, topic);
  }
  /**
   * Durable logs are the archive's. Entries a live store held before the desk had an archive (or
   * before durable logs moved there) stay readable: they come first, and the archive numbers on
   * after them.
   */
  appendDurable(logId: string, entry: Record<string, unknown>): Promise<number> {
    return this.archive.appendLog(logId, entry, async () => (await this.live.readDurable(logId, -1)).length);
  }
  async readDurable(logId: string, after: number): Promise<LoggedActivity[]> {
    const [earlier, archived] = await Promise.all([this.live.readDurable(logId, after), this.archive.readLog(logId, after)]);
    return [...earlier, ...archived];
  }
  putRecord(kind: string, id: string, value: unknown, ttlSeconds?: number): Promise<void> {
    return this.live.putRecord(kind, id, value, ttlSeconds);
  }
  getRecord<T>(kind: string, id: string): Promise<T | undefined> {
    return this.live.getRecord<T>(kind, id);
  }
  putRecordIfAbsent<T>(kind: string, id: string, value: T): Promise<T> {
    return this.live.putRecordIfAbsent(kind, id, value);
  }
  deleteRecord(kind: string, id: string): Promise<void> {
    return this.live.deleteRecord(kind, id);
  }
  listRecords<T>(kind: string): Promise<{ id: string; value: T }[]> {
    return this.live.listRecords<T>(kind);
  }
  appendEvent(stream: string, event: unknown, maxLen: number): Promise<string> {
    return this.live.appendEvent(stream, event, maxLen);
  }
  readEvents(stream: string, afterId: string | undefined, limit: number): Promise<StreamEntry[]> {
    return this.live.readEvents(stream, afterId, limit);
  }
  publish(topic: string, message: unknown): Promise<void> {
    return this.live.publish(topic, message);
  }
  subscribe(topic: string, handler: (message: unknown) => void): Promise<Unsubscribe> {
    return this.live.subscribe(topic, handler);
  }
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.live.acquireLease(name, owner, ttlMs);
  }
  releaseLease(name: string, owner: string): Promise<void> {
    return this.live.releaseLease(name, owner);
  }
  hitCounter(name: string, windowMs: number): Promise<CounterHit> {
    return this.live.hitCounter(name, windowMs);
  }
  resetCounter(name: string): Promise<void> {
    return this.live.resetCounter(name);
  }

  /** Healthy only when both are: a desk that cannot reach its archive cannot accept cases. */
  async checkHealth(): Promise<StoreHealth> {
    const live = await this.live.checkHealth();
    if (!live.ok) return live;
    try {
      await this.archive.ping();
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: 'archive unavailable', detail: err instanceof Error ? err.message : String(err) };
    }
  }

  closeArchive(): Promise<void> {
    return this.archive.close();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.live.close(), this.archive.close()]);
  }
}
