import { dayKey } from '../../src/domain/calendar';
import { scanReportSource } from '../../src/reports/reportSource';
import type { Case } from '../../src/domain/case';
import { AGENT, SUPERVISOR, startStaffApp, tokenFor, type RunningApp } from '../api/authHelpers';
import { makeCase } from '../handoff/caseFactory';
import { dropSchemas, postgresAvailable, schemaDatabaseUrl } from '../helpers/postgres';

/**
 * The report routes over the PostgreSQL archive: the summary is the archive's SQL and agrees
 * with the report computed over the same cases; the export streams (chunked, no length known in
 * advance), oldest first, masked, and its audited reveal counts the rows.
 */
const TZ = 'Asia/Shanghai';
const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

describe('report API over the archive', () => {
  let running: RunningApp | undefined;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const cases: Case[] = Array.from({ length: 450 }, (_, i) =>
    makeCase({
      ticketId: `TS-ARCH-${String(i).padStart(4, '0')}`,
      acceptedAt: iso(now - (i + 1) * 3_600_000),
      responseDueAt: iso(now - (i + 1) * 3_600_000 + 2 * 3_600_000),
      channel: i % 3 === 0 ? 'wechat' : 'web',
      category: (['billing_dispute', 'product_quality', 'after_sales'] as const)[i % 3],
      status: i % 2 === 0 ? 'resolved' : 'queued',
      slots: { phone: `1381234${String(i).padStart(4, '0')}` },
      ...(i % 2 === 0
        ? {
            claimedAt: iso(now - (i + 1) * 3_600_000 + (i % 90) * 60_000),
            resolution: { cause: `原因${i % 4}`, solution: '已处理', resolvedAt: iso(now - i * 3_600_000), resolvedBy: 'zhangwei' },
          }
        : {}),
    }),
  );

  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    const { url, schema } = await schemaDatabaseUrl('reportapi');
    schemas.push(schema);
    running = await startStaffApp({ env: { DATABASE_URL: url } });
    for (const c of cases) await running.app.store.saveCase(c);
  });
  afterAll(() => running?.stop());

  const get = async (path: string, who: typeof AGENT) =>
    fetch(`${running!.base}${path}`, { headers: { Authorization: `Bearer ${await tokenFor(running!.base, who)}` } });

  it('answers the summary from SQL with the figures of the report over the same cases', async () => {
    if (!running) return console.warn('PostgreSQL unavailable: skipped');
    const to = dayKey(now, TZ)!;
    const res = await get(`/api/reports/summary?to=${to}`, AGENT);
    expect(res.status).toBe(200);
    const got = await res.json();
    const expected = await scanReportSource(async () => cases).summary({
      from: got.from,
      to,
      now: new Date(got.generatedAt),
      timeZone: TZ,
      compliments: [],
    });
    expect(got.counts.total).toBeGreaterThan(400);
    expect({ ...got, generatedAt: undefined }).toEqual({ ...JSON.parse(JSON.stringify(expected)), generatedAt: undefined });
  });

  it('streams the export oldest first, masked, and audits a reveal with its row count', async () => {
    if (!running) return console.warn('PostgreSQL unavailable: skipped');
    const to = dayKey(now, TZ)!;
    const res = await get(`/api/reports/cases.csv?to=${to}`, SUPERVISOR);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const lines = Buffer.from(await res.arrayBuffer())
      .toString('utf8')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0].startsWith('\uFEFF工单号,')).toBe(true);
    const tickets = lines.slice(1).map((l) => l.split(',')[0]);
    expect(tickets).toEqual(cases.map((c) => c.ticketId).reverse());
    expect(lines[1]).toContain('138****');
    expect(lines.join('\n')).not.toContain('13812340001');

    const revealed = await get(`/api/reports/cases.csv?to=${to}&reveal=1`, SUPERVISOR);
    expect(await revealed.text()).toContain('13812340001');
    const audit = await get('/api/audit?action=reveal', SUPERVISOR);
    const entries = JSON.stringify(await audit.json());
    expect(entries).toContain('"rows":450');
  });
});
