import type { Logger } from '../../logging/logger';
import type { Clock } from './clock';
import { SlidingWindow, typingDelayMs, type TypingPace } from './pacing';

/**
 * Every message to WeChat goes through here. One FIFO lane per chat keeps each customer's
 * messages in order and never drops one because of a burst; a single sender takes the next
 * message whose chat is allowed to speak, so messages leave one at a time and never faster than
 *   - contactPerMinute to one chat and globalPerMinute overall (rolling minute),
 *   - one per globalMinGapMs overall,
 *   - a person's typing speed between consecutive messages to the same chat.
 * The first message after a pause waits only a short "reaction" time (at most firstReplyMaxMs),
 * so a customer who writes in hears back within about a second.
 */

/** Thrown by the send function when WeChat is not logged in: the message waits, no attempt is spent. */
export class NotReadyError extends Error {}

export interface OutboundQueueOptions {
  send: (chatId: string, text: string) => Promise<void>;
  clock: Clock;
  logger: Logger;
  contactPerMinute: number;
  globalPerMinute: number;
  typingCharsPerSecond: number;
  minTypingMs?: number;
  maxTypingMs?: number;
  firstReplyMaxMs?: number;
  globalMinGapMs?: number;
  /** A message that fails this many times is given up (and logged as an error). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** The rate window; a minute except in tests. */
  windowMs?: number;
}

export const QUEUE_DEFAULTS = {
  minTypingMs: 600,
  maxTypingMs: 4000,
  firstReplyMaxMs: 1000,
  globalMinGapMs: 300,
  maxAttempts: 5,
  retryBaseMs: 2000,
  windowMs: 60_000,
} as const;

/** A chat's backlog worth a warning: something is replying far faster than it can be delivered. */
const BACKLOG_WARNING = 50;

interface Pending {
  text: string;
  enqueuedAt: number;
  attempts: number;
  notBefore: number;
  /** Runs once WeChat took the message (or it was given up), before the next message goes. */
  done?: OnDone;
}

/** 'sent': WeChat accepted it; 'failed': given up after maxAttempts. */
export type OnDone = (outcome: 'sent' | 'failed') => Promise<void> | void;

interface Lane {
  chatId: string;
  items: Pending[];
  window: SlidingWindow;
  lastSentAt?: number;
  warnedBacklog: boolean;
}

export class OutboundQueue {
  readonly stats = { sent: 0, failed: 0, retries: 0 };
  private readonly lanes = new Map<string, Lane>();
  private readonly global: SlidingWindow;
  private readonly pace: TypingPace;
  private readonly o: Required<Omit<OutboundQueueOptions, 'send' | 'clock' | 'logger'>> &
    Pick<OutboundQueueOptions, 'send' | 'clock' | 'logger'>;
  private lastGlobalSentAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private sending = false;
  /** Starts paused: nothing can be sent before WeChat is logged in. */
  private paused = true;
  private closed = false;
  private drainWaiters: Array<() => void> = [];

  constructor(options: OutboundQueueOptions) {
    this.o = { ...QUEUE_DEFAULTS, ...stripUndefined(options) } as typeof this.o;
    this.pace = { typingCharsPerSecond: this.o.typingCharsPerSecond, minTypingMs: this.o.minTypingMs, maxTypingMs: this.o.maxTypingMs };
    this.global = new SlidingWindow(this.o.globalPerMinute, this.o.windowMs);
  }

  /**
   * Queues messages for one chat, in order. Never drops them, however many arrive at once.
   * `done` runs after the last of them has gone (or was given up), and is awaited before the
   * next message leaves: the durable outbox moves its cursor there.
   */
  enqueue(chatId: string, texts: string[], done?: OnDone): void {
    if (this.closed) {
      this.o.logger.warn({ chatId, messages: texts.length }, 'WeChat outbound queue is closed; messages not sent');
      return;
    }
    const now = this.o.clock.now();
    let lane = this.lanes.get(chatId);
    if (!lane) {
      lane = { chatId, items: [], window: new SlidingWindow(this.o.contactPerMinute, this.o.windowMs), warnedBacklog: false };
      this.lanes.set(chatId, lane);
    }
    texts.forEach((text, i) =>
      lane.items.push({ text, enqueuedAt: now, attempts: 0, notBefore: now, ...(i === texts.length - 1 && done ? { done } : {}) }),
    );
    if (lane.items.length >= BACKLOG_WARNING && !lane.warnedBacklog) {
      lane.warnedBacklog = true;
      this.o.logger.warn(
        { chatId, queued: lane.items.length },
        'WeChat outbound backlog for one chat is growing (rate limits hold it back)',
      );
    }
    this.schedule();
  }

  get size(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.items.length;
    return n;
  }

  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  resume(): void {
    if (this.closed) return;
    this.paused = false;
    this.schedule();
  }

  /** Forgets every queued message (this instance can no longer send them); returns how many. */
  clear(): number {
    const n = this.size;
    for (const lane of this.lanes.values()) lane.items.length = 0;
    this.notifyIfEmpty();
    return n;
  }

  /** Waits until everything queued is sent, or the timeout passes; true when empty. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.size === 0) return Promise.resolve(true);
    if (this.paused || this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        this.o.clock.clearTimeout(handle);
        resolve(this.size === 0);
      };
      const handle = this.o.clock.setTimeout(() => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== done);
        resolve(this.size === 0);
      }, timeoutMs);
      this.drainWaiters.push(done);
    });
  }

  /** Stops for good; returns how many messages were still waiting. */
  close(): number {
    this.closed = true;
    this.paused = true;
    this.clearTimer();
    const left = this.size;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
    return left;
  }

  private schedule(): void {
    this.clearTimer();
    if (this.closed || this.paused || this.sending) return;
    const now = this.o.clock.now();
    const globalAt = Math.max(this.global.nextFreeAt(now), this.lastGlobalSentAt + this.o.globalMinGapMs);
    let best: { lane: Lane; at: number } | undefined;
    for (const lane of this.lanes.values()) {
      if (lane.items.length === 0) {
        // A lane is kept while its rate window still matters, then forgotten.
        if (lane.window.isIdle(now)) this.lanes.delete(lane.chatId);
        continue;
      }
      const at = Math.max(globalAt, this.laneReadyAt(lane, now));
      // Ties go to the chat served longest ago, so one busy chat cannot starve the others.
      if (!best || at < best.at || (at === best.at && (lane.lastSentAt ?? -Infinity) < (best.lane.lastSentAt ?? -Infinity))) {
        best = { lane, at };
      }
    }
    if (!best) return;
    if (best.at <= now) {
      void this.sendHead(best.lane);
      return;
    }
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, best.at - now);
  }

  private laneReadyAt(lane: Lane, now: number): number {
    const head = lane.items[0];
    const typing = typingDelayMs(head.text, this.pace);
    let at = head.enqueuedAt + Math.min(typing, this.o.firstReplyMaxMs);
    if (lane.lastSentAt !== undefined) at = Math.max(at, lane.lastSentAt + typing);
    return Math.max(at, head.notBefore, lane.window.nextFreeAt(now));
  }

  private async sendHead(lane: Lane): Promise<void> {
    this.sending = true;
    const head = lane.items[0];
    const startedAt = this.o.clock.now();
    let outcome: 'sent' | 'failed' | undefined;
    try {
      await this.o.send(lane.chatId, head.text);
      this.countSend(lane, startedAt);
      if (lane.items[0] === head) lane.items.shift();
      this.stats.sent++;
      outcome = 'sent';
    } catch (err) {
      if (this.onSendError(lane, head, err, startedAt)) outcome = 'failed';
    }
    try {
      if (outcome && head.done) await head.done(outcome);
    } catch (err) {
      this.o.logger.warn({ chatId: lane.chatId, err: err instanceof Error ? err.message : String(err) }, 'WeChat: after-send step failed');
    } finally {
      this.sending = false;
      this.notifyIfEmpty();
      this.schedule();
    }
  }

  /** Returns true when the message is given up. */
  private onSendError(lane: Lane, head: Pending, err: unknown, startedAt: number): boolean {
    const now = this.o.clock.now();
    if (err instanceof NotReadyError) {
      // Not logged in (yet again): wait for login, which resumes the queue; poll as a fallback.
      head.notBefore = now + this.o.retryBaseMs;
      return false;
    }
    // A failed call may still have reached WeChat, so it counts against the rate limits too.
    this.countSend(lane, startedAt);
    head.attempts++;
    const message = err instanceof Error ? err.message : String(err);
    if (head.attempts >= this.o.maxAttempts) {
      if (lane.items[0] === head) lane.items.shift();
      this.stats.failed++;
      this.o.logger.error(
        { chatId: lane.chatId, attempts: head.attempts, err: message },
        'WeChat message could not be delivered; giving up on it',
      );
      return true;
    }
    this.stats.retries++;
    head.notBefore = now + this.o.retryBaseMs * 2 ** (head.attempts - 1);
    this.o.logger.warn({ chatId: lane.chatId, attempt: head.attempts, err: message }, 'WeChat send failed; will retry');
    return false;
  }

  private countSend(lane: Lane, at: number): void {
    lane.window.record(at);
    this.global.record(at);
    lane.lastSentAt = at;
    this.lastGlobalSentAt = at;
  }

  private notifyIfEmpty(): void {
    if (this.size > 0 || this.drainWaiters.length === 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
