import { RESPONSE_BUCKETS, UNCATEGORIZED } from '../reports/summary';
import type { SqlClient, SqlQuery } from './sqlClient';

/**
 * The report's figures day by day, in SQL. Two uses of the same queries:
 * - the days still moving (today, cases whose deadline or resolution lies ahead) are computed
 *   from `case_facts` as of the report's time;
 * - the days that will not change any more are computed once and kept (`report_days` and its
 *   three tables, migration 004), so a year's report adds up a few hundred small rows instead of
 *   aggregating a million cases. A write to any of a kept day's cases deletes the day (a trigger
 *   on case_facts), and the next report computes it again.
 *
 * Each query takes the days as $1 (date[]), the time zone as $2 and the report's time as $3.
 */

/** One row per (day, category, channel): counts and sums that add up across rows. */
export interface DayGroupRow {
  /** YYYY-MM-DD. */
  day_key: string;
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

/** How many cases took `tenths` tenths of a minute to a first response, or of an hour to be resolved. */
export interface TenthsRow {
  metric: 'response' | 'resolution';
  tenths: number;
  n: number;
}

export interface CauseRow {
  cause: string;
  n: number;
}

export interface DayFigures {
  groups: DayGroupRow[];
  tenths: TenthsRow[];
  causes: CauseRow[];
}

/** The days, with their start and end as instants in the zone. */
const DAYS = `SELECT x AS day, x::timestamp AT TIME ZONE $2 AS s, (x + 1)::timestamp AT TIME ZONE $2 AS e FROM unnest($1::date[]) AS x`;

/** The days as runs of consecutive days, each from the start of its first to the end of its last. */
const RUNS = `
  SELECT min(x)::timestamp AT TIME ZONE $2 AS s, (max(x) + 1)::timestamp AT TIME ZONE $2 AS e
  FROM (SELECT x, x - (row_number() OVER (ORDER BY x))::int AS run FROM unnest($1::date[]) AS x) days GROUP BY run`;

/**
 * One run's cases, through the accepted_at index. OFFSET 0 keeps the planner from flattening this
 * into a join, which it plans as a scan of every case (it cannot tell how narrow a zone's day is).
 */
const CASES_OF_RUN = `SELECT * FROM case_facts WHERE accepted_at >= d.s AND accepted_at < d.e OFFSET 0`;

/** Milliseconds from acceptance to a time, never below zero; exact (numeric), so tenths round as JavaScript's do. */
const msSince = (column: string) => `greatest(0, extract(epoch FROM ${column} - f.accepted_at) * 1000)`;

// Each case's figures as of the report's time ($3): a response, resolution or deadline after it
// has not happened yet.
const FIGURES = `
  SELECT (f.accepted_at AT TIME ZONE $2)::date AS day, coalesce(f.category, '${UNCATEGORIZED}') AS category, f.channel,
    f.status, f.response_due_at AS due, f.first_response_at AS responded_at, f.resolved_at, f.satisfied, f.cause,
    CASE WHEN f.first_response_at <= $3 THEN ${msSince('f.first_response_at')} END AS response_ms,
    CASE WHEN f.status = 'resolved' AND coalesce(f.resolved_at, $3) <= $3 THEN ${msSince('coalesce(f.resolved_at, $3)')} END AS resolution_ms
  FROM (${RUNS}) d CROSS JOIN LATERAL (${CASES_OF_RUN}) f`;

const bucketFilters = RESPONSE_BUCKETS.map((b, i) => {
  const above = i === 0 ? '' : `response_ms > ${RESPONSE_BUCKETS[i - 1].maxMinutes * 60_000} AND `;
  const below = Number.isFinite(b.maxMinutes) ? `response_ms <= ${b.maxMinutes * 60_000}` : 'response_ms IS NOT NULL';
  return `count(*) FILTER (WHERE ${above}${below})::int`;
});

/** Whole tenths of `unitMs`, half up: floor((ms + unit/20) / (unit/10)), as tenthsOf in summary.ts. */
const tenths = (column: string, unitMs: number) => `floor((${column} + ${unitMs / 20}) / ${unitMs / 10})::int`;

/** Which grouping a row of FIGURES_BY_DAY is: GROUPING(category, response_tenths, resolution_tenths, cause). */
const KIND = { groups: 0b0111, responseTenths: 0b1011, resolutionTenths: 0b1101, causes: 0b1110 } as const;

/**
 * Everything a report adds up, by day, from one pass over the days' cases: counts and sums by
 * category and channel, cases per tenth (response, resolution) and per cause.
 */
const FIGURES_BY_DAY = `
  WITH r AS (
    SELECT *, ${tenths('response_ms', 60_000)} AS response_tenths, ${tenths('resolution_ms', 3_600_000)} AS resolution_tenths FROM (${FIGURES}) f
  )
  SELECT GROUPING(category, response_tenths, resolution_tenths, cause)::int AS kind,
    day, category, channel, response_tenths, resolution_tenths, cause,
    count(*)::int AS n,
    count(response_ms)::int AS responded, coalesce(sum(response_ms / 60000), 0)::float8 AS response_sum,
    ARRAY[${bucketFilters.join(', ')}] AS buckets,
    count(resolution_ms)::int AS resolved, coalesce(sum(resolution_ms / 3600000), 0)::float8 AS resolution_sum,
    count(*) FILTER (WHERE response_ms IS NOT NULL AND due IS NOT NULL AND responded_at <= due)::int AS on_time,
    count(*) FILTER (WHERE response_ms IS NOT NULL OR (due IS NOT NULL AND due <= $3))::int AS due_or_responded,
    count(satisfied)::int AS answered,
    count(*) FILTER (WHERE satisfied)::int AS satisfied
  FROM r GROUP BY GROUPING SETS ((day, category, channel), (day, response_tenths), (day, resolution_tenths), (day, cause))`;

const GROUP_COLUMNS = 'n, responded, response_sum, buckets, resolved, resolution_sum, on_time, due_or_responded, answered, satisfied';

/** Held exclusively while days are kept; the trigger takes it shared (migration 004). */
const KEEP_LOCK = 7_331_004;

/** A report time after every figure a kept day holds: kept days are computed with nothing cut off. */
const NOTHING_CUT = '9999-12-31T00:00:00Z';

/**
 * Keeps those of `days` that will not change any more: the day ended over two hours ago (so no
 * write to it is under way unseen, see the trigger) and none of its cases is resolved without a
 * time (a figure that would move with the clock). Returns the days kept. When another instance
 * is keeping days at this moment, keeps none: the report computes them itself this time.
 */
export async function keepDays(db: SqlClient, zone: string, days: string[]): Promise<string[]> {
  if (days.length === 0) return [];
  return db.transaction(async (tx) => {
    const { rows: locked } = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [KEEP_LOCK]);
    if (!locked[0].ok) return [];
    const { rows } = await tx.query<{ day: string }>(
      `INSERT INTO report_days (zone, day, day_start, day_end, stable_from)
       SELECT $2, d.day, d.s, d.e, greatest(d.e, x.latest)
       FROM (${DAYS}) d LEFT JOIN (
         SELECT day, max(greatest(responded_at, due, resolved_at)) AS latest, bool_or(status = 'resolved' AND resolved_at IS NULL) AS timeless
         FROM (${FIGURES}) f GROUP BY day
       ) x ON x.day = d.day
       WHERE d.e <= now() - interval '2 hours' AND NOT coalesce(x.timeless, false)
       ON CONFLICT DO NOTHING
       RETURNING day::text AS day`,
      [days, zone, NOTHING_CUT],
    );
    const kept = rows.map((r) => r.day);
    if (kept.length === 0) return kept;
    // Statements in WITH run to completion whether or not the query reads them.
    await tx.query(
      `WITH a AS MATERIALIZED (${FIGURES_BY_DAY}),
         g AS (INSERT INTO report_day_groups SELECT $2, day, category, channel, ${GROUP_COLUMNS} FROM a WHERE kind = ${KIND.groups}),
         t AS (INSERT INTO report_day_tenths
           SELECT $2, day, 'response', response_tenths, n FROM a WHERE kind = ${KIND.responseTenths} AND response_tenths IS NOT NULL
           UNION ALL
           SELECT $2, day, 'resolution', resolution_tenths, n FROM a WHERE kind = ${KIND.resolutionTenths} AND resolution_tenths IS NOT NULL),
         c AS (INSERT INTO report_day_causes SELECT $2, day, cause, n FROM a WHERE kind = ${KIND.causes} AND cause IS NOT NULL)
       SELECT 1`,
      [kept, zone, NOTHING_CUT],
    );
    return kept;
  });
}

/** The range's days in the zone that are kept: all of them, and those valid at the report's time. */
export async function keptDays(
  db: SqlQuery,
  zone: string,
  from: string,
  to: string,
  now: Date,
): Promise<{ all: Set<string>; valid: Set<string> }> {
  const { rows } = await db.query<{ day: string; valid: boolean }>(
    'SELECT day::text AS day, stable_from <= $4 AS valid FROM report_days WHERE zone = $1 AND day BETWEEN $2::date AND $3::date',
    [zone, from, to, now.toISOString()],
  );
  return { all: new Set(rows.map((r) => r.day)), valid: new Set(rows.filter((r) => r.valid).map((r) => r.day)) };
}

/** What was kept for `days`, summed by kind (one after another: the caller reads in one snapshot). */
export async function readKept(db: SqlQuery, zone: string, days: string[]): Promise<DayFigures> {
  const params = [zone, days];
  const groups = await db.query<DayGroupRow>(
    `SELECT day::text AS day_key, category, channel, n, responded, response_sum, buckets, resolved, resolution_sum, on_time,
         due_or_responded, answered, satisfied
       FROM report_day_groups WHERE zone = $1 AND day = ANY($2::date[])`,
    params,
  );
  const tenthRows = await db.query<TenthsRow>(
    'SELECT metric, tenths, sum(n)::int AS n FROM report_day_tenths WHERE zone = $1 AND day = ANY($2::date[]) GROUP BY metric, tenths',
    params,
  );
  const causes = await db.query<CauseRow>(
    'SELECT cause, sum(n)::int AS n FROM report_day_causes WHERE zone = $1 AND day = ANY($2::date[]) GROUP BY cause',
    params,
  );
  return { groups: groups.rows, tenths: tenthRows.rows, causes: causes.rows };
}

/** The same figures for days that are not kept, as of the report's time, in one pass. */
export async function computeDays(db: SqlQuery, zone: string, days: string[], now: Date): Promise<DayFigures> {
  if (days.length === 0) return { groups: [], tenths: [], causes: [] };
  type Row = DayGroupRow & { kind: number; response_tenths: number | null; resolution_tenths: number | null; cause: string | null };
  const { rows } = await db.query<Row>(`SELECT a.*, a.day::text AS day_key FROM (${FIGURES_BY_DAY}) a`, [days, zone, now.toISOString()]);
  const figures: DayFigures = { groups: [], tenths: [], causes: [] };
  for (const r of rows) {
    if (r.kind === KIND.groups) figures.groups.push(r);
    else if (r.kind === KIND.responseTenths && r.response_tenths !== null)
      figures.tenths.push({ metric: 'response', tenths: r.response_tenths, n: r.n });
    else if (r.kind === KIND.resolutionTenths && r.resolution_tenths !== null)
      figures.tenths.push({ metric: 'resolution', tenths: r.resolution_tenths, n: r.n });
    else if (r.kind === KIND.causes && r.cause !== null) figures.causes.push({ cause: r.cause, n: r.n });
  }
  return figures;
}
