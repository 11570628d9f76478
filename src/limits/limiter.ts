import type { Store } from '../store/store';

/**
 * Limits that hold across every instance: each is a counter in the shared Store.
 *
 * Fixed windows on purpose: one atomic round trip per check (INCR + PEXPIRE in Redis), one key
 * per limited party, and an exact Retry-After (the window's end). A sliding log would store one
 * entry per hit, so a flood would grow the store with the flood itself. The price is that a
 * party can get up to twice the limit across a window boundary, which is fine for limits meant
 * to stop abuse, not to meter honest customers.
 */
export interface LimitRule {
  /** Names the counter family in the store, e.g. 'msg-conv'. */
  name: string;
  /** Hits allowed per window. */
  limit: number;
  windowMs: number;
}

export type LimitVerdict =
  | { allowed: true; count: number }
  | {
      allowed: false;
      count: number;
      retryAfterSeconds: number;
      /** True for the first refused hit of the window only: the moment to tell the party once. */
      firstRefusal: boolean;
    };

export class Limiter {
  constructor(private readonly store: Store) {}

  /** Counts one hit of `key` against `rule`. */
  async take(rule: LimitRule, key: string): Promise<LimitVerdict> {
    const { count, resetInMs } = await this.store.hitCounter(counterName(rule, key), rule.windowMs);
    if (count <= rule.limit) return { allowed: true, count };
    return { allowed: false, count, retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)), firstRefusal: count === rule.limit + 1 };
  }

  /** Counts one hit against each rule (all of them, so every window sees it) and returns the first refusal. */
  async takeAll(hits: { rule: LimitRule; key: string }[]): Promise<LimitVerdict | undefined> {
    const verdicts = await Promise.all(hits.map((h) => this.take(h.rule, h.key)));
    return verdicts.find((v) => !v.allowed);
  }

  /** Forgets a party's count (an administrator lifting a limit). */
  reset(rule: LimitRule, key: string): Promise<void> {
    return this.store.resetCounter(counterName(rule, key));
  }
}

/** Keys come from clients (addresses, names): bounded so a counter name stays small. */
function counterName(rule: LimitRule, key: string): string {
  return `${rule.name}:${key.slice(0, 128)}`;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
