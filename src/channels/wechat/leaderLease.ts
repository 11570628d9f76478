import type { Logger } from '../../logging/logger';
import { OutageLog } from '../../store/outageLog';
import type { Store } from '../../store/store';
import type { Clock } from './clock';

/**
 * One WeChat account can be logged in from one place only: a second login kicks the first out,
 * and two instances fighting over it look like an account takeover to WeChat. So instances that
 * share a store elect one leader through a lease: each keeps calling acquireLease; the holder
 * renews it well before it lapses, and when the holder dies its lease lapses and a standby's
 * next attempt wins.
 *
 * Renewal runs on its own loop and never waits for the leader's work (a wechaty start can
 * take long), so a slow login cannot cost the lease. Becoming and ceasing to be leader run one
 * after the other on a separate chain.
 */

export interface LeaderLeaseOptions {
  store: Store;
  name: string;
  owner: string;
  ttlMs: number;
  /** How often to renew (holder) or retry (standby); well under ttlMs. */
  renewMs: number;
  clock: Clock;
  logger: Logger;
  onElected: () => Promise<void>;
  onDeposed: () => Promise<void>;
}

export class LeaderLease {
  private leader = false;
  private running = false;
  private timer: unknown;
  private tick: Promise<void> = Promise.resolve();
  private transitions: Promise<void> = Promise.resolve();
  private lastRenewedAt = Number.NEGATIVE_INFINITY;
  lastError?: string;
  private readonly outage: OutageLog;

  constructor(private readonly o: LeaderLeaseOptions) {
    this.outage = new OutageLog(o.logger, 'WeChat login lease');
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.runTick();
  }

  /** Stops competing, steps down (onDeposed) if leader, then releases the lease for a quick takeover. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.tick;
    if (this.leader) {
      this.leader = false;
      this.transition('deposed', this.o.onDeposed);
    }
    await this.transitions;
    // Released only after the leader's work has stopped, so the next leader never overlaps it.
    // Always attempted: a tick may have won the lease just as stop() began.
    try {
      await this.o.store.releaseLease(this.o.name, this.o.owner);
    } catch (err) {
      this.o.logger.warn({ err: message(err) }, 'could not release the WeChat login lease; it will lapse by itself');
    }
  }

  private runTick(): void {
    this.tick = this.attempt().finally(() => {
      if (!this.running) return;
      this.timer = this.o.clock.setTimeout(() => {
        this.timer = undefined;
        if (this.running) this.runTick();
      }, this.o.renewMs);
    });
  }

  private async attempt(): Promise<void> {
    let held: boolean;
    try {
      held = await this.o.store.acquireLease(this.o.name, this.o.owner, this.o.ttlMs);
      if (held) this.lastRenewedAt = this.o.clock.now();
      this.outage.succeeded();
    } catch (err) {
      this.lastError = `lease: ${message(err)}`;
      this.outage.failed(err, 'WeChat login lease check failed');
      // Unreachable store: stay leader only while our last renewal surely still holds, with a
      // margin, because another instance may take over the moment it lapses.
      held = this.leader && this.o.clock.now() - this.lastRenewedAt < this.o.ttlMs * 0.8;
    }
    if (!this.running) return;
    if (held && !this.leader) {
      this.leader = true;
      this.o.logger.info({ owner: this.o.owner }, 'this instance now runs the WeChat login (leader)');
      this.transition('elected', this.o.onElected);
    } else if (!held && this.leader) {
      this.leader = false;
      this.o.logger.warn({ owner: this.o.owner }, 'lost the WeChat login lease; stopping WeChat here (standby)');
      this.transition('deposed', this.o.onDeposed);
    }
  }

  private transition(what: string, fn: () => Promise<void>): void {
    this.transitions = this.transitions.then(fn).catch((err) => {
      this.lastError = `${what}: ${message(err)}`;
      this.o.logger.error({ err: message(err) }, `WeChat leader transition (${what}) failed`);
    });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
