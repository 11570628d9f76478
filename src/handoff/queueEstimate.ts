import { withStoreLock } from '../cases/storeLock';
import type { Store } from '../store/store';

/**
 * A rough wait for a queued customer, from how fast agents have recently been claiming cases.
 * Rough on purpose and said so: the customer is told an estimate, never a promise.
 *
 * Per place in the queue we take the recent pace of claims (the mean gap between the last
 * claims), but no more than how long the recently served actually waited: when agents are idle,
 * claims are far apart only because customers are, not because anyone waits. With one or two
 * recent claims only their waits are known; with none, the configured default.
 */

export interface ClaimSample {
  queuedAt: string;
  claimedAt: string;
}

export interface WaitEstimate {
  minutes: number;
  basis: 'recent' | 'default';
}

/** Claims older than this say nothing about the queue now. */
export const ESTIMATE_WINDOW_MS = 2 * 3600_000;
/** How many recent claims are kept. */
export const RECENT_CLAIMS_KEPT = 20;

export function roughWait(position: number, samples: ClaimSample[], now: Date, defaultMinutesPerPlace: number): WaitEstimate {
  const recent = samples
    .filter((s) => now.getTime() - Date.parse(s.claimedAt) <= ESTIMATE_WINDOW_MS)
    .sort((a, b) => a.claimedAt.localeCompare(b.claimedAt));
  const places = Math.max(1, position);
  if (recent.length === 0) return { minutes: Math.ceil(places * defaultMinutesPerPlace), basis: 'default' };
  const waits = recent.map((s) => Math.max(0, Date.parse(s.claimedAt) - Date.parse(s.queuedAt)) / 60_000).sort((a, b) => a - b);
  const medianWait = waits[Math.floor(waits.length / 2)];
  let perPlace = medianWait;
  if (recent.length >= 3) {
    const span = Date.parse(recent[recent.length - 1].claimedAt) - Date.parse(recent[0].claimedAt);
    const gap = span / 60_000 / (recent.length - 1);
    perPlace = Math.min(gap, medianWait);
  }
  return { minutes: Math.max(1, Math.ceil(places * perPlace)), basis: 'recent' };
}

const RECORD_KIND = 'handoff';
const RECORD_ID = 'recent-claims';

/** The last claims, kept in the store so every instance estimates from the same history. */
export class RecentClaims {
  constructor(private readonly store: Store) {}

  async list(): Promise<ClaimSample[]> {
    return (await this.store.getRecord<ClaimSample[]>(RECORD_KIND, RECORD_ID)) ?? [];
  }

  async add(sample: ClaimSample): Promise<void> {
    await withStoreLock(this.store, `${RECORD_KIND}:${RECORD_ID}`, async () => {
      const kept = [...(await this.list()), sample].slice(-RECENT_CLAIMS_KEPT);
      await this.store.putRecord(RECORD_KIND, RECORD_ID, kept);
    });
  }
}
