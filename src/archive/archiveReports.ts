import type { Case } from '../domain/case';
import type { DataCipher } from '../privacy/dataCipher';
import { daysBetween, weekKey } from '../reports/calendar';
import type { ReportRange, ReportSource } from '../reports/reportSource';
import { rate, round } from '../reports/stats';
import { MAX_DAILY_DAYS, RESPONSE_BUCKETS, summarize, TOP_CAUSES, UNCATEGORIZED } from '../reports/summary';
import { TARGETS } from '../reports/targets';
import type { SqlQuery } from './sqlClient';

/**
 * Reports over the archive: the summary as SQL aggregates over `case_facts` (a narrow table, read
 * through its accepted_at index), the export as batches of sealed cases in keyset order, so a
 * year's report costs a few scans of small rows and an export's memory stays flat however many
 * rows it has. The definitions are those of src/reports/summary.ts; test/reports/reportSource
 * holds the two to the same answers.
 */

/** The range's days in its zone, as [start, end) instants: $1, $2 (and the zone as $3). */
const IN_RANGE = `accepted_at >= ($1::date)::timestamp AT TIME ZONE $3 AND accepted_at < ($2::date + 1)::timestamp AT TIME ZONE $3`;

/** Cases read per round trip by the export. */
export const EXPORT_BATCH = 1000;

interface Scalars {
  response_avg: number | null;
  response_p50: number | null;
  response_p90: number | null;
  responded: number;
  buckets: number[];
  resolution_avg: number | null;
  resolution_p50: number | null;
  resolved: number;
  on_time: number;
  due_or_responded: number;
  answered: number;
  satisfied: number;
}

const bucketFilters = RESPONSE_BUCKETS.map((b, i) => {
  const above = i === 0 ? '' : `response_min > ${RESPONSE_BUCKETS[i - 1].maxMinutes} AND `;
  const below = Number.isFinite(b.maxMinutes) ? `response_min <= ${b.maxMinutes}` : 'response_min IS NOT NULL';
  return `count(*) FILTER (WHERE ${above}${below})::int`;
});

// $4 is the report's now: a response, resolution or deadline after it has not happened yet.
const SCALARS = `
  WITH r AS (
    SELECT response_due_at AS due, first_response_at AS responded_at, satisfied,
      CASE WHEN first_response_at <= $4 THEN greatest(0, extract(epoch FROM first_response_at - accepted_at))::float8 / 60 END AS response_min,
      CASE WHEN status = 'resolved' AND coalesce(resolved_at, $4) <= $4
        THEN greatest(0, extract(epoch FROM coalesce(resolved_at, $4) - accepted_at))::float8 / 3600 END AS resolution_h
    FROM case_facts WHERE ${IN_RANGE})
  SELECT avg(response_min) AS response_avg,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY response_min) AS response_p50,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY response_min) AS response_p90,
    count(response_min)::int AS responded,
    ARRAY[${bucketFilters.join(', ')}] AS buckets,
    avg(resolution_h) AS resolution_avg,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY resolution_h) AS resolution_p50,
    count(resolution_h)::int AS resolved,
    count(*) FILTER (WHERE response_min IS NOT NULL AND due IS NOT NULL AND responded_at <= due)::int AS on_time,
    count(*) FILTER (WHERE response_min IS NOT NULL OR (due IS NOT NULL AND due <= $4))::int AS due_or_responded,
    count(satisfied)::int AS answered,
    count(*) FILTER (WHERE satisfied)::int AS satisfied
  FROM r`;

// One scan for both breakdowns: by day and category (the trend and the category counts), and by channel.
const GROUPS = `
  SELECT to_char(accepted_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day, coalesce(category, '${UNCATEGORIZED}') AS category, channel,
    GROUPING(channel)::int AS by_day, count(*)::int AS n
  FROM case_facts WHERE ${IN_RANGE}
  GROUP BY GROUPING SETS ((1, 2), (channel))`;

// Every cause tied with or above the tenth: the final order (count, then Chinese collation) is JavaScript's.
const CAUSES = `
  WITH g AS (SELECT cause, count(*)::int AS n FROM case_facts WHERE ${IN_RANGE} AND cause IS NOT NULL GROUP BY cause)
  SELECT cause, n FROM g WHERE n >= coalesce((SELECT n FROM g ORDER BY n DESC OFFSET ${TOP_CAUSES - 1} LIMIT 1), 0)`;

function rangeParams(range: ReportRange): unknown[] {
  return [range.from, range.to, range.timeZone];
}

export function archiveReportSource(db: SqlQuery, cipher: DataCipher, ready: () => Promise<void>, exportBatch = EXPORT_BATCH): ReportSource {
  return {
    async summary(input) {
      await ready();
      const params = [...rangeParams(input), input.now.toISOString()];
      const [scalarRows, groupRows, causeRows] = await Promise.all([
        db.query<Scalars>(SCALARS, params),
        db.query<{ day: string; category: string; channel: string; by_day: number; n: number }>(GROUPS, rangeParams(input)),
        db.query<{ cause: string; n: number }>(CAUSES, rangeParams(input)),
      ]);
      // The shape, the empty periods and the compliments as the pure report makes them.
      const report = summarize({ ...input, cases: [] });
      const unit = daysBetween(input.from, input.to) + 1 > MAX_DAILY_DAYS ? 'week' : 'day';
      const points = new Map(report.trend.points.map((p) => [p.period, p]));
      let total = 0;
      for (const g of groupRows.rows) {
        if (g.by_day === 1) {
          const point = points.get(unit === 'day' ? g.day : weekKey(g.day));
          if (!point) continue; // a day outside the range cannot be selected; skip rather than invent a period
          point.count += g.n;
          point.byCategory[g.category] = (point.byCategory[g.category] ?? 0) + g.n;
          report.counts.byCategory[g.category] = (report.counts.byCategory[g.category] ?? 0) + g.n;
          total += g.n;
        } else {
          report.counts.byChannel[g.channel] = (report.counts.byChannel[g.channel] ?? 0) + g.n;
        }
      }
      report.counts.total = total;
      const s = scalarRows.rows[0];
      const num = (v: number | string | null) => (v === null ? null : Number(v));
      report.firstResponse = {
        avgMinutes: round(num(s.response_avg), 1),
        p50Minutes: round(num(s.response_p50), 1),
        p90Minutes: round(num(s.response_p90), 1),
        count: s.responded,
        distribution: RESPONSE_BUCKETS.map((b, i) => ({ label: b.label, count: s.buckets[i] })),
      };
      report.resolution = { avgHours: round(num(s.resolution_avg), 1), p50Hours: round(num(s.resolution_p50), 1), count: s.resolved };
      report.rates = {
        onTime: rate(s.on_time, s.due_or_responded, TARGETS.onTime),
        resolution: rate(s.resolved, total, TARGETS.resolution),
        satisfaction: { ...rate(s.satisfied, s.answered, TARGETS.satisfaction), answered: s.answered },
      };
      report.topCauses = causeRows.rows
        .map((r) => ({ cause: r.cause, count: r.n }))
        .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause, 'zh-CN'))
        .slice(0, TOP_CAUSES);
      return report;
    },

    async count(range) {
      await ready();
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_facts WHERE ${IN_RANGE}`, rangeParams(range));
      return rows[0].n;
    },

    async *cases(range) {
      await ready();
      // Keyset pages: each starts after the last row of the one before, through the accepted index.
      let after: { at: Date; ticket: string } | undefined;
      for (;;) {
        // Two texts, not "$4 IS NULL OR …": that OR would keep the planner from walking the index in order.
        const { rows } = await db.query<{ doc: string; accepted_at: Date; ticket_id: string }>(
          `SELECT doc, accepted_at, ticket_id FROM cases WHERE ${IN_RANGE}
             ${after ? 'AND (accepted_at, ticket_id) > ($4::timestamptz, $5::text)' : ''}
           ORDER BY accepted_at, ticket_id LIMIT ${exportBatch}`,
          after ? [...rangeParams(range), after.at, after.ticket] : rangeParams(range),
        );
        for (const r of rows) yield cipher.open<Case>(r.doc);
        if (rows.length < exportBatch) return;
        const last = rows[rows.length - 1];
        after = { at: last.accepted_at, ticket: last.ticket_id };
      }
    },
  };
}
