import type { Case } from '../domain/case';
import { csvCaseOf, type CsvCase, type CsvDetails } from '../reports/csvCase';
import type { DataCipher } from '../privacy/dataCipher';
import { addDays, daysBetween, weekKey } from '../domain/calendar';
import type { ReportRange, ReportSource } from '../reports/reportSource';
import { percentileOfCounts, rate, round } from '../reports/stats';
import { MAX_DAILY_DAYS, RESPONSE_BUCKETS, summarize, TOP_CAUSES } from '../reports/summary';
import { TARGETS } from '../reports/targets';
import { computeDays, keepDays, keptDays, readKept, type TenthsRow } from './reportDays';
import type { SqlClient } from './sqlClient';

/**
 * Reports over the archive: the summary adds up figures per day (src/archive/reportDays.ts):
 * kept for days that no longer change, aggregated from `case_facts` for the rest, so a year's
 * report reads a few hundred small rows and the days still moving. The export streams batches of
 * sealed cases in keyset order, so its memory stays flat however many rows it has. The
 * definitions are those of src/reports/summary.ts; test/reports/reportSource holds the two to the
 * same answers.
 */

/** The range's days in its zone, as [start, end) instants: $1, $2 (and the zone as $3). */
const IN_RANGE = `accepted_at >= ($1::date)::timestamp AT TIME ZONE $3 AND accepted_at < ($2::date + 1)::timestamp AT TIME ZONE $3`;

/** Where the export stands between pages. */
interface Keyset {
  accepted_at: Date;
  ticket_id: string;
}

/** Days a report keeps itself, at most (each costs about one day's cases read). */
const KEEP_AT_MOST = 7;

/** Cases read per round trip by the export. */
export const EXPORT_BATCH = 1000;

function rangeParams(range: ReportRange): unknown[] {
  return [range.from, range.to, range.timeZone];
}

/** Every day of the range, YYYY-MM-DD. */
function daysOf(range: ReportRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The nearest-rank percentile of a histogram of tenths (tenths → cases), in units. */
function percentileOfTenths(counts: Map<number, number>, total: number, p: number): number | null {
  const tenths = percentileOfCounts(counts, total, p);
  return tenths === null ? null : tenths / 10;
}

export function archiveReportSource(
  db: SqlClient,
  cipher: DataCipher,
  ready: () => Promise<void>,
  exportBatch = EXPORT_BATCH,
): ReportSource {
  /**
   * The range's cases in export order (accepted time, then ticket), `columns` of each turned
   * into an item by `toItem`, read in keyset pages: each starts after the last row of the one
   * before, through the accepted index.
   */
  async function* inExportOrder<R, T>(range: ReportRange, columns: string, toItem: (row: R & Keyset) => T): AsyncGenerator<T> {
    await ready();
    // Two texts, not "$4 IS NULL OR …": that OR would keep the planner from walking the index in order.
    const page = (after?: Keyset): Promise<{ rows: (R & Keyset)[] }> =>
      db.query<R & Keyset>(
        `SELECT ${columns}, accepted_at, ticket_id FROM cases WHERE ${IN_RANGE}
           ${after ? 'AND (accepted_at, ticket_id) > ($4::timestamptz, $5::text)' : ''}
         ORDER BY accepted_at, ticket_id LIMIT ${exportBatch}`,
        after ? [...rangeParams(range), after.accepted_at, after.ticket_id] : rangeParams(range),
      );
    let next: Promise<{ rows: (R & Keyset)[] }> | undefined = page();
    try {
      while (next) {
        const rows: (R & Keyset)[] = (await next).rows;
        // The next page is read while this one is opened and written: the database and the
        // export's own work overlap instead of taking turns.
        next = rows.length === exportBatch ? page(rows[rows.length - 1]) : undefined;
        for (const r of rows) yield toItem(r);
      }
    } finally {
      // A client that left mid-export: the page read ahead is not waited for, but its failure is not left unhandled.
      next?.catch(() => undefined);
    }
  }

  return {
    async summary(input) {
      await ready();
      const { timeZone: zone, now } = input;
      const days = daysOf(input);
      // A few days not kept yet (yesterday, a day a write made forget) are kept now where they
      // will not change any more. Many (an archive just imported) are left to the upkeep in the
      // background (reportDaysUpkeep.ts) and computed here meanwhile. Then the figures are read
      // in one snapshot, so a day forgotten meanwhile is neither lost nor counted twice.
      const before = await keptDays(db, zone, input.from, input.to, now);
      const missing = days.filter((d) => !before.all.has(d));
      if (missing.length <= KEEP_AT_MOST) await keepDays(db, zone, missing);
      const { groups, tenths, causes } = await db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const kept = (await keptDays(tx, zone, input.from, input.to, now)).valid;
        const stored = await readKept(tx, zone, [...kept]);
        const live = await computeDays(
          tx,
          zone,
          days.filter((d) => !kept.has(d)),
          now,
        );
        return {
          groups: [...stored.groups, ...live.groups],
          tenths: [...stored.tenths, ...live.tenths],
          causes: [...stored.causes, ...live.causes],
        };
      });
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
      for (const g of groups) {
        const point = points.get(unit === 'day' ? g.day_key : weekKey(g.day_key));
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
      const histogram = (metric: TenthsRow['metric']) => {
        const counts = new Map<number, number>();
        for (const r of tenths) if (r.metric === metric) counts.set(r.tenths, (counts.get(r.tenths) ?? 0) + r.n);
        return counts;
      };
      const response = histogram('response');
      const resolution = histogram('resolution');
      report.firstResponse = {
        avgMinutes: round(t.responded ? t.response_sum / t.responded : null, 1),
        p50Minutes: percentileOfTenths(response, t.responded, 0.5),
        p90Minutes: percentileOfTenths(response, t.responded, 0.9),
        count: t.responded,
        distribution: RESPONSE_BUCKETS.map((b, i) => ({ label: b.label, count: t.buckets[i] })),
      };
      report.resolution = {
        avgHours: round(t.resolved ? t.resolution_sum / t.resolved : null, 1),
        p50Hours: percentileOfTenths(resolution, t.resolved, 0.5),
        count: t.resolved,
      };
      report.rates = {
        onTime: rate(t.on_time, t.due_or_responded, TARGETS.onTime),
        resolution: rate(t.resolved, t.n, TARGETS.resolution),
        satisfaction: { ...rate(t.satisfied, t.answered, TARGETS.satisfaction), answered: t.answered },
      };
      const causeCounts = new Map<string, number>();
      for (const c of causes) causeCounts.set(c.cause, (causeCounts.get(c.cause) ?? 0) + c.n);
      report.topCauses = [...causeCounts.entries()]
        .map(([cause, count]) => ({ cause, count }))
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
      yield* inExportOrder(range, 'doc', (r: { doc: string }) => cipher.open<Case>(r.doc));
    },

    async *exportRows(range) {
      type Row = {
        ticket_id: string;
        status: string;
        channel: string;
        category: string | null;
        export_doc: string | null;
        doc: string | null;
      };
      yield* inExportOrder(
        range,
        'status, channel, category, export_doc, CASE WHEN export_doc IS NULL THEN doc END AS doc',
        (r: Row & { accepted_at: Date }): CsvCase =>
          // A case archived before export_doc was kept (migration 005) is opened whole.
          r.export_doc === null
            ? csvCaseOf(cipher.open<Case>(r.doc!))
            : {
                ticketId: r.ticket_id,
                ...(r.category !== null ? { category: r.category } : {}),
                channel: r.channel,
                status: r.status,
                acceptedAt: new Date(r.accepted_at).getTime(),
                details: cipher.open<CsvDetails>(r.export_doc),
              },
      );
    },
  };
}
