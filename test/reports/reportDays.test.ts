import { Client } from 'pg';
import { CaseArchive } from '../../src/archive/caseArchive';
import { pgliteClient } from '../../src/archive/pgliteClient';
import { KEPT_HORIZON_DAYS, ReportDaysUpkeep } from '../../src/archive/reportDaysUpkeep';
import { pgClient, type SqlClient } from '../../src/archive/sqlClient';
import type { Case } from '../../src/domain/case';
import { scanReportSource, type ReportSource } from '../../src/reports/reportSource';
import { dropSchemas, postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres';
import { TEST_STORE_PROTECTION } from '../helpers/redis';
import { makeCase } from '../handoff/caseFactory';
import { population } from './reportPopulation';

/**
 * The archive keeps a report's figures for days that no longer change (migration 004,
 * src/archive/reportDays.ts). Held here: a report over kept days says what the scan of every
 * case says; it really reads what was kept; a write to, or the removal of, one of a day's cases
 * makes the day be computed again; a day that ended under two hours ago is not kept, and a kept
 * day is read only by reports from the time its figures stop moving; and only writes to past days
 * wait for days being kept (the lock the trigger shares).
 */
jest.setTimeout(120_000);

const TZ = 'Asia/Shanghai';
const SEPTEMBER = { from: '2026-09-01', to: '2026-09-30', timeZone: TZ };
const NOW = new Date('2026-12-31T00:00:00Z');

const schemas: string[] = [];
const clients: SqlClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await dropSchemas(schemas);
});

interface Archive {
  db: SqlClient;
  archive: CaseArchive;
  reports: ReportSource;
  cases: Map<string, Case>;
}

async function archiveOf(db: SqlClient, seed: number): Promise<Archive> {
  clients.push(db);
  const archive = new CaseArchive(db, TEST_STORE_PROTECTION);
  const cases = new Map<string, Case>();
  for (const c of population(300, seed)) {
    await archive.saveCase(c);
    cases.set(c.id, c);
  }
  return { db, archive, reports: archive.reports(), cases };
}

function postgresSchema(): string {
  schemas.push(uniqueSchema('reportdays'));
  return schemas[schemas.length - 1];
}

async function keptCount(db: SqlClient, from: string, to: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_days WHERE zone = $1 AND day BETWEEN $2 AND $3`, [
    TZ,
    from,
    to,
  ]);
  return rows[0].n;
}

const quiet = { child: () => quiet, info: () => undefined, warn: () => undefined };

/** Keeps every settled day, as the upkeep does in the background. */
async function keepAll(a: Archive): Promise<void> {
  await new ReportDaysUpkeep({ db: a.db, ready: () => a.archive.open(), timeZone: TZ, logger: quiet as never }).keepSettled();
}

const scanOf = (a: Archive) => scanReportSource(async () => [...a.cases.values()]);

describe.each([
  [
    'PostgreSQL',
    async (seed: number) =>
      (await postgresAvailable()) ? archiveOf(pgClient({ url: TEST_DATABASE_URL, schema: postgresSchema() }), seed) : undefined,
  ],
  ['PGlite', async (seed: number) => archiveOf(pgliteClient(), seed)],
])('kept report days on %s', (_name, open) => {
  it('keeps the days a report covers, reads them back, and agrees with the scan', async () => {
    const a = await open(1);
    if (!a) return console.warn('PostgreSQL unavailable: skipped');
    const input = { ...SEPTEMBER, now: NOW, compliments: [] };
    const expected = await scanOf(a).summary(input);
    expect(expected.counts.total).toBeGreaterThan(50);
    // A month not kept yet is computed, and left to the upkeep to keep.
    expect(await a.reports.summary(input)).toEqual(expected);
    expect(await keptCount(a.db, SEPTEMBER.from, SEPTEMBER.to)).toBe(0);
    // A week is kept by the report itself.
    const week = { from: '2026-09-08', to: '2026-09-14', timeZone: TZ, now: NOW, compliments: [] };
    expect(await a.reports.summary(week)).toEqual(await scanOf(a).summary(week));
    expect(await keptCount(a.db, week.from, week.to)).toBe(7);
    await keepAll(a);
    expect(await keptCount(a.db, SEPTEMBER.from, SEPTEMBER.to)).toBe(30);
    // The second report reads the kept figures: a kept count altered by hand shows in it.
    expect(await a.reports.summary(input)).toEqual(expected);
    await a.db.query(`UPDATE report_day_groups SET n = n + 1000 WHERE zone = $1 AND day = '2026-09-10'`, [TZ]);
    expect((await a.reports.summary(input)).counts.total).toBeGreaterThan(expected.counts.total + 999);
  });

  it('computes a day again after one of its cases changes or goes', async () => {
    const a = await open(2);
    if (!a) return console.warn('PostgreSQL unavailable: skipped');
    const input = { ...SEPTEMBER, now: NOW, compliments: [] };
    await keepAll(a);
    const before = await a.reports.summary(input);
    expect(await keptCount(a.db, SEPTEMBER.from, SEPTEMBER.to)).toBe(30);
    const september = [...a.cases.values()].filter((c) => c.acceptedAt >= '2026-09-05' && c.acceptedAt < '2026-09-25');

    // Resolved afresh, with a new cause and an answered survey.
    const changed: Case = {
      ...september[0],
      status: 'resolved',
      resolution: { cause: '新的原因', solution: '已处理', resolvedAt: '2026-09-28T02:00:00.000Z', resolvedBy: 'agent07' },
      satisfaction: { score: 5, at: '2026-09-28T03:00:00.000Z' },
    } as Case;
    await a.archive.saveCase(changed);
    a.cases.set(changed.id, changed);
    expect(await keptCount(a.db, SEPTEMBER.from, SEPTEMBER.to)).toBeLessThan(30);
    const afterChange = await a.reports.summary(input);
    expect(afterChange).toEqual(await scanOf(a).summary(input));
    expect(afterChange.rates.satisfaction).not.toEqual(before.rates.satisfaction);

    // Removed (retention), and a case filed late onto an old day.
    await a.archive.deleteCase(september[1].id);
    a.cases.delete(september[1].id);
    const late = makeCase({ ticketId: 'TS-REPORT-LATE', acceptedAt: '2026-09-12T05:00:00.000Z', channel: 'wechat', status: 'open' });
    await a.archive.saveCase(late);
    a.cases.set(late.id, late);
    expect(await a.reports.summary(input)).toEqual(await scanOf(a).summary(input));
    expect(await keptCount(a.db, SEPTEMBER.from, SEPTEMBER.to)).toBe(30);
  });

  it('does not keep a day that ended under two hours ago, and reads a kept day only from the time it holds', async () => {
    const a = await open(3);
    if (!a) return console.warn('PostgreSQL unavailable: skipped');
    const now = new Date();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(now);
    const fresh = makeCase({ ticketId: 'TS-REPORT-TODAY', acceptedAt: new Date(now.getTime() - 60_000).toISOString(), status: 'open' });
    await a.archive.saveCase(fresh);
    await a.reports.summary({ from: today, to: today, timeZone: TZ, now, compliments: [] });
    expect(await keptCount(a.db, today, today)).toBe(0);

    // A September case still waiting for a deadline in January: its day is kept, but a report
    // of 31 December computes that day itself, as its figures still move then.
    const waiting = makeCase({
      ticketId: 'TS-REPORT-WAITING',
      acceptedAt: '2026-09-20T03:00:00.000Z',
      responseDueAt: '2027-01-05T00:00:00.000Z',
      status: 'queued',
    });
    await a.archive.saveCase(waiting);
    a.cases.set(waiting.id, waiting);
    const input = { ...SEPTEMBER, now: NOW, compliments: [] };
    const expected = await scanOf(a).summary(input);
    await keepAll(a);
    expect(await a.reports.summary(input)).toEqual(expected);
    expect(await keptCount(a.db, SEPTEMBER.from, SEPTEMBER.to)).toBe(30);
    await a.db.query(`UPDATE report_day_groups SET n = n + 1000 WHERE zone = $1 AND day = '2026-09-20'`, [TZ]);
    expect(await a.reports.summary(input)).toEqual(expected);
    // In February it no longer moves, and the kept figures are read.
    const february = { ...input, now: new Date('2027-02-01T00:00:00Z') };
    expect((await a.reports.summary(february)).counts.total).toBeGreaterThan(expected.counts.total + 999);
  });
});

describe('the upkeep of kept days (PGlite)', () => {
  it('keeps every settled day over the retention period in rounds, and nothing twice', async () => {
    const a = await archiveOf(pgliteClient(), 5);
    const upkeep = new ReportDaysUpkeep({ db: a.db, ready: () => a.archive.open(), timeZone: TZ, logger: quiet as never });
    const now = new Date();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(now);
    const kept = await upkeep.keepSettled();
    // Every day of the horizon up to the day before yesterday, whatever it holds; the cases'
    // deadlines of the last days may still lie ahead.
    expect(kept).toBeGreaterThan(KEPT_HORIZON_DAYS - 4);
    expect(kept).toBeLessThanOrEqual(KEPT_HORIZON_DAYS);
    expect(await keptCount(a.db, SEPTEMBER.from, SEPTEMBER.to)).toBe(30);
    expect(await keptCount(a.db, today, today)).toBe(0);
    expect(await upkeep.keepSettled()).toBe(0);
    // A report over September now reads only kept days, and says what the scan says.
    const input = { ...SEPTEMBER, now, compliments: [] };
    expect(await a.reports.summary(input)).toEqual(await scanOf(a).summary(input));
  });
});

describe('the lock between keeping days and writing cases (PostgreSQL)', () => {
  it("makes only a past day's write wait while days are being kept", async () => {
    if (!(await postgresAvailable())) return console.warn('PostgreSQL unavailable: skipped');
    const schema = postgresSchema();
    const a = await archiveOf(pgClient({ url: TEST_DATABASE_URL, schema }), 4);
    const holder = new Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(7331004)');
      // Today's case goes straight in.
      const started = Date.now();
      await a.archive.saveCase(makeCase({ ticketId: 'TS-LOCK-NOW', acceptedAt: new Date().toISOString(), status: 'open' }));
      expect(Date.now() - started).toBeLessThan(2000);
      // A case of a past day waits for the keeper to finish.
      let written = false;
      const past = a.archive
        .saveCase(makeCase({ ticketId: 'TS-LOCK-PAST', acceptedAt: '2026-09-03T03:00:00.000Z', status: 'open' }))
        .then(() => (written = true));
      await new Promise((r) => setTimeout(r, 500));
      expect(written).toBe(false);
      await holder.query('COMMIT');
      await past;
      expect(written).toBe(true);
    } finally {
      await holder.end();
    }
  });
});
