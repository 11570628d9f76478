import type { Case } from '../domain/case';

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
 * When the case was resolved, as of `nowMs`; undefined while it is not. Only a case whose status
 * is 'resolved' counts: a reopened case (unhappy answer, a return about the same matter) keeps
 * its old resolution but is open again. Without a recorded time, updatedAt stands in.
 */
export function resolvedAt(c: Case, nowMs: number): number | undefined {
  if (c.status !== 'resolved') return undefined;
  const at = ms(c.resolution?.resolvedAt) ?? ms(c.updatedAt) ?? nowMs;
  return at > nowMs ? undefined : at;
}

/** The 1–5 score of the satisfaction answer, when there is one. */
export function satisfactionScore(c: Case): number | undefined {
  const raw = (c as unknown as Loose).satisfaction;
  const score = typeof raw === 'number' ? raw : raw && typeof raw === 'object' ? (raw as Loose).score : undefined;
  return typeof score === 'number' && Number.isFinite(score) ? score : undefined;
}

const SATISFIED_WORDS = new Set(['满意', '非常满意', '很满意', '比较满意', 'satisfied', 'very_satisfied', 'very satisfied']);
const UNSATISFIED_WORDS = new Set(['不满意', '非常不满意', '很不满意', '一般', '基本满意', 'unsatisfied', 'dissatisfied', 'very_dissatisfied', 'neutral']);

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
