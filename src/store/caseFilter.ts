import type { Case } from '../domain/case';
import type { CaseFilter } from './store';

/** Shared by every store so that filtering and ordering mean the same thing everywhere. */
export function matchesFilter(c: Case, filter: CaseFilter): boolean {
  if (filter.status && c.status !== filter.status) return false;
  if (filter.customerId && c.customerId !== filter.customerId) return false;
  return true;
}

export function newestFirst(a: Case, b: Case): number {
  return b.acceptedAt.localeCompare(a.acceptedAt) || b.ticketId.localeCompare(a.ticketId, undefined, { numeric: true });
}
