import { addDays, dayKey } from '../domain/calendar';
import type { Logger } from '../logging/logger';
import { keepDays, keptDays } from './reportDays';
import type { SqlClient } from './sqlClient';

/** How far back days are kept: the retention of three years, and a little more. */
export const KEPT_HORIZON_DAYS = 3 * 366 + 31;

/** Days kept per transaction: the lock that past-day writes share is never held for long. */
const DAYS_PER_ROUND = 31;

/** How often newly settled (or forgotten) days are kept. */
const EVERY_MS = 10 * 60_000;

/** The first round waits this long, so a start-up is not slowed by it. */
const FIRST_AFTER_MS = 5_000;

export interface ReportDaysUpkeepOptions {
  db: SqlClient;
  /** The archive's schema is ready (migrated). */
  ready: () => Promise<void>;
  timeZone: string;
  logger: Logger;
  now?: () => Date;
}

/**
 * Keeps the report's per-day figures (src/archive/reportDays.ts) for every day that has settled
 * over the retention period, in the background: once soon after start-up (an archive that grew
 * by an import or an upgrade is kept here, not by the first person who opens a year's report),
 * then every ten minutes for the days that settled or were forgotten since. Several instances
 * may run it; the keeping lock lets one at a time through and the others skip their round.
 */
export class ReportDaysUpkeep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private readonly logger: Logger;

  constructor(private readonly options: ReportDaysUpkeepOptions) {
    this.logger = options.logger.child({ component: 'report-days' });
  }

  start(): void {
    this.stopped = false;
    this.schedule(FIRST_AFTER_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round: keeps the settled days not kept yet. Returns how many were kept. */
  async keepSettled(): Promise<number> {
    const { db, timeZone } = this.options;
    await this.options.ready();
    const now = (this.options.now ?? (() => new Date()))();
    const today = dayKey(now.toISOString(), timeZone)!;
    const from = addDays(today, -KEPT_HORIZON_DAYS);
    const kept = (await keptDays(db, timeZone, from, today, now)).all;
    const missing: string[] = [];
    for (let day = from; day < today; day = addDays(day, 1)) if (!kept.has(day)) missing.push(day);
    let count = 0;
    for (let i = 0; i < missing.length && !this.stopped; i += DAYS_PER_ROUND) {
      const chunk = missing.slice(i, i + DAYS_PER_ROUND);
      const done = await keepDays(db, timeZone, chunk);
      count += done.length;
    }
    return count;
  }

  private schedule(afterMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.running = this.keepSettled().then(
        (count) => {
          if (count > 0) this.logger.info({ days: count, ms: Date.now() - started }, 'report days kept');
        },
        (err: unknown) => this.logger.warn({ err }, 'keeping report days failed; tried again at the next round'),
      );
      void this.running.finally(() => this.schedule(EVERY_MS));
    }, afterMs);
    this.timer.unref();
  }
}
