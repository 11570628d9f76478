import { makeCase } from '../handoff/caseFactory';
import { api, AGENT07, BOSS, logIn, startDesk, type Desk, type StaffSession } from './caseHelpers';

const AGENT08 = { username: 'agent08', password: 'pass-08-secret' };

/** The queue as staff read it, and the staff actions around a case, over HTTP with real logins. */
describe('case API: queue, transfer, reveal, masking', () => {
  let desk: Desk;
  let agent: StaffSession;
  let other: StaffSession;
  let boss: StaffSession;

  beforeAll(async () => {
    desk = await startDesk({
      env: { BOOTSTRAP_USERS: `agent07:agent:${AGENT07.password},boss:supervisor:${BOSS.password},agent08:agent:${AGENT08.password}` },
    });
    [agent, boss, other] = await Promise.all([logIn(desk.base, AGENT07), logIn(desk.base, BOSS), logIn(desk.base, AGENT08)]);
  });
  afterAll(async () => {
    await desk?.stop();
  });

  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

  it('lists the queue in priority order: escalation risk, deadline, time waited', async () => {
    const calm = makeCase({ ticketId: 'TS-20260101-9001', responseDueAt: hoursFromNow(20), queuedAt: minutesAgo(1) });
    const waited = makeCase({ ticketId: 'TS-20260101-9002', responseDueAt: hoursFromNow(20), queuedAt: minutesAgo(40) });
    const dueSoon = makeCase({ ticketId: 'TS-20260101-9003', responseDueAt: hoursFromNow(0.25), queuedAt: minutesAgo(1) });
    const risky = makeCase({
      ticketId: 'TS-20260101-9004',
      escalationRisk: true,
      responseDueAt: hoursFromNow(23),
      queuedAt: minutesAgo(0),
    });
    const active = makeCase({ ticketId: 'TS-20260101-9005', status: 'active', owner: 'agent08', ownerAgentNo: '03' });
    for (const c of [calm, waited, dueSoon, risky, active]) await desk.app.store.saveCase(c);

    const queued = await api(desk.base, 'GET', '/api/cases?status=queued', agent.token);
    expect(queued.status).toBe(200);
    expect(queued.body.map((r: { ticketId: string }) => r.ticketId)).toEqual([risky, dueSoon, waited, calm].map((c) => c.ticketId));
    const priorities = queued.body.map((r: { priority: number }) => r.priority);
    expect([...priorities].sort((a, b) => b - a)).toEqual(priorities);
    expect(queued.body[0]).toMatchObject({
      id: risky.id,
      escalationRisk: true,
      channel: 'web',
      category: 'billing_dispute',
      waitingSince: risky.queuedAt,
    });

    const page = await api(desk.base, 'GET', `/api/cases/${calm.id}`, agent.token);
    expect(page.body.queuePosition).toBe(4);
    // Another agent's active case is not in agent07's list; the supervisor's list has it.
    const activeOnly = await api(desk.base, 'GET', '/api/cases?status=active', agent.token);
    expect(activeOnly.body.map((r: { id: string }) => r.id)).toEqual([]);
    const bossActive = await api(desk.base, 'GET', '/api/cases?status=active', boss.token);
    expect(bossActive.body.map((r: { id: string }) => r.id)).toEqual([active.id]);
  });

  it('filters the queue by category and by escalation risk, and refuses values it does not know', async () => {
    const at = { responseDueAt: hoursFromNow(20), queuedAt: minutesAgo(2) };
    const angryBill = makeCase({ ticketId: 'TS-20260101-9101', category: 'billing_dispute', escalationRisk: true, ...at });
    const calmBill = makeCase({ ticketId: 'TS-20260101-9102', category: 'billing_dispute', ...at });
    const angrySignal = makeCase({ ticketId: 'TS-20260101-9103', category: 'product_quality', escalationRisk: true, ...at });
    for (const c of [angryBill, calmBill, angrySignal]) await desk.app.store.saveCase(c);
    const ours = new Set([angryBill, calmBill, angrySignal].map((c) => c.ticketId));
    const tickets = async (query: string) => {
      const res = await api(desk.base, 'GET', `/api/cases?status=queued&${query}`, agent.token);
      expect(res.status).toBe(200);
      return (res.body as { ticketId: string }[])
        .map((r) => r.ticketId)
        .filter((t) => ours.has(t))
        .sort();
    };
    expect(await tickets('category=billing_dispute')).toEqual([angryBill.ticketId, calmBill.ticketId]);
    expect(await tickets('escalated=true')).toEqual([angryBill.ticketId, angrySignal.ticketId]);
    expect(await tickets('escalated=false')).toEqual([calmBill.ticketId]);
    expect(await tickets('category=billing_dispute&escalated=true')).toEqual([angryBill.ticketId]);
    expect(await tickets('category=after_sales')).toEqual([]);
    for (const bad of ['escalated=yes', 'escalated=1', 'category=%E6%94%B6%E8%B4%B9%E4%BA%89%E8%AE%AE', 'category=billing']) {
      const res = await api(desk.base, 'GET', `/api/cases?${bad}`, agent.token);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.error.message).toMatch(/query: (escalated|category)/);
    }
    for (const c of [angryBill, calmBill, angrySignal]) await desk.app.store.saveCase({ ...c, status: 'resolved' });
  });

  it('masks phone numbers, ID numbers and amounts in lists, and phone/ID on the case page until revealed', async () => {
    const text = '我的号码13812345678，身份证110101199003071234，上个月多扣了58.5元';
    const c = makeCase({
      status: 'active',
      owner: 'agent07',
      ownerAgentNo: agent.agentNo,
      summary: `【收费争议】${text}`,
      issues: [{ category: 'billing_dispute', text, answers: {} }],
      slots: { phone: '13812345678', idNumber: '110101199003071234', amount: '58.5' },
      transcript: [{ from: 'customer', text, at: new Date().toISOString() }],
    });
    await desk.app.store.saveCase(c);
    const list = await api(desk.base, 'GET', '/api/cases?status=active', agent.token);
    const row = list.body.find((r: { id: string }) => r.id === c.id);
    const listed = JSON.stringify(row);
    expect(listed).not.toContain('13812345678');
    expect(listed).not.toContain('110101199003071234');
    expect(listed).not.toContain('58.5');
    expect(row.preview).toContain('138****5678');

    const page = await api(desk.base, 'GET', `/api/cases/${c.id}`, agent.token);
    const shown = JSON.stringify(page.body);
    expect(shown).not.toContain('13812345678');
    expect(shown).not.toContain('110101199003071234');
    expect(page.body.slots).toEqual({ phone: '138****5678', idNumber: '110101********1234', amount: '58.5' });
    expect(page.body.agentSummary).toContain('金额 58.5');

    // Reveal: the owner (or a supervisor), audited; another agent does not even see the case (404).
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/reveal`, other.token, { field: 'phone' })).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/reveal`, agent.token, { field: 'amount' })).status).toBe(400);
    const revealed = await api(desk.base, 'POST', `/api/cases/${c.id}/reveal`, agent.token, { field: 'phone' });
    expect(revealed).toMatchObject({ status: 200, body: { field: 'phone', value: '13812345678' } });
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/reveal`, boss.token, { field: 'idNumber' })).body.value).toBe(
      '110101199003071234',
    );
    const audit = await api(desk.base, 'GET', `/api/audit?caseId=${c.id}`, boss.token);
    expect(
      audit.body.entries.map(
        (e: { actor: string; action: string; detail: { field: string } }) => `${e.actor}:${e.action}:${e.detail.field}`,
      ),
    ).toEqual(['agent07:reveal:phone', 'boss:reveal:idNumber']);
  });

  it('transfers an active case to another member of staff, who may then write; the former owner may not', async () => {
    const c = makeCase({ channel: 'test' });
    await desk.app.store.saveCase(c);
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/claim`, agent.token)).body).toMatchObject({
      status: 'active',
      owner: 'agent07',
    });
    // Tests' own channel has no delivery: the claim stands, the customer could not be told.
    expect((await api(desk.base, 'GET', `/api/cases/${c.id}`, agent.token)).body.owner).toBe('agent07');

    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/transfer`, other.token, { to: 'agent08' })).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/transfer`, agent.token, { to: 'nobody' })).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/transfer`, agent.token, { to: 'bad name!' })).status).toBe(400);
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/transfer`, agent.token, {})).status).toBe(400);
    const moved = await api(desk.base, 'POST', `/api/cases/${c.id}/transfer`, agent.token, { to: 'Agent08' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'active', owner: 'agent08', ownerAgentNo: other.agentNo });
    // The former owner no longer sees the case: it can neither write nor hand it back to the bot; a supervisor can.
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/messages`, agent.token, { text: '还在吗' })).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/release`, agent.token)).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${c.id}/release`, boss.token)).body).toMatchObject({ status: 'open', owner: null });
    const audit = await api(desk.base, 'GET', `/api/audit?caseId=${c.id}`, boss.token);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['claim', 'transfer', 'release']);
  });

  it('serves the assist panel and the draft check', async () => {
    const c = makeCase({ status: 'active', owner: 'agent07', ownerAgentNo: agent.agentNo, slots: { amount: '30', month: '3月' } });
    await desk.app.store.saveCase(c);
    const assist = await api(desk.base, 'GET', `/api/cases/${c.id}/assist`, agent.token);
    expect(assist.status).toBe(200);
    expect(assist.body.suggestions.length).toBeGreaterThan(0);
    expect(assist.body.nextSteps.length).toBeGreaterThan(0);
    const check = await api(desk.base, 'POST', '/api/assist/check', agent.token, { text: '你自己没看清楚合同' });
    expect(check.status).toBe(200);
    expect(Array.isArray(check.body.problems)).toBe(true);
    expect(check.body.problems.length).toBeGreaterThan(0);
  });

  it('describes the case routes in the OpenAPI document', async () => {
    const doc = await api(desk.base, 'GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/claim',
        '/api/cases/{id}/release',
        '/api/cases/{id}/transfer',
        '/api/cases/{id}/resolve',
        '/api/cases/{id}/messages',
        '/api/cases/{id}/reveal',
        '/api/cases/{id}/assist',
        '/api/assist/check',
      ]),
    );
  });
});
