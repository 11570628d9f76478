import type { Logger } from '../logging/logger';
import { isStoreUnavailable } from './storeUnavailable';

/**
 * For loops that touch the store on a timer (stall scanner, deadline watch, WeChat lease,
 * staff presence): an unavailable store is logged once when the loop first meets it and once
 * when the loop works again, not on every tick of the outage. Other failures are logged each
 * time, as before.
 */
export class OutageLog {
  private inOutage = false;

  constructor(
    private readonly logger: Logger,
    /** What the loop is, for the log lines ("stall scanner"). */
    private readonly loop: string,
  ) {}

  /** Logs a failed round: `message` for a real error; the outage line only once per outage. */
  failed(err: unknown, message: string, fields: Record<string, unknown> = {}): void {
    if (!isStoreUnavailable(err)) {
      this.logger.warn({ ...fields, err }, message);
      return;
    }
    if (this.inOutage) {
      this.logger.debug({ ...fields, loop: this.loop }, `${this.loop}: store still unavailable`);
      return;
    }
    this.inOutage = true;
    this.logger.warn({ ...fields, err, loop: this.loop }, `${this.loop}: store unavailable; retrying every round until it is back`);
  }

  /** A round worked: if an outage was logged, say that the loop has resumed. */
  succeeded(): void {
    if (!this.inOutage) return;
    this.inOutage = false;
    this.logger.info({ loop: this.loop }, `${this.loop}: store is back; running again`);
  }
}
