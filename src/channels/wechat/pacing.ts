/**
 * The two rules that keep a personal WeChat account from looking like a machine (accounts that
 * send too fast get rate-limited or banned): a hard cap of messages per rolling minute, and a
 * pause between consecutive messages about as long as a person would need to type the next one.
 */

export interface TypingPace {
  typingCharsPerSecond: number;
  minTypingMs: number;
  maxTypingMs: number;
}

/** How long a person would take to type `text`, within [minTypingMs, maxTypingMs]. */
export function typingDelayMs(text: string, pace: TypingPace): number {
  const ms = Math.round((Array.from(text).length / pace.typingCharsPerSecond) * 1000);
  return Math.min(pace.maxTypingMs, Math.max(pace.minTypingMs, ms));
}

/**
 * At most `limit` events in any rolling window of `windowMs` (a sliding log rather than a token
 * bucket: a bucket lets a full burst through on top of the steady rate, which is exactly the
 * pattern that gets accounts flagged).
 */
export class SlidingWindow {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** The earliest time at or after `now` when one more event stays within the limit. */
  nextFreeAt(now: number): number {
    this.prune(now);
    if (this.stamps.length < this.limit) return now;
    return Math.max(now, this.stamps[this.stamps.length - this.limit] + this.windowMs);
  }

  record(at: number): void {
    this.stamps.push(at);
  }

  /** True when nothing in the window constrains the next event any more. */
  isIdle(now: number): boolean {
    this.prune(now);
    return this.stamps.length === 0;
  }

  private prune(now: number): void {
    while (this.stamps.length > 0 && this.stamps[0] <= now - this.windowMs) this.stamps.shift();
  }
}
