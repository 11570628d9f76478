import type { CaseRepository } from '../cases/caseRepository';
import { byPriority, queueOrder } from '../cases/priority';
import type { Case, CaseStatus } from '../domain/case';
import { formatDeadline } from '../domain/deskTime';
import type { Logger } from '../logging/logger';
import type { CaseFilter } from '../store/store';
import { roughWait, type RecentClaims, type WaitEstimate } from './queueEstimate';
import type { StaffPresence } from './staffPresence';

/** Where a queued customer stands: with agents online, a place and a rough wait; with none, no estimate at all. */
export type QueueStatus =
  { agentsOnline: number; position: number; estimate: WaitEstimate } | { agentsOnline: 0; position: number; estimate?: undefined };

export interface QueueReadsOptions {
  cases: CaseRepository;
  presence: StaffPresence;
  recentClaims: RecentClaims;
  logger: Logger;
  now: () => Date;
  /** Rough wait per place in the queue while there is no recent claim to learn from. */
  waitMinutesPerPlace: number;
  /** The desk's time zone, for the deadline in the notice when no agent is online. */
  timeZone: string;
}

/** The reads staff and queued customers see: cases in working order, a place in the queue, the deadline in words. */
export class QueueReads {
  constructor(private readonly o: QueueReadsOptions) {}

  /** Cases in the order staff work them: the queue by priority, then active, open, resolved (newest first). */
  async list(filter: CaseFilter = {}): Promise<Case[]> {
    const now = this.o.now();
    const cases = await this.o.cases.list(filter);
    const rank: Record<CaseStatus, number> = { queued: 0, active: 1, open: 2, resolved: 3 };
    const resolvedAt = (c: Case) => c.resolution?.resolvedAt ?? c.updatedAt;
    const priority = byPriority(now);
    return cases.sort(
      (a, b) => rank[a.status] - rank[b.status] || (a.status === 'resolved' ? resolvedAt(b).localeCompare(resolvedAt(a)) : priority(a, b)),
    );
  }

  /**
   * Place in the queue (1 = next) for a queued case, and a rough wait while agents are online.
   * With no agent online there is no wait to estimate: nobody is taking cases (night, holiday).
   */
  async queueStatus(c: Case): Promise<QueueStatus> {
    const now = this.o.now();
    const queue = queueOrder(await this.o.cases.list({ status: 'queued' }), now);
    const index = queue.findIndex((q) => q.id === c.id);
    const position = index >= 0 ? index + 1 : queue.length + 1;
    const agentsOnline = await this.agentsOnline();
    if (agentsOnline === 0) return { agentsOnline: 0, position };
    const estimate = roughWait(position, await this.o.recentClaims.list(), now, this.o.waitMinutesPerPlace);
    return { agentsOnline, position, estimate };
  }

  /** «11月21日 21:05 前», or undefined when the deadline has already passed. */
  dueText(c: Case): string | undefined {
    const due = Date.parse(c.responseDueAt);
    if (!Number.isFinite(due) || due <= this.o.now().getTime()) return undefined;
    return formatDeadline(c.responseDueAt, this.o.timeZone);
  }

  /** Agents with a console open on any instance. If that cannot be read, the customer is not told a wait that may be false. */
  private async agentsOnline(): Promise<number> {
    try {
      return await this.o.presence.onlineAgents();
    } catch (err) {
      this.o.logger.warn({ err }, 'handoff: could not read who is online; treating it as no agent online');
      return 0;
    }
  }
}
