import type { Storage } from 'botbuilder';
import type { Case, CaseStatus } from '../domain/case';

/**
 * The one storage interface. Memory (the embedded default) and Redis (REDIS_URL, shared by
 * several instances) both implement it, and test/store/storeContract.ts runs the same suite
 * against both.
 */

/** An activity as kept in a conversation's log, with the watermark position the log gave it. */
export interface LoggedActivity {
  watermark: number;
  activity: Record<string, unknown>;
}

/**
 * What appendAndAnnounce's subscribers receive: the entry and its watermark. A class, so that a
 * subscriber can tell it from anything published as JSON (which never is an instance of it):
 * only a store builds one, from an announcement it could open. Anyone able to publish on the
 * bus can still send a plain `{ watermark }`, and that only makes a subscriber read the log.
 */
export class AnnouncedEntry implements LoggedActivity {
  constructor(
    readonly watermark: number,
    readonly activity: Record<string, unknown>,
  ) {}
}

export type Unsubscribe = () => Promise<void>;

/** One entry of an event stream, with the id the stream gave it. */
export interface StreamEntry {
  id: string;
  event: unknown;
}

export { InvalidStreamIdError, compareStreamIds, isStreamId } from './streamIds';

export { StoreUnavailableError, isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from './storeUnavailable';

/** What /healthz reports about the store: `reason` is short and fixed, `detail` is for operators. */
export type StoreHealth = { ok: true } | { ok: false; reason: string; detail?: string };

/** One counted hit: how many hits the counter holds now, and how long until it starts again. */
export interface CounterHit {
  count: number;
  resetInMs: number;
}

export interface CaseFilter {
  status?: CaseStatus;
  customerId?: string;
  /** Cases whose phone slot is this number, however either was typed (Redis: through the phone index). */
  phone?: string;
  /** Archived cases whose retention ends at or before this instant (ISO): the retention sweep, through an index. */
  retainedUntilBefore?: string;
  /** Resolved cases not yet stamped archived (retention not started): the sweep's safety net. */
  unarchivedResolved?: boolean;
  /** Resolved cases whose result notice is still owed (awaitsResultNotice). */
  awaitingResultNotice?: boolean;
}

/**
 * A listing that would hold more cases than one answer may (the archive keeps years of them):
 * the caller narrows it (status, phone, ticket, dates) instead of the process reading a million
 * cases into memory. Routes answer 422 with the message.
 */
/** Most cases one listing from the archive (or one report computed in memory) may hold. */
export const MAX_LISTED_CASES = 20_000;

export class TooManyCasesError extends Error {
  readonly code = 'TooManyCases';
  constructor(readonly limit: number) {
    super(`more than ${limit} cases match; narrow the search (a status other than resolved, a phone or ticket number, or a date range)`);
    this.name = 'TooManyCasesError';
  }
}

export interface Store {
  /** 'memory' or 'redis'; shown by /healthz. */
  readonly kind: 'memory' | 'redis';

  /** Bot Framework conversation and user state, with eTag optimistic concurrency. */
  readonly botStorage: Storage;

  /** Next ticket number for a day (YYYYMMDD); unique across every instance sharing the store. */
  nextTicketSequence(day: string): Promise<number>;

  /** Creates or replaces a case. Resolves only once the case is durable in the store. */
  saveCase(c: Case): Promise<void>;
  getCase(id: string): Promise<Case | undefined>;
  getCaseByTicket(ticketId: string): Promise<Case | undefined>;
  listCases(filter?: CaseFilter): Promise<Case[]>;
  /** Removes a case for good (retention sweep); a missing id is not an error. */
  deleteCase(id: string): Promise<void>;

  /**
   * Appends to a log (a conversation's activities, the audit trail) and returns the entry's
   * watermark (0, 1, 2, …). Conversation logs are kept a week after their last entry; a
   * `durable` log (the audit trail) is kept until deleted.
   */
  appendActivity(conversationId: string, activity: Record<string, unknown>, options?: { durable?: boolean }): Promise<number>;
  /** Activities with watermark > after (after = -1 for all). */
  readActivities(conversationId: string, after: number): Promise<LoggedActivity[]>;
  /**
   * Appends to a conversation's log as appendActivity does and, in the same step, announces the
   * entry on `topic`: subscribers get an AnnouncedEntry, so they can pass it on without reading
   * the log back. On Redis that is one round trip, and the entry crosses pub/sub sealed as it is
   * in the log. Either both happen or the call fails.
   */
  appendAndAnnounce(conversationId: string, activity: Record<string, unknown>, topic: string): Promise<number>;

  /**
   * The durable logs (the audit trail, the compliments): appended to and read like a
   * conversation's log, with the same watermarks, but kept until deleted, and kept in the
   * archive (PostgreSQL, the system of record) when the desk has one.
   */
  appendDurable(logId: string, entry: Record<string, unknown>): Promise<number>;
  /** Entries with watermark > after (after = -1 for all). */
  readDurable(logId: string, after: number): Promise<LoggedActivity[]>;

  /** Small JSON records with an optional time to live (Direct Line conversations, sessions). */
  putRecord(kind: string, id: string, value: unknown, ttlSeconds?: number): Promise<void>;
  getRecord<T>(kind: string, id: string): Promise<T | undefined>;
  /** Stores the value only if no record exists; returns whichever value is stored afterwards. */
  putRecordIfAbsent<T>(kind: string, id: string, value: T): Promise<T>;
  deleteRecord(kind: string, id: string): Promise<void>;
  /**
   * Every unexpired record of a kind, in no particular order (e.g. the live conversations the
   * supervisors watch). Meant for small kinds: it reads them all.
   */
  listRecords<T>(kind: string): Promise<{ id: string; value: T }[]>;

  /**
   * Appends to a bounded event stream (Redis Streams: the staff events a reconnecting console
   * replays) and returns the entry's id, `<ms>-<seq>`. Ids grow with every append; compare them
   * with compareStreamIds, not as strings. The stream keeps about the newest `maxLen` entries
   * (at least that many: Redis trims whole nodes at a time), dropping the oldest.
   */
  appendEvent(stream: string, event: unknown, maxLen: number): Promise<string>;
  /**
   * Up to `limit` entries with id > afterId, oldest first (afterId undefined: from the oldest
   * still held). A well-formed id the stream never gave (trimmed, from another desk) is just a
   * position. A malformed one rejects with InvalidStreamIdError, never reaches Redis, and the
   * caller turns it into a 400; validate with isStreamId first.
   */
  readEvents(stream: string, afterId: string | undefined, limit: number): Promise<StreamEntry[]>;

  /** Fan-out between instances (one process for memory). Handlers get the published JSON value. */
  publish(topic: string, message: unknown): Promise<void>;
  subscribe(topic: string, handler: (message: unknown) => void): Promise<Unsubscribe>;

  /**
   * A lease held by one owner at a time (e.g. which instance runs the WeChat login).
   * Returns true when `owner` holds it after the call; calling again by the holder renews it.
   */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;

  /**
   * Counts one hit on a named counter, atomically across every instance sharing the store. The
   * first hit starts the counter's life of `windowMs`; when it ends the counter starts again
   * from zero. Returns the count including this hit and the milliseconds until the reset.
   */
  hitCounter(name: string, windowMs: number): Promise<CounterHit>;
  /** Forgets a counter at once (an administrator lifting a limit); a missing one is not an error. */
  resetCounter(name: string): Promise<void>;

  /**
   * Cheap check that the store can serve right now (for /healthz, polled by load balancers):
   * never throws, answers within about a second.
   */
  checkHealth(): Promise<StoreHealth>;

  close(): Promise<void>;
}
