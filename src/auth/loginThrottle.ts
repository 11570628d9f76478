/**
 * Counts failed logins per key (user name + client address) in a sliding window. After `limit`
 * failures the key is refused until the oldest failure leaves the window, whether or not the
 * next password is right: otherwise a guesser would simply keep guessing.
 *
 * Kept per instance, like the web channel's token limiter: the Store has no atomic counter with
 * a lifetime. With N instances a guesser gets at most N × limit tries per window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), windowMs);
    this.sweeper.unref();
  }

  /** 0 when the key may try, else the seconds until it may. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      const recent = this.recent(key);
      if (recent.length) this.failures.set(key, recent);
      else this.failures.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    this.failures.clear();
  }
}
