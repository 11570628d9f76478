import { z } from 'zod';
import type { Case, CaseStatus, ChannelId } from '../domain/case';
import { maskPhone } from '../privacy/listMask';
import { acceptedBetween, caseAgent, firstResponseAt, normalCause, onTimeVerdict, resolvedAt } from './caseFacts';
import { responseBucketOf, UNCATEGORIZED } from './summary';

/**
 * The cases behind a figure of /reports (GET /api/reports/cases): a click on a bar, a slice, a
 * day of the trend or a cell of the per-agent table names the figure as a filter, and the page
 * lists the cases that make it up. Each filter judges with the same case fact the figure was
 * counted with (caseAgent, onTimeVerdict, responseBucketOf), so the list's total is the figure.
 */

export interface CaseDrillFilter {
  from: string;
  to: string;
  /** A category id, or 'uncategorized' for cases without one. */
  category?: string;
  channel?: ChannelId;
  /** Staff user name: cases that are (or were last) with this agent. */
  agent?: string;
  status?: CaseStatus;
  onTime?: boolean;
  reopened?: boolean;
  /** Index into RESPONSE_BUCKETS (the first-response histogram). */
  responseBucket?: number;
  /** A cause of the top-causes list, as the summary writes it (spaces collapsed). */
  cause?: string;
}

export function matchesDrill(c: Case, f: CaseDrillFilter, nowMs: number, timeZone: string): boolean {
  if (!acceptedBetween(c, f.from, f.to, timeZone)) return false;
  if (f.category && (c.category ?? UNCATEGORIZED) !== f.category) return false;
  if (f.channel && c.channel !== f.channel) return false;
  if (f.status && c.status !== f.status) return false;
  if (f.agent && caseAgent(c)?.username !== f.agent) return false;
  if (f.onTime !== undefined && onTimeVerdict(c, nowMs) !== f.onTime) return false;
  if (f.reopened !== undefined && Boolean(c.reopened) !== f.reopened) return false;
  if (f.cause !== undefined && normalCause(c.resolution?.cause) !== f.cause) return false;
  if (f.responseBucket !== undefined) {
    const responded = firstResponseAt(c, nowMs);
    if (responded === undefined || responseBucketOf(Math.max(0, responded - Date.parse(c.acceptedAt)) / 60_000) !== f.responseBucket)
      return false;
  }
  return true;
}

/** One row of the drill-down, defined once: the route's schema and the type below. Phone masked. */
export const drillRowSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  category: z.string().describe("category id, or 'uncategorized'"),
  channel: z.string(),
  status: z.enum(['open', 'queued', 'active', 'resolved']),
  owner: z.object({ username: z.string(), agentNo: z.string().nullable() }).nullable().describe('who has (or had last) the case'),
  acceptedAt: z.string(),
  responseDueAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  onTime: z.boolean().nullable().describe('null while the case waits with time left'),
  reopened: z.boolean(),
  phone: z.string().nullable().describe('masked, 138****5678'),
});
export type DrillRow = z.infer<typeof drillRowSchema>;

export const drillPageSchema = z.object({
  total: z.number().int().min(0).describe('cases matching the filter, over all pages'),
  cases: z.array(drillRowSchema).describe('newest accepted first'),
  next: z.string().nullable().describe('`cursor` of the next page; null on the last'),
});
export type DrillPage = z.infer<typeof drillPageSchema>;

const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

export function drillRow(c: Case, nowMs: number): DrillRow {
  const agent = caseAgent(c);
  return {
    id: c.id,
    ticketId: c.ticketId,
    category: c.category ?? UNCATEGORIZED,
    channel: c.channel,
    status: c.status,
    owner: agent ? { username: agent.username, agentNo: agent.agentNo ?? null } : null,
    acceptedAt: c.acceptedAt,
    responseDueAt: c.responseDueAt,
    firstResponseAt: iso(firstResponseAt(c, nowMs)),
    resolvedAt: iso(resolvedAt(c, nowMs)),
    onTime: onTimeVerdict(c, nowMs) ?? null,
    reopened: Boolean(c.reopened),
    phone: typeof c.slots?.phone === 'string' ? maskPhone(c.slots.phone) : null,
  };
}

/** The matching cases, newest accepted first (ties by ticket), the order paging relies on. */
export function drillCases(cases: readonly Case[], f: CaseDrillFilter, now: Date, timeZone: string): Case[] {
  const nowMs = now.getTime();
  return cases
    .filter((c) => matchesDrill(c, f, nowMs, timeZone))
    .sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt) || a.ticketId.localeCompare(b.ticketId));
}
