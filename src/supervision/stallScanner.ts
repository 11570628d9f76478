import type { StaffEvent } from '../domain/staffEvents';
import { publishStaffEvent } from '../store/staffEventStream';
import type { Logger } from '../logging/logger';
import { LeasedLoop } from '../store/leasedLoop';
import type { Store } from '../store/store';
import type { ConversationRow } from './conversationView';
import { STALLING_CODES, type StallCode } from './stallDetector';

export interface StallScannerOptions {
  store: Store;
  logger: Logger;
  /** The live conversations with their stall assessment (SupervisorService.conversations). */
  conversations: () => Promise<ConversationRow[]>;
  /** This instance, as the lease owner. */
  instanceId: string;
  intervalMs: number;
  /** How long the lease outlives a silent leader. Default three intervals, at least 5 s. */
  leaseTtlMs?: number;
}

/** Lease: with several instances on one Redis, one of them scans and alerts. */
export const STALL_SCANNER_LEASE = 'stall-scanner';
/** Per case: the stall codes already alerted, so an alert goes out once per new reason. */
const ALERTED_KIND = 'stall-alerted';
const ALERTED_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Looks at every live conversation on a timer and pushes a StaffEvent
 * {resource:'alert', type:'stall'} when one becomes stalled, or stalled for a new reason.
 * What was alerted is kept in the store (per case, the current codes), so a new leader after a
 * failover does not repeat old alerts, and a reason that goes away (the agent answered) alerts
 * again if it comes back.
 */
export class StallScanner extends LeasedLoop<StaffEvent> {
  constructor(private readonly options: StallScannerOptions) {
    super({ ...options, lease: STALL_SCANNER_LEASE, label: 'stall scanner' });
  }

  protected round(): Promise<StaffEvent[]> {
    return this.scan();
  }

  /** Compares every live conversation with what was alerted, and alerts the new reasons. */
  async scan(): Promise<StaffEvent[]> {
    const { store } = this.options;
    // A conversation with the bot and no case has nothing a supervisor can act on (no takeover,
    // no assignment): it shows on the board, but raises no alert.
    const rows = (await this.options.conversations()).filter((row) => row.ticketId !== null);
    const alerts: StaffEvent[] = [];
    await Promise.all(
      rows.map(async (row) => {
        const codes = row.stallCodes.filter((c): c is StallCode => (STALLING_CODES as readonly string[]).includes(c));
        const seen = (await store.getRecord<{ codes: StallCode[] }>(ALERTED_KIND, row.id))?.codes ?? [];
        if (!row.stalled || codes.length === 0) {
          if (seen.length) await store.deleteRecord(ALERTED_KIND, row.id);
          return;
        }
        const fresh = codes.filter((c) => !seen.includes(c));
        const same = fresh.length === 0 && seen.length === codes.length;
        if (!same) await store.putRecord(ALERTED_KIND, row.id, { codes }, ALERTED_TTL_SECONDS);
        if (fresh.length === 0) return;
        const event: StaffEvent = {
          resource: 'alert',
          type: 'stall',
          id: row.id,
          payload: {
            reasons: row.stallReasons,
            score: row.score,
            codes: row.stallCodes,
            newCodes: fresh,
            ticketId: row.ticketId,
            status: row.status,
            owner: row.owner,
            ownerAgentNo: row.ownerAgentNo,
          },
        };
        await publishStaffEvent(store, event, this.options.logger);
        alerts.push(event);
      }),
    );
    if (alerts.length)
      this.options.logger.info({ alerts: alerts.map((a) => ({ id: a.id, codes: a.payload.newCodes })) }, 'stall scanner: alerts pushed');
    return alerts;
  }
}
