import type { AuditEntry, AuditLog } from './auditEntry';
import { maskPersonalInfo } from '../privacy/mask';
import type { Store } from '../store/store';

/** An audit entry as kept: what was recorded, when, and its position in the log it was read from. */
export interface StoredAuditEntry extends AuditEntry {
  at: string;
  seq: number;
}

export interface AuditQuery {
  caseId?: string;
  /** Entries after this position (-1: from the start). */
  after?: number;
  limit?: number;
}

export interface AuditPage {
  entries: StoredAuditEntry[];
  /** Pass as `after` to read on; undefined when nothing more was there. */
  next?: number;
}

/** Log ids contain ':' so they can never be a Direct Line conversation id (those are [A-Za-z0-9_-]). */
export const AUDIT_LOG_ID = 'audit:all';
export function caseAuditLogId(caseId: string): string {
  return `audit:case:${caseId}`;
}

/**
 * The audit log on the store's append-only logs: every entry goes to one log of everything and,
 * when it concerns a case, to that case's log too, so «who touched case X» reads one case's
 * entries instead of everything.
 *
 * Entries are for reviewing who did what, not a second copy of the data: details are masked
 * (a reveal records which field was shown, and the mask keeps a careless caller from copying
 * the revealed number in).
 */
export class StoreAuditLog implements AuditLog {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const stored: Omit<StoredAuditEntry, 'seq'> = {
      actor: entry.actor,
      action: entry.action,
      ...(entry.caseId !== undefined ? { caseId: entry.caseId } : {}),
      ...(entry.detail !== undefined ? { detail: maskDeep(entry.detail) as Record<string, unknown> } : {}),
      at: this.now().toISOString(),
    };
    await this.store.appendDurable(AUDIT_LOG_ID, stored);
    if (entry.caseId !== undefined) await this.store.appendDurable(caseAuditLogId(entry.caseId), stored);
  }

  async read(query: AuditQuery = {}): Promise<AuditPage> {
    const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
    const logId = query.caseId !== undefined ? caseAuditLogId(query.caseId) : AUDIT_LOG_ID;
    const logged = await this.store.readDurable(logId, query.after ?? -1);
    const page = logged.slice(0, limit);
    const entries = page.map(({ watermark, activity }) => ({ ...(activity as unknown as Omit<StoredAuditEntry, 'seq'>), seq: watermark }));
    return { entries, next: page.length ? page[page.length - 1].watermark : undefined };
  }
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalInfo(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  return value;
}
