import type { Case } from '../domain/case';
import type { CaseFilter, Store } from '../store/store';
import { withStoreLock } from './storeLock';

export interface CaseRepositoryOptions {
  /** A lock is given up after this long even if its holder died mid-update. Default 5 s. */
  lockTtlMs?: number;
  /** How long an update waits for the lock before failing. Default 5 s. */
  lockWaitMs?: number;
}

/** What an update callback returns: the new case, or undefined to leave the stored one untouched. */
export type CaseMutation<R> = (current: Case) => { next?: Case; result: R } | Promise<{ next?: Case; result: R }>;

/**
 * Cases in the store, changed one writer at a time. The store only offers whole-record writes,
 * and several instances change the same case concurrently (a customer message appended on A
 * while an agent claims on B), so every read-modify-write runs under a per-case lease: without
 * it the later write silently drops the earlier one.
 */
export class CaseRepository {
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;

  constructor(
    readonly store: Store,
    options: CaseRepositoryOptions = {},
  ) {
    this.lockTtlMs = options.lockTtlMs ?? 5000;
    this.lockWaitMs = options.lockWaitMs ?? 5000;
  }

  get(id: string): Promise<Case | undefined> {
    return this.store.getCase(id);
  }

  list(filter?: CaseFilter): Promise<Case[]> {
    return this.store.listCases(filter);
  }

  /** Stores a new case (nobody else can know its id yet, so no lock). */
  create(c: Case): Promise<void> {
    return this.store.saveCase(c);
  }

  /**
   * Reads the case, lets `mutate` decide, and writes its answer, with no other update of this
   * case in between on any instance. Undefined when the case does not exist. Errors thrown by
   * `mutate` reach the caller and nothing is written.
   */
  async update<R>(id: string, mutate: CaseMutation<R>): Promise<{ case: Case; result: R } | undefined> {
    return this.withLock(id, async () => {
      const current = await this.store.getCase(id);
      if (!current) return undefined;
      const { next, result } = await mutate(current);
      if (next) await this.store.saveCase(next);
      return { case: next ?? current, result };
    });
  }

  /** Runs `work` holding the case's lock. */
  withLock<T>(id: string, work: () => Promise<T>): Promise<T> {
    return withStoreLock(this.store, `case-lock:${id}`, work, { ttlMs: this.lockTtlMs, waitMs: this.lockWaitMs });
  }
}
