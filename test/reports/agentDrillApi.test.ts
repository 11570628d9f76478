import { MemoryStore } from '../../src/store/memoryStore';
import { addDays, dayKey } from '../../src/domain/calendar';
import { agentReportSchema } from '../../src/reports/agentFigures';
import { drillPageSchema } from '../../src/reports/caseDrill';
import { reportSummarySchema } from '../../src/reports/summarySchema';
import { AGENT, SUPERVISOR, startStaffApp, tokenFor, type RunningApp } from '../api/authHelpers';
import { makeCase } from '../handoff/caseFactory';

const TZ = 'Asia/Shanghai';

/** GET /api/reports/agents and /api/reports/cases: supervisors only, validated, paged. */
describe('per-agent figures and drill-down API', () => {
  let running: RunningApp;
  let agentToken: string;
  let bossToken: string;
  const store = new MemoryStore();
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const today = dayKey(now, TZ)!;

  beforeAll(async () => {
    // Five cases for li (07), accepted 5…1 hours ago: the oldest two answered late, the rest on time.
    for (let i = 5; i >= 1; i -= 1) {
      const at = now - i * 3600_000;
      await store.saveCase(
        makeCase({
          ticketId: `TS-DRILL-000${i}`,
          acceptedAt: iso(at),
          responseDueAt: iso(at + 30 * 60_000),
          status: 'active',
          owner: 'li',
          ownerAgentNo: '07',
          claimedAt: iso(at + (i >= 4 ? 40 : 10) * 60_000),
          assignments: [{ username: 'li', agentNo: '07', at: iso(at + (i >= 4 ? 40 : 10) * 60_000) }],
          transcript: [{ from: 'agent', text: '您好', at: iso(at + (i >= 4 ? 45 : 12) * 60_000), by: 'li' }],
          slots: { phone: '13812345678' },
        }),
      );
    }
    // One waiting in the queue without a category.
    const queuedCase = makeCase({ ticketId: 'TS-DRILL-Q', acceptedAt: iso(now - 600_000), channel: 'wechat', status: 'queued' });
    delete queuedCase.category;
    await store.saveCase(queuedCase);
    running = await startStaffApp({ store });
    agentToken = await tokenFor(running.base, AGENT);
    bossToken = await tokenFor(running.base, SUPERVISOR);
  });

  afterAll(async () => {
    await running?.stop();
    await store.close();
  });

  const get = async (path: string, token?: string) => {
    const res = await fetch(`${running.base}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('is for supervisors only: no token 401, an agent 403', async () => {
    for (const path of ['/api/reports/agents', '/api/reports/cases']) {
      expect((await get(path)).status).toBe(401);
      const refused = await get(path, agentToken);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('Forbidden');
      expect((await get(path, bossToken)).status).toBe(200);
    }
  });

  it('gives the per-agent figures of the range', async () => {
    const { body } = await get('/api/reports/agents', bossToken);
    expect(body.to).toBe(today);
    expect(body.agents).toHaveLength(1);
    const li = body.agents[0];
    expect(li).toMatchObject({ username: 'li', agentNo: '07', cases: 5, quickReplies: 0 });
    // Assignment → first message: 5, 5, 2, 2, 2 minutes.
    expect(li.firstResponse).toEqual({ p50Minutes: 2, p90Minutes: 5, count: 5 });
    expect(li.onTime).toMatchObject({ value: 0.6, numerator: 3, denominator: 5, met: false });
  });

  it('lists the cases behind a figure, with the phone masked', async () => {
    const late = await get('/api/reports/cases?agent=li&onTime=false', bossToken);
    expect(late.status).toBe(200);
    expect(late.body.total).toBe(2);
    expect(late.body.cases.map((c: any) => c.ticketId)).toEqual(['TS-DRILL-0004', 'TS-DRILL-0005']); // newest first
    expect(late.body.cases[0]).toMatchObject({
      category: 'billing_dispute',
      status: 'active',
      owner: { username: 'li', agentNo: '07' },
      onTime: false,
      phone: '138****5678',
    });
    expect(JSON.stringify(late.body)).not.toContain('13812345678');

    const uncategorized = await get('/api/reports/cases?category=uncategorized&channel=wechat&status=queued', bossToken);
    expect(uncategorized.body.cases.map((c: any) => [c.ticketId, c.owner, c.onTime])).toEqual([['TS-DRILL-Q', null, null]]);
    expect((await get(`/api/reports/cases?from=${addDays(today, -60)}&to=${addDays(today, -40)}`, bossToken)).body).toEqual({
      total: 0,
      cases: [],
      next: null,
    });
    // The histogram's first bar (within 15 minutes, from acceptance): the three answered at 10.
    expect((await get('/api/reports/cases?responseBucket=0', bossToken)).body.total).toBe(3);
  });

  it('pages with limit and cursor, every case once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body }: { status: number; body: any } = await get(
        `/api/reports/cases?agent=li&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        bossToken,
      );
      expect(status).toBe(200);
      expect(body.total).toBe(5);
      expect(body.cases.length).toBeLessThanOrEqual(2);
      seen.push(...body.cases.map((c: any) => c.ticketId));
      cursor = body.next;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['TS-DRILL-0001', 'TS-DRILL-0002', 'TS-DRILL-0003', 'TS-DRILL-0004', 'TS-DRILL-0005']);
  });

  it.each([
    ['category=billing', 'category'],
    ['channel=phone', 'channel'],
    ['status=closed', 'status'],
    ['onTime=maybe', 'onTime'],
    ['responseBucket=9', 'responseBucket'],
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['agent=%20', 'agent'],
    ['cursor=not-ours', 'cursor'],
    ['from=2026-11-10&to=2026-11-01', 'before from'],
    ['from=2026-02-30', 'from'],
  ])('answers 400 with the reason for %s', async (query, reason) => {
    const { status, body } = await get(`/api/reports/cases?${query}`, bossToken);
    expect(status).toBe(400);
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.message).toContain(reason);
  });

  it('answers 400 for a bad range on the per-agent figures too', async () => {
    const { status, body } = await get('/api/reports/agents?from=2026-11-10&to=2026-11-01', bossToken);
    expect(status).toBe(400);
    expect(body.error.message).toContain('before from');
  });

  it('answers exactly the shapes its zod schemas (and so the OpenAPI document) describe', async () => {
    const agents = (await get('/api/reports/agents', bossToken)).body;
    const page = (await get('/api/reports/cases?limit=2', bossToken)).body;
    const summary = (await get('/api/reports/summary', bossToken)).body;
    expect(agentReportSchema.safeParse(agents).error).toBeUndefined();
    expect(drillPageSchema.safeParse(page).error).toBeUndefined();
    expect(reportSummarySchema.safeParse(summary).error).toBeUndefined();
    // Nothing beyond the schema either (strict: no field the document does not name).
    expect(reportSummarySchema.strict().safeParse(summary).error).toBeUndefined();
    expect(drillPageSchema.strict().safeParse(page).error).toBeUndefined();
  });

  it('describes both routes in /api/openapi.json', async () => {
    const doc = (await get('/api/openapi.json', bossToken)).body;
    expect(doc.paths['/api/reports/agents'].get.operationId).toBe('reportAgents');
    expect(doc.paths['/api/reports/cases'].get.operationId).toBe('reportCases');
  });
});
