/**
 * Time as the WeChat channel sees it. Pacing (seconds between messages, a minute-long rate
 * window), lease renewal and reconnect backoff all run on this, so tests can inject a virtual
 * clock and check a minute of rate limiting without waiting a minute.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Resolves after `ms` on the given clock; used where a loop must wait between attempts. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
