import { CaseArchive } from '../../src/archive/caseArchive';
import { pgliteClient } from '../../src/archive/pgliteClient';
import { pgClient, type SqlClient } from '../../src/archive/sqlClient';
import { casesCsvChunks } from '../../src/reports/casesCsv';
import { scanReportSource, type ReportSource } from '../../src/reports/reportSource';
import { dropSchemas, postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres';
import { TEST_STORE_PROTECTION } from '../helpers/redis';
import { population } from './reportPopulation';

/**
 * The report contract: the summary computed over every case (memory, Redis) and the SQL
 * aggregates over the archive (PostgreSQL, and the embedded PGlite) give the same figures for
 * the same cases, for ranges by day and by week, at several report times; the export lists the
 * same cases in the same order, across its batches.
 */
jest.setTimeout(120_000);

const TZ = 'Asia/Shanghai';
const CASES = population(600, 20261204);
const RANGES = [
  { from: '2026-09-01', to: '2026-09-30' }, // by day
  { from: '2026-09-15', to: '2026-12-10' }, // by week, past the last case
  { from: '2026-10-01', to: '2026-10-01' }, // one day
  { from: '2027-01-01', to: '2027-01-31' }, // nothing in it
];
const NOWS = [new Date('2026-10-15T04:00:00Z'), new Date('2026-12-31T00:00:00Z')];

const schemas: string[] = [];
const clients: SqlClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await dropSchemas(schemas);
});

async function archived(db: SqlClient): Promise<ReportSource> {
  clients.push(db);
  const archive = new CaseArchive(db, TEST_STORE_PROTECTION);
  for (const c of CASES) await archive.saveCase(c);
  // A fifth of the cases as an archive from before migration 005 holds them: no export part,
  // so the export opens the whole case for those.
  await db.query(`UPDATE cases SET export_doc = NULL WHERE right(ticket_id, 1) IN ('0', '5')`);
  return archive.reports(64); // small batches: the export's paging is part of what is compared
}

const scan = scanReportSource(async () => CASES);

describe.each([
  [
    'PostgreSQL',
    async () =>
      (await postgresAvailable())
        ? archived(
            pgClient({ url: TEST_DATABASE_URL, schema: (schemas.push(uniqueSchema('reports')), schemas[schemas.length - 1]), max: 4 }),
          )
        : undefined,
  ],
  ['the embedded PostgreSQL (PGlite)', async () => archived(pgliteClient())],
])('reports over the archive on %s', (_name, open) => {
  let source: ReportSource | undefined;
  beforeAll(async () => {
    source = await open();
  });

  it.each(RANGES.flatMap((range) => NOWS.map((now) => ({ ...range, now }))))(
    'summarise $from…$to at $now as the scan does',
    async ({ from, to, now }) => {
      if (!source) return console.warn('PostgreSQL unavailable: skipped');
      const input = { from, to, now, timeZone: TZ, compliments: [] };
      const expected = await scan.summary(input);
      // Not a vacuous comparison: the wide ranges hold many cases with every kind of figure.
      if (from === '2026-09-15') {
        expect(expected.counts.total).toBeGreaterThan(300);
        expect(expected.firstResponse.count).toBeGreaterThan(100);
        expect(expected.rates.satisfaction.answered).toBeGreaterThan(50);
        expect(expected.topCauses.length).toBe(10);
      }
      expect(await source.summary(input)).toEqual(expected);
    },
  );

  it.each([false, true])('writes the same CSV as the scan (full numbers: %s)', async (reveal) => {
    if (!source) return console.warn('PostgreSQL unavailable: skipped');
    const range = { from: '2026-09-01', to: '2026-12-31', timeZone: TZ };
    const options = { timeZone: TZ, reveal, now: NOWS[0] };
    const csv = async (s: ReportSource) => {
      let text = '';
      for await (const chunk of casesCsvChunks(s.exportRows(range), options)) text += chunk;
      return text;
    };
    const expected = await csv(scan);
    expect(expected.split('\r\n').length).toBe(CASES.length + 2);
    expect(expected).toContain('满意（');
    expect(expected).toContain(reveal ? '手机 13810000000' : '手机 138****0000');
    expect(expected).toMatch(reveal ? /已回电 1391234\d{4}/ : /已回电 139\*{4}\d{4}/);
    expect(await csv(source)).toBe(expected);
  });

  it('counts and exports the same cases in the same order, across batches', async () => {
    if (!source) return console.warn('PostgreSQL unavailable: skipped');
    const range = { from: '2026-09-01', to: '2026-12-31', timeZone: TZ };
    const expected: string[] = [];
    for await (const c of scan.cases(range)) expected.push(c.ticketId);
    const got: string[] = [];
    for await (const c of source.cases(range)) got.push(c.ticketId);
    expect(got.length).toBe(CASES.length);
    expect(got).toEqual(expected);
    expect(await source.count(range)).toBe(CASES.length);
    expect(await source.count({ from: '2026-10-01', to: '2026-10-01', timeZone: TZ })).toBe(
      await scan.count({ from: '2026-10-01', to: '2026-10-01', timeZone: TZ }),
    );
  });
});
