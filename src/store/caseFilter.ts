import { awaitsResultNotice, type Case } from '../domain/case';
import { normalisePhone } from '../privacy/searchKeys';
import type { CaseFilter } from './store';

/** Shared by every store so that filtering and ordering mean the same thing everywhere. */
export function matchesFilter(c: Case, filter: CaseFilter): boolean {
  if (filter.status && c.status !== filter.status) return false;
  if (filter.customerId && c.customerId !== filter.customerId) return false;
  // Also after an index lookup: an index entry outlives a phone number the case no longer has.
  if (filter.phone && (!c.slots.phone || normalisePhone(c.slots.phone) !== normalisePhone(filter.phone))) return false;
  if (filter.retainedUntilBefore && !(c.archivedAt && c.retainUntil && Date.parse(c.retainUntil) <= Date.parse(filter.retainedUntilBefore)))
    return false;
  if (filter.unarchivedResolved && !(c.status === 'resolved' && !c.archivedAt)) return false;
  if (filter.awaitingResultNotice && !awaitsResultNotice(c)) return false;
  return true;
}

export function newestFirst(a: Case, b: Case): number {
  return b.acceptedAt.localeCompare(a.acceptedAt) || b.ticketId.localeCompare(a.ticketId, undefined, { numeric: true });
}
