import type { Case } from '../domain/case';
import { dayKey } from '../domain/calendar';

/**
 * What the report reads off a case, tolerant of records written before a field existed (and of
 * fields other parts of the service add: firstResponseAt, satisfaction). Times are epoch ms.
 */

/** A loosely typed view for fields that may or may not be on the Case type yet. */
type Loose = Record<string, unknown>;

function ms(value: unknown): number | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** Whether the case was accepted on a day of [from, to] (YYYY-MM-DD in timeZone): what puts it in a report. */
export function acceptedBetween(c: Case, from: string, to: string, timeZone: string): boolean {
  const day = dayKey(c.acceptedAt, timeZone);
  return day !== undefined && day >= from && day <= to;
}

/**
 * When a person first answered the customer, as of `nowMs`: the earliest of a recorded
 * firstResponseAt, the claim (the customer hears 「客服 07 号为您服务」), the first agent message,
 * and the result notice of a resolve. Undefined when no person has answered yet.
 */
export function firstResponseAt(c: Case, nowMs: number): number | undefined {
  const loose = c as unknown as Loose;
  const candidates = [
    ms(loose.firstResponseAt),
    ms(c.claimedAt),
    ms(c.transcript?.find((t) => t.from === 'agent')?.at),
    ms(c.resolution?.resolvedAt),
  ].filter((t): t is number => t !== undefined && t <= nowMs);
  return candidates.length ? Math.min(...candidates) : undefined;
}

/**
 * Whether a person answered within the case's first-response deadline (responseDueAt, set from
 * the category's rule): true / false once it can be judged, undefined for a case still waiting
 * with time left. The desk's 及时率, the per-agent on-time rate and the drill-down's onTime
 * filter all judge with this one function, so their numbers agree.
 */
export function onTimeVerdict(c: Case, nowMs: number): boolean | undefined {
  const due = ms(c.responseDueAt);
  const responded = firstResponseAt(c, nowMs);
  if (responded !== undefined) return due !== undefined && responded <= due;
  return due !== undefined && due <= nowMs ? false : undefined;
}

/** Who the case is (or was last) with: the owner, else the last assignment, else who resolved it. */
export function caseAgent(c: Case): { username: string; agentNo?: string } | undefined {
  const last = c.assignments?.[c.assignments.length - 1];
  if (c.owner) return { username: c.owner, agentNo: c.ownerAgentNo ?? (last?.username === c.owner ? last.agentNo : undefined) };
  if (last) return { username: last.username, agentNo: last.agentNo };
  return c.resolution?.resolvedBy ? { username: c.resolution.resolvedBy } : undefined;
}

/**
 * When `username` first got the case: their first recorded assignment; for cases from before
 * assignments were recorded, claimedAt when they are its owner.
 */
export function assignedAt(c: Case, username: string): number | undefined {
  const first = c.assignments?.find((a) => a.username === username);
  if (first) return ms(first.at);
  return c.owner === username ? ms(c.claimedAt) : undefined;
}

/** `username`'s first message to the customer at or after `sinceMs` (agent lines without `by` are the owner's). */
export function agentFirstMessageAt(c: Case, username: string, sinceMs: number): number | undefined {
  for (const t of c.transcript ?? []) {
    if (t.from !== 'agent' || (t.by ?? c.owner) !== username) continue;
    const at = ms(t.at);
    if (at !== undefined && at >= sinceMs) return at;
  }
  return undefined;
}

/**
 * When the case was resolved, as of `nowMs`; undefined while it is not. Only a case whose status
 * is 'resolved' counts: a reopened case (unhappy answer, a return about the same matter) keeps
 * its old resolution but is open again. Without a recorded time, updatedAt stands in.
 */
export function resolvedAt(c: Case, nowMs: number): number | undefined {
  if (c.status !== 'resolved') return undefined;
  const at = ms(c.resolution?.resolvedAt) ?? ms(c.updatedAt) ?? nowMs;
  return at > nowMs ? undefined : at;
}

/** A cause as the report groups it: trimmed, inner spaces collapsed; undefined when empty. */
export function normalCause(cause: string | undefined): string | undefined {
  return cause?.trim().replace(/\s+/g, ' ') || undefined;
}

/** The 1–5 score of the satisfaction answer, when there is one. */
export function satisfactionScore(c: Case): number | undefined {
  const raw = (c as unknown as Loose).satisfaction;
  const score = typeof raw === 'number' ? raw : raw && typeof raw === 'object' ? (raw as Loose).score : undefined;
  return typeof score === 'number' && Number.isFinite(score) ? score : undefined;
}

const SATISFIED_WORDS = new Set(['满意', '非常满意', '很满意', '比较满意', 'satisfied', 'very_satisfied', 'very satisfied']);
const UNSATISFIED_WORDS = new Set([
  '不满意',
  '非常不满意',
  '很不满意',
  '一般',
  '基本满意',
  'unsatisfied',
  'dissatisfied',
  'very_dissatisfied',
  'neutral',
]);

/**
 * The customer's satisfaction answer: true (satisfied), false (answered, not satisfied), or
 * undefined (no answer). Satisfied = a score ≥ 4 on the 1–5 scale, or 满意 / 非常满意. Reads
 * `satisfaction` as a number, a word, or an object with score/rating/value/level/label/answer.
 */
export function satisfactionOf(c: Case): boolean | undefined {
  const raw = (c as unknown as Loose).satisfaction ?? (c as unknown as Loose).survey;
  return judge(raw, 0);
}

function judge(raw: unknown, depth: number): boolean | undefined {
  if (raw === undefined || raw === null || depth > 2) return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw > 0 ? raw >= 4 : undefined;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (!word) return undefined;
    if (/^\d+(\.\d+)?$/.test(word)) return judge(Number(word), depth);
    if (SATISFIED_WORDS.has(word)) return true;
    if (UNSATISFIED_WORDS.has(word)) return false;
    if (word.includes('不满意')) return false;
    if (word.includes('满意')) return true;
    return undefined;
  }
  if (typeof raw === 'object') {
    const o = raw as Loose;
    if (typeof o.satisfied === 'boolean') return o.satisfied;
    for (const key of ['score', 'rating', 'value', 'level', 'label', 'answer']) {
      const verdict = judge(o[key], depth + 1);
      if (verdict !== undefined) return verdict;
    }
  }
  return undefined;
}
