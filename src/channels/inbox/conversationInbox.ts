import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { LoggedActivity, Store } from '../../store/store';
import { isStoreUnavailable } from '../../store/storeUnavailable';
import type { TurnQueue } from './turnQueue';

/**
 * A channel's durable inbox (the web chat's, WeChat's). A customer's message is in the
 * conversation's log (the store) before the channel acknowledges it (the web chat's 200, WeChat's
 * message event handled); this makes sure the bot answers every such message exactly once, in
 * order, on one instance at a time, whatever crashes in between:
 *
 * - `accept` marks the conversation as having unanswered messages (a `<name>-inbox` record)
 *   before the acknowledgement. A crash after that leaves the mark, and any instance's sweep
 *   picks it up.
 * - A conversation's turns run under a lease in the store, so two instances never run the same
 *   conversation at once; inside one instance the TurnQueue keeps them one after the other.
 * - A cursor per conversation (the log watermark of the last answered customer message) says
 *   where to go on. It moves after each turn, so a crash repeats at most the turn it cut off,
 *   and that turn is skipped when its reply (replyToId) is already in the log: no duplicate
 *   answers when the crash came after the bot had spoken.
 */

/** Cursors live as long as the conversation log they point into (a week after its last entry). */
const CURSOR_TTL_SECONDS = 8 * 24 * 3600;

export interface ConversationInboxOptions {
  /** Names the inbox's records and leases ('web' keeps `web-inbox`, `web-inbox-cursor`, `web-turns:<id>`). */
  name: string;
  store: Store;
  /** The log holding a conversation's messages, when it is not the conversation id itself. */
  logOf?: (conversationId: string) => string;
  turns: TurnQueue;
  /** Runs one bot turn for a customer activity read back from the log. */
  runTurn: (activity: Partial<Activity>) => Promise<void>;
  logger: Logger;
  /** A lease not renewed for this long is free again: an instance that died gives its conversations up. */
  leaseMs?: number;
  /** How often each instance looks for conversations that still wait for an answer. */
  sweepMs?: number;
}

export class ConversationInbox {
  private readonly owner = `inbox-${randomUUID()}`;
  private readonly pendingKind: string;
  private readonly cursorKind: string;
  private readonly logOf: (conversationId: string) => string;
  private readonly leaseMs: number;
  private readonly sweepTimer: NodeJS.Timeout;
  /** Conversations this instance has queued a drain for and not finished. */
  private readonly draining = new Set<string>();
  private closed = false;

  constructor(private readonly options: ConversationInboxOptions) {
    this.pendingKind = `${options.name}-inbox`;
    this.cursorKind = `${options.name}-inbox-cursor`;
    this.logOf = options.logOf ?? ((id) => id);
    this.leaseMs = options.leaseMs ?? 10_000;
    this.sweepTimer = setInterval(() => void this.sweep(), options.sweepMs ?? 1000);
    this.sweepTimer.unref();
  }

  /** Records that the conversation has a message to answer. Must finish before the client is told the message was received. */
  async accept(conversationId: string): Promise<void> {
    await this.options.store.putRecord(this.pendingKind, conversationId, { at: Date.now() }, CURSOR_TTL_SECONDS);
  }

  /** Answers whatever the conversation has waiting, soon, on this instance if no other is at it. */
  kick(conversationId: string): void {
    if (this.closed || this.draining.has(conversationId)) return;
    this.draining.add(conversationId);
    this.options.turns.enqueue(conversationId, async () => {
      // Cleared before the work, so a message arriving during it queues one more drain.
      this.draining.delete(conversationId);
      await this.drain(conversationId);
    });
  }

  /** Stops the sweep; the TurnQueue's drain waits for the turns already running. */
  close(): void {
    this.closed = true;
    clearInterval(this.sweepTimer);
  }

  /** Conversations that wait for an answer and nobody here is serving: a crashed instance's, or a missed kick. */
  async sweep(): Promise<void> {
    if (this.closed) return;
    try {
      for (const { id } of await this.options.store.listRecords(this.pendingKind)) this.kick(id);
    } catch (err) {
      if (!isStoreUnavailable(err)) this.options.logger.warn({ err }, `${this.options.name} inbox: sweep failed`);
    }
  }

  private async drain(conversationId: string): Promise<void> {
    const { store, logger } = this.options;
    const lease = `${this.options.name}-turns:${conversationId}`;
    // Another instance is answering it; if that one dies its lease runs out and a sweep takes over.
    if (!(await store.acquireLease(lease, this.owner, this.leaseMs))) return;
    try {
      // Read once under the lease: while we hold it, only this loop moves the cursor.
      let cursor = (await store.getRecord<{ watermark: number }>(this.cursorKind, conversationId))?.watermark ?? -1;
      // How far this loop has read: past the cursor, only entries that are not the customer's
      // (the bot's answers), so the next read starts after them instead of reading them again.
      let seen = cursor;
      // After a turn, when no message came in here meanwhile (none kicked), the mark is cleared
      // before the next look, not after it: that look then does what settle's second look does,
      // and a turn costs one read of the log less. A message kicked here is read as before.
      let clearFirst = false;
      for (;;) {
        if (this.closed) return;
        if (clearFirst) await store.deleteRecord(this.pendingKind, conversationId);
        const entries = await store.readActivities(this.logOf(conversationId), seen);
        const index = entries.findIndex((e) => isFromCustomer(e.activity));
        if (index < 0) {
          if (entries.length) seen = entries[entries.length - 1].watermark;
          if (clearFirst || (await this.settle(conversationId, seen))) return;
          continue;
        }
        // A message that came in through another instance after the mark was cleared: the mark
        // goes back first, so a crash during the coming turn still leaves it to a sweep.
        if (clearFirst) await this.accept(conversationId);
        const next = entries[index];
        if (!answered(next, entries.slice(index + 1))) await this.answer(conversationId, next);
        // The cursor moves and the lease is renewed at once (one round trip on Redis): neither
        // waits for the other. A lease that ran out (this instance stalled longer than leaseMs)
        // may be another's now: stop, or both would answer the next message.
        const [, renewed] = await Promise.all([
          store.putRecord(this.cursorKind, conversationId, { watermark: next.watermark }, CURSOR_TTL_SECONDS),
          store.acquireLease(lease, this.owner, this.leaseMs),
        ]);
        cursor = next.watermark;
        seen = cursor;
        if (!renewed) return;
        clearFirst = !this.draining.has(conversationId);
      }
    } finally {
      await store
        .releaseLease(lease, this.owner)
        .catch((err) => logger.warn({ err, conversationId }, `${this.options.name} inbox: could not release a lease`));
    }
  }

  /**
   * Nothing left to answer: clear the mark. A message may have landed between the read and the
   * clearing (its own kick found our lease taken), so look once more; false means go on.
   */
  private async settle(conversationId: string, seen: number): Promise<boolean> {
    const { store } = this.options;
    await store.deleteRecord(this.pendingKind, conversationId);
    const late = (await store.readActivities(this.logOf(conversationId), seen)).some((e) => isFromCustomer(e.activity));
    if (late) await this.accept(conversationId);
    return !late;
  }

  /** One bot turn. A bug in it costs that message its answer (the bot apologised), not the conversation its later turns. */
  private async answer(conversationId: string, entry: LoggedActivity): Promise<void> {
    try {
      await this.options.runTurn(entry.activity as Partial<Activity>);
    } catch (err) {
      if (isStoreUnavailable(err)) throw err;
      this.options.logger.error(
        { err, conversationId, watermark: entry.watermark },
        `${this.options.name} inbox: bot turn failed; going on with the next message`,
      );
    }
  }
}

/** A message or event the customer posted; typing indicators are logged for the stream but need no turn. */
function isFromCustomer(activity: Record<string, unknown>): boolean {
  const from = activity.from as { role?: string } | undefined;
  return from?.role === 'user' && activity.type !== 'typing';
}

/** The bot already replied to this message (a crash came after its turn spoke, before the cursor moved). */
function answered(entry: LoggedActivity, later: LoggedActivity[]): boolean {
  const id = entry.activity.id;
  return typeof id === 'string' && later.some((e) => e.activity.replyToId === id);
}
