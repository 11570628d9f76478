import { CaseRepository } from '../cases/caseRepository';
import { LIVE_CASE_STATUSES, type Case, type DeadlineEvent } from '../domain/case';
import type { StaffEvent } from '../domain/staffEvents';
import { publishStaffEvent } from '../store/staffEventStream';
import type { Logger } from '../logging/logger';
import { OutageLog } from '../store/outageLog';
import type { CaseFilter, Store } from '../store/store';
import { archivedFields } from '../cases/caseLifecycle';
import { DEADLINE_NAMES, dueDeadlineEvents } from './deadlineRules';
import type { FollowupSettings } from './followupSettings';

export const DEADLINE_WATCH_LEASE = 'deadline-watch';
/**
 * Resolved cases (the archive, years of them) are read this often at most: their one deadline
 * (the result notice) runs in hours or days, and archiving and retention in days. Every other
 * scan reads only the live cases, through the store's status index.
 */
const FULL_SCAN_MS = 10 * 60_000;

export interface DeadlineWatchOptions {
  store: Store;
  logger: Logger;
  settings: FollowupSettings;
  /** This instance's id: with several instances on one Redis, the lease holder alone scans. */
  instanceId: string;
  now?: () => Date;
}

/**
 * The periodic scan: deadline warnings and breaches (each raised once, recorded on the case,
 * pushed to the consoles as alerts), and 归档 housekeeping (archive resolved cases that lack
 * the stamp, delete those past their retention). One publisher across instances: a store lease.
 */
export class DeadlineWatch {
  private readonly cases: CaseRepository;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly outage: OutageLog;
  private lastFullScanAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: DeadlineWatchOptions) {
    this.cases = new CaseRepository(options.store);
    this.logger = options.logger.child({ component: 'deadline-watch' });
    this.outage = new OutageLog(this.logger, 'deadline watch');
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.settings.scanSeconds * 1000);
    // The watch never keeps the process alive on its own.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.options.store.releaseLease(DEADLINE_WATCH_LEASE, this.options.instanceId).catch(() => undefined);
  }

  /** One scheduled run, skipped while the previous one is still going or another instance holds the lease. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const leaseMs = Math.max(5000, this.options.settings.scanSeconds * 3000);
        const leader = await this.options.store.acquireLease(DEADLINE_WATCH_LEASE, this.options.instanceId, leaseMs);
        this.outage.succeeded();
        if (!leader) return;
        const full = Date.now() - this.lastFullScanAt >= Math.max(FULL_SCAN_MS, this.options.settings.scanSeconds * 1000);
        await this.scanOnce(full ? 'all' : 'live');
        if (full) this.lastFullScanAt = Date.now();
      } catch (err) {
        this.outage.failed(err, 'deadline watch: scan failed; retrying next time');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Scans every case ('all') or the live ones once; returns the events it published (tests, logs). */
  async scanOnce(scope: 'all' | 'live' = 'all'): Promise<StaffEvent[]> {
    const now = this.now();
    const published: StaffEvent[] = [];
    // Live cases, plus on the full scan what retention needs, each through an index: the sweep
    // never reads the whole archive (years of resolved cases).
    const filters: CaseFilter[] = LIVE_CASE_STATUSES.map((status) => ({ status }));
    if (scope === 'all')
      filters.push({ retainedUntilBefore: now.toISOString() }, { unarchivedResolved: true }, { awaitingResultNotice: true });
    // A case can match two of them (resolved, unstamped and owed its notice): each is seen once.
    const seen = new Set<string>();
    const cases = (await Promise.all(filters.map((f) => this.cases.list(f)))).flat().filter((c) => !seen.has(c.id) && seen.add(c.id));
    for (const c of cases) {
      if (c.archivedAt && c.retainUntil && Date.parse(c.retainUntil) <= now.getTime()) {
        published.push(...(await this.expire(c)));
        continue;
      }
      if (c.status === 'resolved' && !c.archivedAt) await this.archive(c);
      if (dueDeadlineEvents(c, now, this.options.settings).length === 0) continue;
      published.push(...(await this.raise(c.id, now)));
    }
    return published;
  }

  /** Records the due events under the case's lock (so each is raised once), then announces them. */
  private async raise(caseId: string, now: Date): Promise<StaffEvent[]> {
    const updated = await this.cases.update(caseId, (current) => {
      const fresh = dueDeadlineEvents(current, now, this.options.settings);
      if (fresh.length === 0) return { result: [] as DeadlineEvent[] };
      return { next: { ...current, deadlineEvents: [...(current.deadlineEvents ?? []), ...fresh] }, result: fresh };
    });
    if (!updated) return [];
    const events = updated.result.map((e) => alertOf(updated.case, e, now));
    for (const event of events) await this.publish(event);
    for (const e of updated.result) {
      const log = e.kind === 'breach' ? this.logger.warn.bind(this.logger) : this.logger.info.bind(this.logger);
      log({ caseId, ticketId: updated.case.ticketId, deadline: e.deadline, dueAt: e.dueAt, lead: e.leadMinutes }, `deadline ${e.kind}`);
    }
    return events;
  }

  private async archive(c: Case): Promise<void> {
    const resolvedAt = new Date(c.resolution?.resolvedAt ?? c.updatedAt);
    await this.cases.update(c.id, (current) => ({
      next:
        current.status === 'resolved' && !current.archivedAt
          ? { ...current, ...archivedFields(resolvedAt, this.options.settings.retentionDays) }
          : undefined,
      result: undefined,
    }));
  }

  private async expire(c: Case): Promise<StaffEvent[]> {
    // Under the lock, and only if it is still archived and expired (a reopen clears the stamp).
    const deleted = await this.cases.withLock(c.id, async () => {
      const current = await this.options.store.getCase(c.id);
      if (!current?.archivedAt || !current.retainUntil || Date.parse(current.retainUntil) > this.now().getTime()) return false;
      await this.options.store.deleteCase(c.id);
      return true;
    });
    if (!deleted) return [];
    this.logger.info({ caseId: c.id, ticketId: c.ticketId, retainUntil: c.retainUntil }, 'retention: case deleted');
    const event: StaffEvent = {
      resource: 'case',
      type: 'deleted',
      id: c.id,
      payload: { ticketId: c.ticketId, reason: 'retention', retainUntil: c.retainUntil },
    };
    await this.publish(event);
    return [event];
  }

  private async publish(event: StaffEvent): Promise<void> {
    try {
      await publishStaffEvent(this.options.store, event, this.logger);
    } catch (err) {
      this.logger.warn({ err, type: event.type, id: event.id }, 'deadline watch: could not publish');
    }
  }
}

function alertOf(c: Case, e: DeadlineEvent, now: Date): StaffEvent {
  return {
    resource: 'alert',
    type: e.kind === 'breach' ? 'deadline-breach' : 'deadline-warning',
    id: c.id,
    payload: {
      ticketId: c.ticketId,
      deadline: e.deadline,
      deadlineName: DEADLINE_NAMES[e.deadline],
      dueAt: e.dueAt,
      minutesLeft: Math.round((Date.parse(e.dueAt) - now.getTime()) / 60_000),
      ...(e.leadMinutes !== undefined ? { leadMinutes: e.leadMinutes } : {}),
      status: c.status,
      owner: c.owner ?? null,
      category: c.category ?? null,
      reopened: c.reopened ?? false,
    },
  };
}
