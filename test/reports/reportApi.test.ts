import { MemoryStore } from '../../src/store/memoryStore';
import { dayKey, addDays } from '../../src/domain/calendar';
import { csvCell } from '../../src/reports/casesCsv';
import { AGENT, SUPERVISOR, startStaffApp, tokenFor, type RunningApp } from '../api/authHelpers';
import { makeCase } from '../handoff/caseFactory';

const TZ = 'Asia/Shanghai';

/** RFC 4180, enough to read our own export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('report API (/api/reports)', () => {
  let running: RunningApp;
  let base: string;
  let agentToken: string;
  let bossToken: string;
  const store = new MemoryStore();
  const now = Date.now();
  const today = dayKey(now, TZ)!;
  const iso = (ms: number) => new Date(ms).toISOString();

  const acceptedAt = iso(now - 3 * 3600_000);

  beforeAll(async () => {
    // Answered in 10 minutes, resolved; with a customer phone and ID, and causes that try to be formulas.
    await store.saveCase(
      makeCase({
        ticketId: 'TS-REPORT-0001',
        acceptedAt,
        responseDueAt: iso(now - 2 * 3600_000),
        status: 'resolved',
        claimedAt: iso(now - 3 * 3600_000 + 10 * 60_000),
        slots: { phone: '13812345678', idNumber: '110101199001011234' },
        satisfaction: { score: 5, words: '很满意', at: iso(now - 1800_000) },
        resolution: {
          cause: '=HYPERLINK("http://evil.example","点我")',
          solution: '已退还 30 元, 客户 13812345678 确认\n下月账单核对',
          compensation: '+10元话费',
          resolvedAt: iso(now - 3600_000),
          resolvedBy: 'zhangwei',
        },
      }),
    );
    // Never answered, already overdue.
    await store.saveCase(
      makeCase({
        ticketId: 'TS-REPORT-0002',
        category: 'product_quality',
        channel: 'wechat',
        acceptedAt,
        responseDueAt: iso(now - 3600_000),
      }),
    );
    // Forty days ago: outside the default range.
    await store.saveCase(
      makeCase({ ticketId: 'TS-REPORT-OLD', acceptedAt: iso(now - 40 * 86_400_000), responseDueAt: iso(now - 40 * 86_400_000 + 3600_000) }),
    );
    running = await startStaffApp({ store });
    base = running.base;
    agentToken = await tokenFor(base, AGENT);
    bossToken = await tokenFor(base, SUPERVISOR);
  });

  afterAll(async () => {
    await running?.stop();
    await store.close();
  });

  const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  it('needs a staff token', async () => {
    expect((await get('/api/reports/summary')).status).toBe(401);
    expect((await get('/api/reports/cases.csv')).status).toBe(401);
    expect((await get('/api/reports/summary', 'not-a-token')).status).toBe(401);
  });

  it('summarises the last 30 days by default, with the rates against their targets', async () => {
    const res = await get('/api/reports/summary', bossToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const s = (await res.json()) as any;
    expect(s.to).toBe(today);
    expect(s.from).toBe(addDays(today, -29));
    expect(s.counts.total).toBe(2);
    expect(s.counts.byCategory.billing_dispute).toBe(1);
    expect(s.counts.byCategory.product_quality).toBe(1);
    expect(s.counts.byChannel).toEqual({ web: 1, wechat: 1 });
    expect(s.trend.unit).toBe('day');
    expect(s.trend.points).toHaveLength(30);
    // Three hours ago may be yesterday in Beijing (just after midnight there).
    expect(s.trend.points.find((p: any) => p.period === dayKey(acceptedAt, TZ))).toMatchObject({ count: 2 });
    expect(s.firstResponse).toMatchObject({ count: 1, avgMinutes: 10 });
    expect(s.rates.onTime).toEqual({ value: 0.5, target: 0.98, met: false, numerator: 1, denominator: 2 });
    expect(s.rates.resolution).toMatchObject({ value: 0.5, target: 0.99, met: false });
    expect(s.rates.satisfaction).toMatchObject({ value: 1, target: 0.95, met: true, answered: 1 });
    expect(s.topCauses).toEqual([{ cause: '=HYPERLINK("http://evil.example","点我")', count: 1 }]);
  });

  it('lets agents read the summary too (aggregates only)', async () => {
    expect((await get('/api/reports/summary', agentToken)).status).toBe(200);
  });

  it('takes an explicit range and answers 400 for a backwards, malformed or too long one', async () => {
    const old = (await (await get(`/api/reports/summary?from=${addDays(today, -60)}&to=${addDays(today, -35)}`, bossToken)).json()) as any;
    expect(old.counts.total).toBe(1);
    const long = (await (await get(`/api/reports/summary?from=${addDays(today, -89)}&to=${today}`, bossToken)).json()) as any;
    expect(long.trend.unit).toBe('week');
    for (const q of [
      'from=2026-11-10&to=2026-11-01',
      'from=2026-02-30',
      'to=yesterday',
      'from=2026-1-1',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      const res = await get(`/api/reports/summary?${q}`, bossToken);
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toBe('BadRequest');
    }
    expect((await get('/api/reports/cases.csv?from=2026-11-10&to=2026-11-01', bossToken)).status).toBe(400);
  });

  async function csv(query: string, token: string): Promise<{ status: number; bytes: Buffer; rows: string[][]; headers: Headers }> {
    const res = await get(`/api/reports/cases.csv${query}`, token);
    const bytes = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      bytes,
      headers: res.headers,
      rows: res.status === 200 ? parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')) : [],
    };
  }

  it('exports CSV in UTF-8 with a BOM, Chinese headers, CRLF, escaped cells and defused formulas', async () => {
    const { status, bytes, rows, headers } = await csv('', bossToken);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="cases_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    expect(rows[0]).toEqual([
      '工单号',
      '类别',
      '渠道',
      '状态',
      '受理时间',
      '回复时限',
      '首次响应',
      '办结时间',
      '原因',
      '解决方案',
      '补偿',
      '满意度',
      '客户',
    ]);
    expect(rows).toHaveLength(3); // header + two cases in the last 30 days
    const row = rows.find((r) => r[0] === 'TS-REPORT-0001')!;
    expect(row[1]).toBe('收费争议');
    expect(row[2]).toBe('网页');
    expect(row[3]).toBe('已办结');
    expect(row[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(row[8]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(row[9]).toBe('已退还 30 元, 客户 138****5678 确认\n下月账单核对');
    expect(row[10]).toBe("'+10元话费");
    expect(row[11]).toBe('满意（5分）');
    expect(row[12]).toBe('手机 138****5678 / 证件 110101********1234');
    expect(bytes.toString('utf8')).not.toContain('13812345678');
    expect(bytes.toString('utf8')).not.toContain('110101199001011234');
    const other = rows.find((r) => r[0] === 'TS-REPORT-0002')!;
    expect([other[1], other[2], other[3], other[6], other[12]]).toEqual(['产品质量', '微信', '待接单', '', '']);
  });

  it('masks unless the supervisor asks reveal=1, which is audited; agents may not export at all', async () => {
    const masked = await csv('', bossToken);
    expect(masked.bytes.toString('utf8')).not.toContain('13812345678');

    // A row per case: an agent may see only its own cases and the queue, so no export, masked or not.
    for (const query of ['', '?reveal=1']) {
      const refused = await get(`/api/reports/cases.csv${query}`, agentToken);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).error.code).toBe('Forbidden');
    }

    const full = await csv('?reveal=1', bossToken);
    expect(full.status).toBe(200);
    const row = full.rows.find((r) => r[0] === 'TS-REPORT-0001')!;
    expect(row[12]).toBe('手机 13812345678 / 证件 110101199001011234');
    expect(row[9]).toContain('客户 13812345678 确认');

    const audit = await running.app.staff.auditLog.read({ limit: 1000 });
    const reveals = audit.entries.filter((e) => e.action === 'reveal' && (e.detail as any)?.export === 'cases.csv');
    expect(reveals).toHaveLength(1);
    expect(reveals[0]).toMatchObject({
      actor: SUPERVISOR.username,
      detail: { export: 'cases.csv', from: addDays(today, -29), to: today, rows: 2 },
    });
  });

  it('describes both routes in /api/openapi.json', async () => {
    const doc = (await (await get('/api/openapi.json', bossToken)).json()) as any;
    expect(doc.paths['/api/reports/summary'].get.operationId).toBe('reportSummary');
    expect(doc.paths['/api/reports/cases.csv'].get.operationId).toBe('exportCasesCsv');
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['=a,"b"', `"'=a,""b"""`],
    [' padded ', '" padded "'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});
