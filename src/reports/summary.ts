import type { Compliment } from '../compliments/complimentLog';
import type { Case } from '../domain/case';
import { CATEGORY_IDS } from '../domain/category';
import { addDays, dayKey, daysBetween, weekKey } from '../domain/calendar';
import { acceptedBetween, firstResponseAt, normalCause, onTimeVerdict, resolvedAt, satisfactionOf } from './caseFacts';
import { mean, percentile, rate, round } from './stats';
import type { ReportSummary } from './summarySchema';
import { TARGETS } from './targets';

/**
 * The monthly (or any range's) hot-spot report (DOMAIN.md «Quality targets»): how many cases, of
 * which kind, on which channel, how the volume moved, how fast people answered and solved them,
 * the three service rates against their targets, and the causes that came up most.
 *
 * Pure: the cases, the range, the clock and the time zone go in; nothing is read or written.
 *
 * The range is a pair of calendar days in `timeZone` (Asia/Shanghai for the operator), both
 * inclusive: a case belongs to the report when the day it was accepted, in that zone, is in
 * [from, to]. Every figure below is computed over those cases only.
 */

export { TARGETS } from './targets';

/** Ranges longer than this many days are drawn by ISO week (Monday first) instead of by day. */
export const MAX_DAILY_DAYS = 31;

/** How many causes the report lists. */
export const TOP_CAUSES = 10;

/** Bucket edges of the first-response histogram, in minutes (upper bound inclusive). */
export const RESPONSE_BUCKETS: { label: string; maxMinutes: number }[] = [
  { label: '15分钟内', maxMinutes: 15 },
  { label: '15–60分钟', maxMinutes: 60 },
  { label: '1–4小时', maxMinutes: 240 },
  { label: '4–24小时', maxMinutes: 1440 },
  { label: '24小时以上', maxMinutes: Number.POSITIVE_INFINITY },
];

/** The index of the histogram bucket a first response after `minutes` falls in. */
export function responseBucketOf(minutes: number): number {
  return RESPONSE_BUCKETS.findIndex((b) => minutes <= b.maxMinutes);
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** A duration in whole tenths of `unitMs`, half up (negative durations count as none). */
export function tenthsOf(ms: number, unitMs: number): number {
  return Math.round(Math.max(0, ms) / (unitMs / 10));
}

function fromTenths(tenths: number | null): number | null {
  return tenths === null ? null : tenths / 10;
}

/** Cases without a category (a bare request for a human) are counted under this key. */
export const UNCATEGORIZED = 'uncategorized';

export type { Rate } from './stats';
export type { ReportSummary } from './summarySchema';

export interface SummaryInput {
  cases: readonly Case[];
  /** First day, YYYY-MM-DD in timeZone, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD in timeZone, inclusive. */
  to: string;
  now: Date;
  timeZone: string;
  /** Compliments received on the range's days (ComplimentLog.between); none when left out. */
  compliments?: readonly Compliment[];
}

/** How many compliments the report quotes. */
export const RECENT_COMPLIMENTS = 10;

export function summarize({ cases, from, to, now, timeZone, compliments = [] }: SummaryInput): ReportSummary {
  if (to < from) throw new RangeError(`report range ends (${to}) before it starts (${from})`);
  const nowMs = now.getTime();
  const inRange = cases.filter((c) => acceptedBetween(c, from, to, timeZone));

  // ---- counts
  const byCategory: Record<string, number> = Object.fromEntries(CATEGORY_IDS.map((id) => [id, 0]));
  const byChannel: Record<string, number> = { web: 0, wechat: 0 };
  for (const c of inRange) {
    const cat = c.category ?? UNCATEGORIZED;
    byCategory[cat] = (byCategory[cat] ?? 0) + 1;
    byChannel[c.channel] = (byChannel[c.channel] ?? 0) + 1;
  }

  // ---- trend: every period of the range, empty ones included, so the line does not skip days.
  const unit: 'day' | 'week' = daysBetween(from, to) + 1 > MAX_DAILY_DAYS ? 'week' : 'day';
  const periodOf = (day: string) => (unit === 'day' ? day : weekKey(day));
  const points = new Map<string, { period: string; count: number; byCategory: Record<string, number> }>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const period = periodOf(day);
    if (!points.has(period)) points.set(period, { period, count: 0, byCategory: {} });
  }
  for (const c of inRange) {
    const point = points.get(periodOf(dayKey(c.acceptedAt, timeZone)!))!;
    const cat = c.category ?? UNCATEGORIZED;
    point.count += 1;
    point.byCategory[cat] = (point.byCategory[cat] ?? 0) + 1;
  }

  // ---- first response and resolution times
  const responseMinutes: number[] = [];
  const resolutionHours: number[] = [];
  // Percentiles are taken over tenths (of a minute, of an hour), rounded from whole milliseconds
  // as displayed: the archive keeps them as counts per tenth per day, so a year's percentile is a
  // walk over a histogram there, and both give the same figure (rounding keeps the order).
  const responseTenths: number[] = [];
  const resolutionTenths: number[] = [];
  // On-time rate (及时率): among the cases whose first-response deadline has passed by `now`, or
  // that were already responded to, the share whose first response came at or before
  // responseDueAt. The first response is the earliest of: an agent claiming the case, the first
  // agent message in the transcript, the result notice of a resolve (a supervisor may resolve a
  // case nobody claimed), or a recorded firstResponseAt. The bot's automatic replies and receipt
  // do not count: the deadline is for a person. A case still waiting with time left is not judged.
  let dueOrResponded = 0;
  let onTime = 0;
  // Resolution rate (解决率): resolved cases / cases accepted in the range. A case counts as
  // resolved when its status is 'resolved' and its resolvedAt is not after `now`, whenever in or
  // after the range that happened. A reopened case (unhappy answer, the customer came back about
  // the same matter) keeps its old resolution but does not count until it is resolved again.
  let resolved = 0;
  // Satisfaction rate (满意率): satisfied answers / answered surveys, among the range's cases with
  // a survey answer. Satisfied = a score of 4 or 5 on the 1–5 scale, or 满意 / 非常满意. Cases
  // without an answer are left out of both sides (not counted as unhappy).
  let answered = 0;
  let satisfied = 0;
  const causes = new Map<string, number>();

  for (const c of inRange) {
    const accepted = Date.parse(c.acceptedAt);
    const responded = firstResponseAt(c, nowMs);
    if (responded !== undefined) {
      responseMinutes.push(Math.max(0, responded - accepted) / 60_000);
      responseTenths.push(tenthsOf(responded - accepted, MINUTE_MS));
    }
    const verdict = onTimeVerdict(c, nowMs);
    if (verdict !== undefined) {
      dueOrResponded += 1;
      if (verdict) onTime += 1;
    }

    const done = resolvedAt(c, nowMs);
    if (done !== undefined) {
      resolved += 1;
      if (!Number.isNaN(done)) {
        resolutionHours.push(Math.max(0, done - accepted) / 3_600_000);
        resolutionTenths.push(tenthsOf(done - accepted, HOUR_MS));
      }
    }

    const survey = satisfactionOf(c);
    if (survey !== undefined) {
      answered += 1;
      if (survey) satisfied += 1;
    }

    const cause = normalCause(c.resolution?.cause);
    if (cause) causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }

  return {
    from,
    to,
    timeZone,
    generatedAt: now.toISOString(),
    counts: { byCategory, byChannel, total: inRange.length },
    trend: { unit, points: [...points.values()] },
    firstResponse: {
      avgMinutes: round(mean(responseMinutes), 1),
      p50Minutes: fromTenths(percentile(responseTenths, 0.5)),
      p90Minutes: fromTenths(percentile(responseTenths, 0.9)),
      count: responseMinutes.length,
      distribution: RESPONSE_BUCKETS.map((b, i) => ({
        label: b.label,
        count: responseMinutes.filter((m) => responseBucketOf(m) === i).length,
      })),
    },
    resolution: {
      avgHours: round(mean(resolutionHours), 1),
      p50Hours: fromTenths(percentile(resolutionTenths, 0.5)),
      count: resolved,
    },
    rates: {
      onTime: rate(onTime, dueOrResponded, TARGETS.onTime),
      resolution: rate(resolved, inRange.length, TARGETS.resolution),
      satisfaction: { ...rate(satisfied, answered, TARGETS.satisfaction), answered },
    },
    topCauses: [...causes.entries()]
      .map(([cause, count]) => ({ cause, count }))
      .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause, 'zh-CN'))
      .slice(0, TOP_CAUSES),
    compliments: {
      total: compliments.length,
      byChannel: compliments.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.channel]: (acc[c.channel] ?? 0) + 1 }), {
        web: 0,
        wechat: 0,
      }),
      recent: compliments
        .slice(-RECENT_COMPLIMENTS)
        .reverse()
        .map(({ at, channel, text }) => ({ at, channel, text })),
    },
  };
}
