import type { Config } from '../config/env';
import type { Store } from '../store/store';

export interface AccountLockSettings {
  /** Failed logins for one account, from any address, that lock it. */
  failures: number;
  /** Window the failures are counted in. */
  windowMs: number;
  /** How long the account stays locked. */
  lockMs: number;
}

const LOCK_KIND = 'login-lock';
const FAILURES_COUNTER = 'login-failures';
const LOCKED_ATTEMPTS_COUNTER = 'login-locked-attempts';

/**
 * Locks a staff account after too many wrong passwords, counted in the store so that guessing
 * spread over many addresses and instances still adds up. Names that are not accounts count and
 * lock too, so the lock does not tell a guesser which names exist.
 */
export class AccountLock {
  constructor(
    private readonly store: Store,
    private readonly settings: AccountLockSettings,
  ) {}

  /** Seconds the account stays locked; 0 when it may log in. */
  async lockedFor(username: string): Promise<number> {
    const lock = await this.store.getRecord<{ until: number }>(LOCK_KIND, username);
    if (!lock) return 0;
    return Math.max(0, Math.ceil((lock.until - Date.now()) / 1000));
  }

  /**
   * Counts a wrong password; returns true when this failure locked the account. A right password
   * does not clear the count: otherwise each of the owner's logins would buy a guesser new tries.
   */
  async recordFailure(username: string): Promise<boolean> {
    const { count } = await this.store.hitCounter(`${FAILURES_COUNTER}:${username}`, this.settings.windowMs);
    if (count < this.settings.failures) return false;
    const until = Date.now() + this.settings.lockMs;
    await this.store.putRecord(LOCK_KIND, username, { until }, Math.ceil(this.settings.lockMs / 1000));
    // A fresh count after the lock: the next lock needs as many failures again.
    await Promise.all([
      this.store.resetCounter(`${FAILURES_COUNTER}:${username}`),
      this.store.resetCounter(`${LOCKED_ATTEMPTS_COUNTER}:${username}`),
    ]);
    return true;
  }

  /** True for the first login attempt on an account since it was locked (the one worth auditing). */
  async firstAttemptWhileLocked(username: string): Promise<boolean> {
    const { count } = await this.store.hitCounter(`${LOCKED_ATTEMPTS_COUNTER}:${username}`, this.settings.lockMs);
    return count === 1;
  }

  /** An administrator lifts the lock and forgets the failures. Returns whether it was locked. */
  async unlock(username: string): Promise<boolean> {
    const locked = (await this.lockedFor(username)) > 0;
    await Promise.all([
      this.store.deleteRecord(LOCK_KIND, username),
      this.store.resetCounter(`${FAILURES_COUNTER}:${username}`),
      this.store.resetCounter(`${LOCKED_ATTEMPTS_COUNTER}:${username}`),
    ]);
    return locked;
  }
}

/** The account lock with the configured limits (defaults: 10 failures in 15 minutes lock it for 15 minutes). */
export function accountLock(
  store: Store,
  limits?: Pick<Config['limits'], 'loginLockFailures' | 'loginLockWindowMs' | 'loginLockMs'>,
): AccountLock {
  return new AccountLock(store, {
    failures: limits?.loginLockFailures ?? 10,
    windowMs: limits?.loginLockWindowMs ?? 15 * 60_000,
    lockMs: limits?.loginLockMs ?? 15 * 60_000,
  });
}
