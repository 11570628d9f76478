import { CaseArchive } from '../../src/archive/caseArchive';
import { pgliteClient } from '../../src/archive/pgliteClient';
import { pgClient, type SqlClient } from '../../src/archive/sqlClient';
import { CATEGORY_IDS } from '../../src/domain/category';
import type { Case } from '../../src/domain/case';
import { scanReportSource, type ReportSource } from '../../src/reports/reportSource';
import { dropSchemas, postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres';
import { TEST_STORE_PROTECTION } from '../helpers/redis';
import { makeCase } from '../handoff/caseFactory';

/**
 * The report contract: the summary computed over every case (memory, Redis) and the SQL
 * aggregates over the archive (PostgreSQL, and the embedded PGlite) give the same figures for
 * the same cases, for ranges by day and by week, at several report times; the export lists the
 * same cases in the same order, across its batches.
 */
jest.setTimeout(120_000);

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

/** A small deterministic generator, so a failure names a population that can be made again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const SATISFACTIONS: unknown[] = [5, 4, 3, 1, '满意', '不满意', '一般', { score: 5 }, { score: 2 }, '非常满意'];
const CAUSES = [
  '计费错误',
  '  计费  错误 ',
  '网络覆盖',
  '网络覆盖',
  '员工态度',
  '流程繁琐',
  '系统故障',
  '系统故障',
  '宣传误导',
  '资费不清',
  '设备质量',
  '维修超时',
  '未告知',
];

function population(n: number, seed: number): Case[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const start = Date.parse('2026-09-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    // Spread over about 100 days, with some just around Beijing midnight (16:00 UTC).
    const at =
      i % 7 === 0
        ? start + Math.floor(r() * 100) * 24 * HOUR + 16 * HOUR - Math.floor(r() * 2) * 60_000
        : start + Math.floor(r() * 100 * 24 * HOUR);
    const iso = (ms: number) => new Date(ms).toISOString();
    const responded = r() < 0.8 ? at + Math.floor(r() * 30 * HOUR) : undefined;
    const resolved = responded !== undefined && r() < 0.7 ? responded + Math.floor(r() * 72 * HOUR) : undefined;
    const status: Case['status'] =
      resolved !== undefined ? (r() < 0.9 ? 'resolved' : 'active') : responded !== undefined ? 'active' : pick(['queued', 'open'] as const);
    const c = makeCase({
      ticketId: `TS-REPORT-${seed}-${String(i).padStart(5, '0')}`,
      acceptedAt: iso(at),
      responseDueAt: r() < 0.05 ? 'not a time' : iso(at + pick([2, 24, 48]) * HOUR),
      channel: pick(['web', 'wechat', 'web'] as const),
      status,
      ...(responded !== undefined && r() < 0.7 ? { claimedAt: iso(responded), owner: pick(['agent07', 'agent08']) } : {}),
      ...(resolved !== undefined
        ? { resolution: { cause: pick(CAUSES), solution: '已处理', resolvedAt: iso(resolved), resolvedBy: 'agent07' } }
        : {}),
    });
    if (responded !== undefined && !c.claimedAt) c.transcript.push({ from: 'agent', text: '您好', at: iso(responded), by: 'agent07' });
    const category = pick([...CATEGORY_IDS, null]);
    if (category === null) delete c.category;
    else c.category = category;
    if (r() < 0.5) (c as unknown as Record<string, unknown>).satisfaction = pick(SATISFACTIONS);
    return c;
  });
}

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
