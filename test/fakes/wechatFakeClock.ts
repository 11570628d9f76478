import type { Clock } from '../../src/channels/wechat/clock';

/**
 * A virtual clock for the WeChat channel's pacing: advance() jumps time forward and runs due
 * timers in order, letting promises settle after each, so a minute of rate limiting takes
 * milliseconds of test time.
 */
export class WechatFakeClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.UTC(2025, 0, 1, 1, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      const next = [...this.timers.entries()].filter(([, tm]) => tm.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }

  /** Advances in steps until `done()` or `maxMs` of virtual time has passed. */
  async runUntil(done: () => boolean, maxMs: number, stepMs = 100): Promise<void> {
    const end = this.t + maxMs;
    while (!done() && this.t < end) await this.advance(Math.min(stepMs, end - this.t));
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
