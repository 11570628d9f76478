import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store';

export interface StoreLockOptions {
  /** A lock is given up after this long even if its holder died mid-update. Default 5 s. */
  ttlMs?: number;
  /** How long to wait for the lock before failing. Default 5 s. */
  waitMs?: number;
}

export class LockTimeout extends Error {
  constructor(readonly lockName: string) {
    super(`${lockName} is busy: could not take the lock`);
  }
}

/**
 * Runs `work` while holding a store lease named `name`, so read-modify-write sequences on a
 * shared record never interleave across instances. Waits with a short backoff (1 → 25 ms).
 */
export async function withStoreLock<T>(store: Store, name: string, work: () => Promise<T>, options: StoreLockOptions = {}): Promise<T> {
  const ttlMs = options.ttlMs ?? 5000;
  const deadline = Date.now() + (options.waitMs ?? 5000);
  const owner = randomUUID();
  let pause = 1;
  while (!(await store.acquireLease(name, owner, ttlMs))) {
    if (Date.now() > deadline) throw new LockTimeout(name);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 25);
  }
  try {
    return await work();
  } finally {
    await store.releaseLease(name, owner).catch(() => undefined);
  }
}
