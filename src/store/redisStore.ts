import type { Redis } from 'ioredis';
import { CASE_STATUSES, type Case } from '../domain/case';
import type { Logger } from '../logging/logger';
import { DataCipher } from '../privacy/dataCipher';
import type { SearchKeys } from '../privacy/searchKeys';
import { matchesFilter, newestFirst } from './caseFilter';
import { RedisBotStorage } from './redisBotStorage';
import { defineScript, type ScriptCall } from './redisScripts';
import { guardStoreCalls, RedisConnection } from './redisConnection';
import { AnnouncedEntry } from './store';
import type { CaseFilter, CounterHit, LoggedActivity, Store, StoreHealth, StreamEntry, Unsubscribe } from './store';
import { InvalidStreamIdError, isStreamId } from './streamIds';

const RENEW_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * One counted hit: INCR, and the counter's lifetime set on its first hit only (a window that
 * does not slide with every hit). A counter found without a lifetime (written by hand, or a
 * PEXPIRE lost mid-script) gets one, so no counter can block for ever. Returns {count, ms left}.
 */
const HIT_COUNTER = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {count, left}
`;

/**
 * An append to a conversation's log, announced: RPUSH the sealed entry, renew the log's lifetime
 * and PUBLISH `{"watermark":N,"sealed":"<the same ciphertext>"}` on channel ARGV[3], all in one
 * round trip. The watermark is only known once RPUSH has answered, which is why this is a script,
 * not a pipeline. The announcement is JSON with a numeric watermark so that an instance of an
 * older version, during a rolling deploy, still reads it as a notice and reads the log.
 */
const APPEND_AND_ANNOUNCE = `
local length = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], cjson.encode({watermark = length - 1, sealed = ARGV[1]}))
return length
`;

/** Deletes KEYS[1] only while it holds ARGV[1] (the same compare-and-delete as a lease release). */
const DELETE_IF_EQUALS = RELEASE_LEASE;

/**
 * How often one instance drops a record kind's expired index entries. Every write did it, which
 * cost a command per write; an entry kept a little past its record's expiry is harmless, as
 * listRecords reads from the current time and skips records that are gone.
 */
const RECORD_INDEX_PRUNE_MS = 1000;

/** Conversation logs outlive a browser tab but not forever: a week of reconnects. */
const ACTIVITY_TTL_SECONDS = 7 * 24 * 3600;

export interface RedisStoreOptions {
  url: string;
  /** Namespace for every key and channel, so tests (or two desks) can share one Redis. */
  prefix?: string;
  /** Where connection losses and recoveries are logged (once each per outage). */
  logger?: Logger;
  /** Told of every call that failed because Redis was unavailable (the store-error metric). */
  onUnavailable?: () => void;
  /**
   * Encrypts every value with personal data (cases, logs, records, bot state). Whole values,
   * not chosen fields: a field list would leave personal data wherever a new field, a
   * transcript line or an activity's text carries it. Redis keeps only ids and index keys in clear.
   */
  cipher: DataCipher;
  /** Keys of the phone-number index (cases-by-phone:<hmac>), so a search needs no decryption. */
  searchKeys: SearchKeys;
}

/** The shared store: several instances on one Redis see the same cases, state and events. */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly botStorage: RedisBotStorage;
  private readonly connection: RedisConnection;
  private readonly redis: Redis;
  private subscriberConnection?: RedisConnection;
  private subscriber?: Redis;
  private readonly handlers = new Map<string, Set<(message: unknown) => void>>();
  private readonly prefix: string;
  private readonly cipher: DataCipher;
  private readonly searchKeys: SearchKeys;
  private readonly logger?: Logger;
  private readonly renewLease: ScriptCall;
  private readonly releaseLeaseScript: ScriptCall;
  private readonly hitCounterScript: ScriptCall;
  private readonly appendAnnouncedScript: ScriptCall;
  /** When this instance last dropped each record kind's expired index entries. */
  private readonly prunedAt = new Map<string, number>();

  constructor(options: RedisStoreOptions) {
    this.logger = options.logger;
    this.prefix = options.prefix ?? 'cd:';
    this.cipher = options.cipher;
    this.searchKeys = options.searchKeys;
    // Calls fail fast with StoreUnavailableError while Redis is down (src/store/redisConnection.ts).
    this.connection = new RedisConnection(options.url, 'main', options.logger);
    this.redis = this.connection.client;
    this.renewLease = defineScript(this.redis, 'cdRenewLease', RENEW_LEASE);
    this.releaseLeaseScript = defineScript(this.redis, 'cdReleaseLease', RELEASE_LEASE);
    this.hitCounterScript = defineScript(this.redis, 'cdHitCounter', HIT_COUNTER);
    this.appendAnnouncedScript = defineScript(this.redis, 'cdAppendAnnounced', APPEND_AND_ANNOUNCE);
    const gate = () => this.connection.usable();
    const unavailable = options.onUnavailable && (() => options.onUnavailable?.());
    this.botStorage = guardStoreCalls(
      new RedisBotStorage(this.redis, this.prefix, this.cipher),
      ['read', 'write', 'delete'],
      gate,
      unavailable,
    );
    guardStoreCalls(this, REDIS_STORE_CALLS, gate, unavailable);
  }

  /** Resolves once Redis answers, so startup fails clearly on a wrong REDIS_URL. */
  async ready(): Promise<void> {
    await this.connection.usable();
    await this.redis.ping();
  }

  /** Cheap: the connections' state, and one PING when they look up. */
  async checkHealth(): Promise<StoreHealth> {
    const down = [this.connection, this.subscriberConnection].find((c) => c && !c.isReady);
    if (down) return { ok: false, reason: 'store unavailable', detail: `redis ${down.role} connection is ${down.client.status}` };
    try {
      await this.redis.ping();
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: 'store unavailable', detail: err instanceof Error ? err.message : String(err) };
    }
  }

  private k(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  private phoneIndex(phone: string): string {
    return this.k('cases-by-phone', this.searchKeys.phoneKey(phone));
  }

  async nextTicketSequence(day: string): Promise<number> {
    const key = this.k('ticketseq', day);
    const [[, seq]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, 3 * 24 * 3600)
      .exec()) as [[Error | null, number]];
    return seq;
  }

  async saveCase(c: Case): Promise<void> {
    const tx = this.redis
      .multi()
      .set(this.k('case', c.id), this.cipher.seal(c))
      .zadd(this.k('cases'), Date.parse(c.acceptedAt), c.id)
      .set(this.k('ticket', c.ticketId), c.id)
      .sadd(this.k('cases-of', c.customerId), c.id);
    // Index by status so the live views (queue, supervision) never load years of resolved cases.
    for (const status of CASE_STATUSES) {
      if (status === c.status) tx.sadd(this.k('cases-in', status), c.id);
      else tx.srem(this.k('cases-in', status), c.id);
    }
    // The phone index holds only a keyed HMAC of the number. An entry left behind when a case's
    // number changes is harmless: listCases checks the number of every case it loads.
    if (c.slots.phone) tx.sadd(this.phoneIndex(c.slots.phone), c.id);
    await tx.exec();
  }

  async getCase(id: string): Promise<Case | undefined> {
    const json = await this.redis.get(this.k('case', id));
    return json ? this.cipher.open<Case>(json) : undefined;
  }

  async getCaseByTicket(ticketId: string): Promise<Case | undefined> {
    const id = await this.redis.get(this.k('ticket', ticketId));
    return id ? this.getCase(id) : undefined;
  }

  async listCases(filter: CaseFilter = {}): Promise<Case[]> {
    const ids = filter.phone
      ? await this.redis.smembers(this.phoneIndex(filter.phone))
      : filter.status || filter.unarchivedResolved || filter.awaitingResultNotice
        ? await this.redis.smembers(this.k('cases-in', filter.status ?? 'resolved'))
        : filter.customerId
          ? await this.redis.smembers(this.k('cases-of', filter.customerId))
          : await this.redis.zrevrange(this.k('cases'), 0, -1);
    if (ids.length === 0) return [];
    const jsons = await this.redis.mget(ids.map((id) => this.k('case', id)));
    return jsons
      .filter((j): j is string => j !== null)
      .map((j) => this.cipher.open<Case>(j))
      .filter((c) => matchesFilter(c, filter))
      .sort(newestFirst);
  }

  async deleteCase(id: string): Promise<void> {
    const c = await this.getCase(id);
    const tx = this.redis.multi().del(this.k('case', id)).zrem(this.k('cases'), id);
    for (const status of CASE_STATUSES) tx.srem(this.k('cases-in', status), id);
    if (c) tx.srem(this.k('cases-of', c.customerId), id);
    if (c?.slots.phone) tx.srem(this.phoneIndex(c.slots.phone), id);
    // The ticket index is only removed when it still points at this case.
    if (c) tx.eval(DELETE_IF_EQUALS, 1, this.k('ticket', c.ticketId), id);
    await tx.exec();
  }

  appendActivity(conversationId: string, activity: Record<string, unknown>, options: { durable?: boolean } = {}): Promise<number> {
    return this.appendLog(conversationId, activity, options.durable ?? false);
  }

  readActivities(conversationId: string, after: number): Promise<LoggedActivity[]> {
    return this.readLog(conversationId, after);
  }

  appendDurable(logId: string, entry: Record<string, unknown>): Promise<number> {
    return this.appendLog(logId, entry, true);
  }

  readDurable(logId: string, after: number): Promise<LoggedActivity[]> {
    return this.readLog(logId, after);
  }

  private async appendLog(logId: string, activity: Record<string, unknown>, durable: boolean): Promise<number> {
    const key = this.k('activities', logId);
    // A pipeline, not MULTI: nothing is lost if only the RPUSH lands (the call fails and the next
    // append sets the lifetime), and a transaction would cost two more commands per message.
    const tx = this.redis.pipeline().rpush(key, this.cipher.seal(activity));
    // Durable logs (the audit trail) must outlive the cases they describe: no expiry at all.
    if (durable) tx.persist(key);
    else tx.expire(key, ACTIVITY_TTL_SECONDS);
    const [[err, length]] = (await tx.exec()) as [[Error | null, number]];
    if (err) throw err;
    return length - 1;
  }

  async appendAndAnnounce(conversationId: string, activity: Record<string, unknown>, topic: string): Promise<number> {
    const key = this.k('activities', conversationId);
    const length = await this.appendAnnouncedScript(key, this.cipher.seal(activity), String(ACTIVITY_TTL_SECONDS), this.k('topic', topic));
    return Number(length) - 1;
  }

  private async readLog(logId: string, after: number): Promise<LoggedActivity[]> {
    const start = Math.max(0, after + 1);
    const items = await this.redis.lrange(this.k('activities', logId), start, -1);
    return items.map((json, i) => ({ watermark: start + i, activity: this.cipher.open<Record<string, unknown>>(json) }));
  }

  // Event streams hold one field per entry, the sealed event: staff events carry what customers
  // said, so they are encrypted at rest like the logs. Trimming is approximate (MAXLEN ~), which
  // lets Redis drop whole nodes instead of rewriting one on every append.

  async appendEvent(stream: string, event: unknown, maxLen: number): Promise<string> {
    const id = await this.redis.xadd(this.k('stream', stream), 'MAXLEN', '~', String(maxLen), '*', 'e', this.cipher.seal(event));
    return id!;
  }

  async readEvents(stream: string, afterId: string | undefined, limit: number): Promise<StreamEntry[]> {
    // Checked here: Redis would answer a malformed id with an ERR that looks like a store bug.
    if (afterId !== undefined && !isStreamId(afterId)) throw new InvalidStreamIdError(afterId);
    if (limit <= 0) return [];
    const entries = await this.redis.xrange(this.k('stream', stream), afterId === undefined ? '-' : `(${afterId}`, '+', 'COUNT', limit);
    return entries.map(([id, fields]) => ({ id, event: this.cipher.open<unknown>(fields[fields.indexOf('e') + 1]) }));
  }

  // Records are plain keys, each with its own TTL. A per-kind sorted set of ids, scored by when
  // the record expires, lets listRecords find them without a key scan; writes drop the ids that
  // have expired since (at most once a second per kind), so the index stays as small as the live records.

  private recordIndex(kind: string): string {
    return this.k('recordindex', kind);
  }

  async putRecord(kind: string, id: string, value: unknown, ttlSeconds?: number): Promise<void> {
    const key = this.k('record', kind, id);
    const now = Date.now();
    // A pipeline, index entry first: if only part of it lands, what is left is an index entry
    // without its record, which listRecords skips (and the call fails, so the caller knows).
    const tx = this.redis.pipeline().zadd(this.recordIndex(kind), ttlSeconds ? now + ttlSeconds * 1000 : '+inf', id);
    if (ttlSeconds) tx.set(key, this.cipher.seal(value), 'EX', ttlSeconds);
    else tx.set(key, this.cipher.seal(value));
    if (now - (this.prunedAt.get(kind) ?? 0) >= RECORD_INDEX_PRUNE_MS) {
      this.prunedAt.set(kind, now);
      tx.zremrangebyscore(this.recordIndex(kind), '-inf', `(${now}`);
    }
    await execAll(tx);
  }

  async getRecord<T>(kind: string, id: string): Promise<T | undefined> {
    const json = await this.redis.get(this.k('record', kind, id));
    return json ? this.cipher.open<T>(json) : undefined;
  }

  async putRecordIfAbsent<T>(kind: string, id: string, value: T): Promise<T> {
    const key = this.k('record', kind, id);
    // NX on both: a record that already exists keeps its value, its TTL and its index score.
    await this.redis.multi().set(key, this.cipher.seal(value), 'NX').zadd(this.recordIndex(kind), 'NX', '+inf', id).exec();
    return this.cipher.open<T>((await this.redis.get(key))!);
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    // Record first: a stray index entry is harmless (see putRecord).
    await execAll(
      this.redis
        .pipeline()
        .del(this.k('record', kind, id))
        .zrem(this.recordIndex(kind), id),
    );
  }

  async listRecords<T>(kind: string): Promise<{ id: string; value: T }[]> {
    const ids = await this.redis.zrangebyscore(this.recordIndex(kind), Date.now(), '+inf');
    if (ids.length === 0) return [];
    const jsons = await this.redis.mget(ids.map((id) => this.k('record', kind, id)));
    // A key can be gone a moment before its score says so (clocks of two instances differ).
    return ids.flatMap((id, i) => (jsons[i] === null ? [] : [{ id, value: this.cipher.open<T>(jsons[i]!) }]));
  }

  async publish(topic: string, message: unknown): Promise<void> {
    await this.redis.publish(this.k('topic', topic), JSON.stringify(message));
  }

  async subscribe(topic: string, handler: (message: unknown) => void): Promise<Unsubscribe> {
    const channel = this.k('topic', topic);
    if (!this.subscriberConnection) {
      // ioredis's own resubscribe after a reconnect is a promise nobody awaits: when Redis drops
      // again at that moment it rejects unhandled. The store resubscribes itself instead.
      this.subscriberConnection = this.connection.duplicate('subscriber', { autoResubscribe: false });
      this.subscriber = this.subscriberConnection.client;
      this.subscriber.on('ready', () => this.resubscribe());
      this.subscriber.on('message', (ch: string, json: string) => {
        // Anything on the wire may be malformed (another version, a manual PUBLISH), and a
        // throwing handler must not take the subscriber — or the process — down with it.
        let message: unknown;
        try {
          message = this.openAnnounced(JSON.parse(json));
        } catch {
          return;
        }
        for (const h of this.handlers.get(ch) ?? []) {
          try {
            h(message);
          } catch {
            // The handler's own failure is its business; other subscribers still get the message.
          }
        }
      });
    }
    await this.subscriberConnection.usable();
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        await this.subscriber!.subscribe(channel);
      } catch (err) {
        // Not subscribed: the next subscribe to this channel must try again, not assume it worked.
        if (set.size === 0) this.handlers.delete(channel);
        throw err;
      }
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(channel);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) {
        this.handlers.delete(channel);
        await this.subscriber?.unsubscribe(channel);
      }
    };
  }

  /**
   * An announcement (`{ watermark, sealed }`) becomes the AnnouncedEntry it carries. One that
   * does not open (altered, under a key this instance lacks, or plain text, which the cipher
   * would take for data from before encryption) is only a notice of its watermark, so
   * subscribers read the log; any other message is passed on as it is.
   */
  private openAnnounced(message: unknown): unknown {
    const { watermark, sealed } = (message ?? {}) as { watermark?: unknown; sealed?: unknown };
    if (typeof sealed !== 'string' || !Number.isSafeInteger(watermark) || (watermark as number) < 0) return message;
    if (!DataCipher.isEncrypted(sealed)) return { watermark };
    try {
      return new AnnouncedEntry(watermark as number, this.cipher.open<Record<string, unknown>>(sealed));
    } catch {
      return { watermark };
    }
  }

  /** After a reconnect: every channel with handlers again. A failure waits for the next 'ready'. */
  private resubscribe(): void {
    const channels = [...this.handlers.keys()];
    if (channels.length === 0 || !this.subscriber) return;
    this.subscriber.subscribe(...channels).catch((err: unknown) => {
      this.logger?.debug({ err }, 'redis: resubscribe failed; it is tried again on the next reconnect');
    });
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const ok = await this.renewLease(this.k('lease', name), owner, String(ttlMs));
    return ok === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.releaseLeaseScript(this.k('lease', name), owner);
  }

  async hitCounter(name: string, windowMs: number): Promise<CounterHit> {
    const [count, resetInMs] = (await this.hitCounterScript(this.k('counter', name), String(Math.max(1, Math.round(windowMs))))) as [
      number,
      number,
    ];
    return { count, resetInMs };
  }

  async resetCounter(name: string): Promise<void> {
    await this.redis.del(this.k('counter', name));
  }

  /** Bounded whatever Redis does: QUIT when it answers, a plain disconnect when it does not. */
  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.subscriberConnection?.close(), this.connection.close()]);
  }
}

/** Runs a pipeline and fails as a MULTI would when any of its commands failed. */
async function execAll(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  for (const [err] of (await pipeline.exec()) ?? []) if (err) throw err;
}

/**
 * The Store calls that go to Redis, guarded so an outage surfaces as StoreUnavailableError.
 * Typed over the Store interface: a new Store method does not compile until it is listed here.
 */
const GUARDED: Record<Exclude<keyof Store, 'kind' | 'botStorage' | 'close' | 'checkHealth'>, true> = {
  nextTicketSequence: true,
  saveCase: true,
  getCase: true,
  getCaseByTicket: true,
  listCases: true,
  deleteCase: true,
  appendActivity: true,
  readActivities: true,
  appendAndAnnounce: true,
  appendDurable: true,
  readDurable: true,
  appendEvent: true,
  readEvents: true,
  putRecord: true,
  getRecord: true,
  putRecordIfAbsent: true,
  deleteRecord: true,
  listRecords: true,
  publish: true,
  subscribe: true,
  acquireLease: true,
  releaseLease: true,
  hitCounter: true,
  resetCounter: true,
};
const REDIS_STORE_CALLS = Object.keys(GUARDED) as (keyof typeof GUARDED)[];
