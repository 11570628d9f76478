import type { Case } from '../domain/case';
import { dayKey } from '../domain/calendar';
import { csvCaseOf, type CsvCase } from './csvCase';
import { summarize, type ReportSummary, type SummaryInput } from './summary';

/**
 * Where reports come from. Over a store that keeps every case at hand (memory, Redis) the report
 * reads them all and computes; over the archive (PostgreSQL) the same figures are SQL
 * aggregates and the export streams rows (src/archive/archiveReports.ts). A contract test holds
 * both to the same answers.
 */
export interface ReportRange {
  /** First day, YYYY-MM-DD in timeZone, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  timeZone: string;
}

export interface ReportSource {
  summary(input: Omit<SummaryInput, 'cases'>): Promise<ReportSummary>;
  /** How many cases were accepted on the range's days. */
  count(range: ReportRange): Promise<number>;
  /** Those cases, oldest first (then by ticket number), read a batch at a time where possible. */
  cases(range: ReportRange): AsyncIterable<Case>;
  /** The same cases as the export's rows show them (src/reports/csvCase.ts), in the same order. */
  exportRows(range: ReportRange): AsyncIterable<CsvCase>;
}

/** Sorting of the export: accepted time, then ticket number. */
export function oldestFirst(a: Case, b: Case): number {
  return a.acceptedAt.localeCompare(b.acceptedAt) || a.ticketId.localeCompare(b.ticketId);
}

/** Reports over every case, read at once (the stores without an archive). */
export function scanReportSource(all: () => Promise<Case[]>): ReportSource {
  const inRange = async ({ from, to, timeZone }: ReportRange) =>
    (await all()).filter((c) => {
      const d = dayKey(c.acceptedAt, timeZone);
      return d !== undefined && d >= from && d <= to;
    });
  return {
    async summary(input) {
      return summarize({ ...input, cases: await inRange(input) });
    },
    async count(range) {
      return (await inRange(range)).length;
    },
    async *cases(range) {
      yield* (await inRange(range)).sort(oldestFirst);
    },
    async *exportRows(range) {
      for (const c of (await inRange(range)).sort(oldestFirst)) yield csvCaseOf(c);
    },
  };
}
