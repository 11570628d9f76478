import type { Logger } from '../logging/logger';
import { OutageLog } from './outageLog';
import type { Store } from './store';

export interface LeasedLoopOptions {
  store: Store;
  logger: Logger;
  /** The lease: with several instances on one store, only its holder runs `work`. */
  lease: string;
  instanceId: string;
  intervalMs: number;
  /** How long the lease outlives a silent leader. Default three intervals, at least 5 s. */
  leaseTtlMs?: number;
  /** Names the loop in logs ("stall scanner"). */
  label: string;
}

/**
 * A background job that one instance runs at a time: on a timer, take (or keep) the lease,
 * then do one round. A slow round is not overtaken by the next, a store outage is logged once
 * (OutageLog) instead of every interval, and stop() waits for the round and hands the lease back.
 */
export abstract class LeasedLoop<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private readonly leaseTtlMs: number;
  private readonly outage: OutageLog;

  constructor(private readonly loop: LeasedLoopOptions) {
    this.leaseTtlMs = loop.leaseTtlMs ?? Math.max(5000, loop.intervalMs * 3);
    this.outage = new OutageLog(loop.logger, loop.label);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick().finally(() => (this.running = undefined));
    }, this.loop.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.loop.store.releaseLease(this.loop.lease, this.loop.instanceId).catch(() => undefined);
  }

  /**
   * Renews the lease in the middle of a round; false when it is no longer this instance's. A
   * round with several side effects (each offer of the auto-assigner) checks before each one: a
   * round that outlasts the lease would otherwise go on beside the instance that took it over.
   */
  protected async stillLeader(): Promise<boolean> {
    if (this.stopped) return false;
    return this.loop.store.acquireLease(this.loop.lease, this.loop.instanceId, this.leaseTtlMs);
  }

  /** One round of the job, run only by the lease holder. */
  protected abstract round(): Promise<T[]>;

  /** One round if this instance holds (or wins) the lease; what the round returned. */
  async tick(): Promise<T[]> {
    try {
      const leader = await this.loop.store.acquireLease(this.loop.lease, this.loop.instanceId, this.leaseTtlMs);
      this.outage.succeeded();
      if (!leader || this.stopped) return [];
      return await this.round();
    } catch (err) {
      this.outage.failed(err, `${this.loop.label}: round failed`);
      return [];
    }
  }
}
