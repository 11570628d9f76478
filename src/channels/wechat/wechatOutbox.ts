import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';
import { isStoreUnavailable } from '../../store/storeUnavailable';
import { parseConversationId } from './conversationIds';
import type { OutboundQueue } from './outboundQueue';
import { outboundEntry, outboundOf, wechatLogId } from './wechatLog';

/**
 * WeChat's durable outbound queue. A reply (the bot's, an agent's, a notice; on any instance)
 * is in the conversation's WeChat log, and the conversation marked as having something to send
 * (a `wechat-outbox` record), before `append` returns. The instance holding the WeChat login
 * feeds its paced OutboundQueue from the log and moves a cursor (`wechat-outbox-cursor`, the
 * watermark of the last message WeChat accepted) right after each send, before the next one
 * leaves. So:
 *
 * - a reply produced while no instance holds the login (a failover, a restart) waits in the log
 *   and goes out once one does: the new leader sweeps the marks;
 * - a leader that dies or loses the login leaves the unsent replies in the log, not in memory;
 * - the one message that can go out twice is the one WeChat had accepted when the leader died
 *   and whose cursor write it did not live to make. The queue sends one message at a time, so
 *   that is at most one message per crash. WeChat has no idempotent send to close that gap.
 */

const PENDING_KIND = 'wechat-outbox';
const CURSOR_KIND = 'wechat-outbox-cursor';
/** As long as the log the cursor points into (a week after its last entry). */
const TTL_SECONDS = 8 * 24 * 3600;

interface Feeding {
  /** Watermark of the last entry handed to the queue. */
  fedUpTo: number;
  /** Handed to the queue and not yet sent or given up. */
  outstanding: number;
  reading: boolean;
  /** A kick arrived while reading: read once more afterwards. */
  again: boolean;
}

export interface WechatOutboxOptions {
  store: Store;
  logger: Logger;
  /** How often the leader looks for conversations with replies waiting. */
  sweepMs?: number;
}

export class WechatOutbox {
  private queue?: OutboundQueue;
  private readonly feeding = new Map<string, Feeding>();
  private sweepTimer?: NodeJS.Timeout;

  constructor(private readonly o: WechatOutboxOptions) {}

  /** Stores the texts to send to a conversation, in order. Resolves once they are durable. */
  async append(conversationId: string, texts: string[], replyToId?: string): Promise<void> {
    const log = wechatLogId(conversationId);
    for (const text of texts) await this.o.store.appendActivity(log, { ...outboundEntry(text, replyToId) });
    await this.o.store.putRecord(PENDING_KIND, conversationId, { at: Date.now() }, TTL_SECONDS);
  }

  /** This instance holds the login now: send what waits, and what comes. */
  lead(queue: OutboundQueue): void {
    this.queue = queue;
    this.feeding.clear();
    clearInterval(this.sweepTimer);
    this.sweepTimer = setInterval(() => void this.sweep(), this.o.sweepMs ?? 1000);
    this.sweepTimer.unref();
    void this.sweep();
  }

  /** This instance no longer sends (lost the login, stopping): what it had queued stays in the log. */
  standDown(): void {
    this.queue = undefined;
    this.feeding.clear();
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  /** Something was appended to this conversation (here or, through pub/sub, on another instance). */
  kick(conversationId: string): void {
    if (!this.queue) return;
    let state = this.feeding.get(conversationId);
    if (!state) {
      state = { fedUpTo: Number.NaN, outstanding: 0, reading: false, again: false };
      this.feeding.set(conversationId, state);
    }
    if (state.reading) {
      state.again = true;
      return;
    }
    void this.feed(conversationId, state);
  }

  async sweep(): Promise<void> {
    if (!this.queue) return;
    try {
      for (const { id } of await this.o.store.listRecords(PENDING_KIND)) this.kick(id);
    } catch (err) {
      if (!isStoreUnavailable(err)) this.o.logger.warn({ err }, 'WeChat outbox: sweep failed');
    }
  }

  private async feed(conversationId: string, state: Feeding): Promise<void> {
    const { store } = this.o;
    const target = parseConversationId(conversationId);
    state.reading = true;
    try {
      do {
        state.again = false;
        const queue = this.queue;
        if (!queue || this.feeding.get(conversationId) !== state) return;
        // First read after taking over: go on from what WeChat is known to have accepted.
        if (Number.isNaN(state.fedUpTo))
          state.fedUpTo = (await store.getRecord<{ watermark: number }>(CURSOR_KIND, conversationId))?.watermark ?? -1;
        const waiting = outboundOf(await store.readActivities(wechatLogId(conversationId), state.fedUpTo));
        if (!target) {
          this.o.logger.warn({ conversationId }, 'WeChat outbox: not a WeChat conversation; its messages are dropped');
          await store.deleteRecord(PENDING_KIND, conversationId);
          return;
        }
        for (const { watermark, text } of waiting) {
          state.fedUpTo = watermark;
          state.outstanding++;
          queue.enqueue(target.id, [text], (outcome) => this.sent(conversationId, state, watermark, outcome));
        }
        if (state.outstanding === 0) await this.settle(conversationId, state);
      } while (state.again);
    } catch (err) {
      // The mark stays: the next sweep tries again.
      if (!isStoreUnavailable(err)) this.o.logger.warn({ err, conversationId }, 'WeChat outbox: could not read the log');
      if (this.feeding.get(conversationId) === state && state.outstanding === 0) this.feeding.delete(conversationId);
    } finally {
      state.reading = false;
    }
  }

  private async sent(conversationId: string, state: Feeding, watermark: number, outcome: 'sent' | 'failed'): Promise<void> {
    // Written even after standing down: WeChat did take the message, and the next leader should not send it again.
    await this.o.store.putRecord(CURSOR_KIND, conversationId, { watermark }, TTL_SECONDS);
    if (outcome === 'failed') this.o.logger.error({ conversationId, watermark }, 'WeChat outbox: message given up after repeated failures');
    state.outstanding--;
    if (state.outstanding === 0 && this.feeding.get(conversationId) === state && !state.reading) this.kick(conversationId);
  }

  /**
   * Everything handed over is sent: clear the mark. An append may have landed between the read
   * and the clearing, so read once more and put the mark back if so.
   */
  private async settle(conversationId: string, state: Feeding): Promise<void> {
    const { store } = this.o;
    await store.deleteRecord(PENDING_KIND, conversationId);
    const late = outboundOf(await store.readActivities(wechatLogId(conversationId), state.fedUpTo));
    if (late.length) {
      await store.putRecord(PENDING_KIND, conversationId, { at: Date.now() }, TTL_SECONDS);
      state.again = true;
      return;
    }
    if (this.feeding.get(conversationId) === state) this.feeding.delete(conversationId);
  }
}
