import type { Case } from '../domain/case';
import type { DataCipher } from '../privacy/dataCipher';
import { daysBetween, weekKey } from '../domain/calendar';
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

/** One row per (day, category, channel): counts and sums that add up across rows in JavaScript. */
interface GroupRow {
  day: string;
  category: string;
  channel: string;
  n: number;
  responded: number;
  response_sum: number;
  buckets: number[];
  resolved: number;
  resolution_sum: number;
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

// Each case's figures as of the report's now ($4): a response, resolution or deadline after it has not happened yet.
const FIGURES = `
  SELECT accepted_at, category, channel, response_due_at AS due, first_response_at AS responded_at, satisfied,
    CASE WHEN first_response_at <= $4 THEN greatest(0, extract(epoch FROM first_response_at - accepted_at))::float8 / 60 END AS response_min,
    CASE WHEN status = 'resolved' AND coalesce(resolved_at, $4) <= $4
      THEN greatest(0, extract(epoch FROM coalesce(resolved_at, $4) - accepted_at))::float8 / 3600 END AS resolution_h
  FROM case_facts WHERE ${IN_RANGE}`;

// Counts and sums by day, category and channel: a few thousand rows for a year, from one scan
// that PostgreSQL hashes in parallel. Everything but the percentiles and causes adds up from it.
const GROUPS = `
  WITH r AS (${FIGURES})
  SELECT to_char(date_trunc('day', accepted_at AT TIME ZONE $3), 'YYYY-MM-DD') AS day, coalesce(category, '${UNCATEGORIZED}') AS category, channel,
    count(*)::int AS n,
    count(response_min)::int AS responded, coalesce(sum(response_min), 0)::float8 AS response_sum,
    ARRAY[${bucketFilters.join(', ')}] AS buckets,
    count(resolution_h)::int AS resolved, coalesce(sum(resolution_h), 0)::float8 AS resolution_sum,
    count(*) FILTER (WHERE response_min IS NOT NULL AND due IS NOT NULL AND responded_at <= due)::int AS on_time,
    count(*) FILTER (WHERE response_min IS NOT NULL OR (due IS NOT NULL AND due <= $4))::int AS due_or_responded,
    count(satisfied)::int AS answered,
    count(*) FILTER (WHERE satisfied)::int AS satisfied
  FROM r GROUP BY date_trunc('day', accepted_at AT TIME ZONE $3), 2, 3`;

// Nearest-rank percentiles (percentile_disc is exactly that): their own query, since they sort.
const PERCENTILES = `
  WITH r AS (${FIGURES})
  SELECT percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY response_min) AS response,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY resolution_h) AS resolution_p50
  FROM r`;

// Every cause tied with or above the tenth: the final order (count, then Chinese collation) is JavaScript's.
const CAUSES = `
  WITH g AS (SELECT cause, count(*)::int AS n FROM case_facts WHERE ${IN_RANGE} AND cause IS NOT NULL GROUP BY cause)
  SELECT cause, n FROM g WHERE n >= coalesce((SELECT n FROM g ORDER BY n DESC OFFSET ${TOP_CAUSES - 1} LIMIT 1), 0)`;

function rangeParams(range: ReportRange): unknown[] {
  return [range.from, range.to, range.timeZone];
}

export function archiveReportSource(
  db: SqlQuery,
  cipher: DataCipher,
  ready: () => Promise<void>,
  exportBatch = EXPORT_BATCH,
): ReportSource {
  return {
    async summary(input) {
      await ready();
      const params = [...rangeParams(input), input.now.toISOString()];
      const [groupRows, percentileRows, causeRows] = await Promise.all([
        db.query<GroupRow>(GROUPS, params),
        db.query<{ response: number[] | null; resolution_p50: number | null }>(PERCENTILES, params),
        db.query<{ cause: string; n: number }>(CAUSES, rangeParams(input)),
      ]);
      // The shape, the empty periods and the compliments as the pure report makes them.
      const report = summarize({ ...input, cases: [] });
      const unit = daysBetween(input.from, input.to) + 1 > MAX_DAILY_DAYS ? 'week' : 'day';
      const points = new Map(report.trend.points.map((p) => [p.period, p]));
      const t = {
        n: 0,
        responded: 0,
        response_sum: 0,
        buckets: RESPONSE_BUCKETS.map(() => 0),
        resolved: 0,
        resolution_sum: 0,
        on_time: 0,
        due_or_responded: 0,
        answered: 0,
        satisfied: 0,
      };
      for (const g of groupRows.rows) {
        const point = points.get(unit === 'day' ? g.day : weekKey(g.day));
        if (point) {
          point.count += g.n;
          point.byCategory[g.category] = (point.byCategory[g.category] ?? 0) + g.n;
        }
        report.counts.byCategory[g.category] = (report.counts.byCategory[g.category] ?? 0) + g.n;
        report.counts.byChannel[g.channel] = (report.counts.byChannel[g.channel] ?? 0) + g.n;
        t.n += g.n;
        t.responded += g.responded;
        t.response_sum += g.response_sum;
        g.buckets.forEach((count, i) => (t.buckets[i] += count));
        t.resolved += g.resolved;
        t.resolution_sum += g.resolution_sum;
        t.on_time += g.on_time;
        t.due_or_responded += g.due_or_responded;
        t.answered += g.answered;
        t.satisfied += g.satisfied;
      }
      report.counts.total = t.n;
      const p = percentileRows.rows[0];
      const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));
      report.firstResponse = {
        avgMinutes: round(t.responded ? t.response_sum / t.responded : null, 1),
        p50Minutes: round(num(p.response?.[0]), 1),
        p90Minutes: round(num(p.response?.[1]), 1),
        count: t.responded,
        distribution: RESPONSE_BUCKETS.map((b, i) => ({ label: b.label, count: t.buckets[i] })),
      };
      report.resolution = {
        avgHours: round(t.resolved ? t.resolution_sum / t.resolved : null, 1),
        p50Hours: round(num(p.resolution_p50), 1),
        count: t.resolved,
      };
      report.rates = {
        onTime: rate(t.on_time, t.due_or_responded, TARGETS.onTime),
        resolution: rate(t.resolved, t.n, TARGETS.resolution),
        satisfaction: { ...rate(t.satisfied, t.answered, TARGETS.satisfaction), answered: t.answered },
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
      type Row = { doc: string; accepted_at: Date; ticket_id: string };
      // Keyset pages: each starts after the last row of the one before, through the accepted index.
      // Two texts, not "$4 IS NULL OR …": that OR would keep the planner from walking the index in order.
      const page = (after?: Row): Promise<{ rows: Row[] }> =>
        db.query<Row>(
          `SELECT doc, accepted_at, ticket_id FROM cases WHERE ${IN_RANGE}
             ${after ? 'AND (accepted_at, ticket_id) > ($4::timestamptz, $5::text)' : ''}
           ORDER BY accepted_at, ticket_id LIMIT ${exportBatch}`,
          after ? [...rangeParams(range), after.accepted_at, after.ticket_id] : rangeParams(range),
        );
      let next: Promise<{ rows: Row[] }> | undefined = page();
      try {
        while (next) {
          const current: Promise<{ rows: Row[] }> = next;
          const rows: Row[] = (await current).rows;
          // The next page is read while this one is opened and written: the database and the
          // export's own work overlap instead of taking turns.
          next = rows.length === exportBatch ? page(rows[rows.length - 1]) : undefined;
          for (const r of rows) yield cipher.open<Case>(r.doc);
        }
      } finally {
        // A client that left mid-export: the page read ahead is not waited for, but its failure is not left unhandled.
        next?.catch(() => undefined);
      }
    },
  };
}
