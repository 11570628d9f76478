import type { Case } from '../domain/case';
import { firstResponseAt, normalCause, resolvedAt, satisfactionOf } from '../reports/caseFacts';

/**
 * What reports read off a case, as plain columns of `case_facts`: the same definitions the
 * report uses on a case (src/reports/caseFacts.ts), stored without the "as of now" cut, which the
 * SQL applies with the report's clock. Reports aggregate this narrow table and never open the
 * sealed case.
 */
export interface CaseFactsRow {
  id: string;
  accepted_at: string;
  category: string | null;
  channel: string;
  status: string;
  owner: string | null;
  response_due_at: string | null;
  /** The earliest time a person answered, whenever that is (the report cuts at its own now). */
  first_response_at: string | null;
  /** Set for a resolved case; null with status 'resolved' means "resolved, time unknown" (counts as now). */
  resolved_at: string | null;
  satisfied: boolean | null;
  cause: string | null;
}

const FOREVER = Number.MAX_SAFE_INTEGER;

function iso(ms: number | undefined): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

function validIso(value: string | undefined): string | null {
  return value === undefined || Number.isNaN(Date.parse(value)) ? null : value;
}

export function caseFactsRow(c: Case): CaseFactsRow {
  const resolved = resolvedAt(c, FOREVER);
  return {
    id: c.id,
    accepted_at: c.acceptedAt,
    category: c.category ?? null,
    channel: c.channel,
    status: c.status,
    owner: c.owner ?? null,
    response_due_at: validIso(c.responseDueAt),
    first_response_at: iso(firstResponseAt(c, FOREVER)),
    resolved_at: resolved === FOREVER ? null : iso(resolved),
    satisfied: satisfactionOf(c) ?? null,
    cause: normalCause(c.resolution?.cause) ?? null,
  };
}

/** The columns in the order saveCase binds them (after the case's own twelve). */
export const FACT_COLUMNS = [
  'accepted_at',
  'category',
  'channel',
  'status',
  'owner',
  'response_due_at',
  'first_response_at',
  'resolved_at',
  'satisfied',
  'cause',
] as const;
