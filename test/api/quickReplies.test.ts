import { api, AGENT07, BOSS, Customer, logIn, queuedCaseOf, startDesk, textOf, type Desk } from '../api/caseHelpers';

/** 快捷回复 over HTTP against the whole service: who keeps what, and rendering for a real case. */
describe('quick replies', () => {
  let desk: Desk;
  let boss: string;
  let agent: string;
  let agentNo: string;
  let customer: Customer;

  beforeAll(async () => {
    desk = await startDesk();
    boss = (await logIn(desk.base, BOSS)).token;
    const session = await logIn(desk.base, AGENT07);
    agent = session.token;
    agentNo = session.agentNo;
    customer = await Customer.connect(desk.base);
  }, 60_000);
  afterAll(async () => {
    customer?.end();
    await desk?.stop();
  });

  const request = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${desk.base}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as any) }));

  it('keeps the shared library for supervisors and personal replies for their owner', async () => {
    const shared = await request('POST', '/api/quick-replies', boss, {
      title: '受理确认',
      text: '{客户称呼}好，您的工单 {工单号}（{类别}）我们已经受理，会在 {回复时限} 前给您答复。客服 {工号} 号为您服务。',
      scope: 'shared',
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ scope: 'shared', uses: 0 });
    expect((await request('POST', '/api/quick-replies', agent, { title: '越权', text: '你好', scope: 'shared' })).status).toBe(403);
    const mine = await request('POST', '/api/quick-replies', agent, { title: '稍等', text: '请您稍等，我马上为您查询。' });
    expect(mine).toMatchObject({ status: 201, body: { scope: 'personal' } });
    const bossOwn = await request('POST', '/api/quick-replies', boss, { title: '主管自用', text: '收到。', scope: 'personal' });

    const seen = await request('GET', '/api/quick-replies', agent);
    expect(seen.body.map((r: { title: string }) => r.title).sort()).toEqual(['受理确认', '稍等'].sort());
    expect(
      (await request('GET', `/api/quick-replies?q=${encodeURIComponent('查询')}`, agent)).body.map((r: { title: string }) => r.title),
    ).toEqual(['稍等']);

    // An agent cannot change the shared library, nor see or touch someone else's personal reply.
    expect((await request('PUT', `/api/quick-replies/${shared.body.id}`, agent, { title: '改' })).status).toBe(403);
    expect((await request('DELETE', `/api/quick-replies/${shared.body.id}`, agent)).status).toBe(403);
    expect((await request('PUT', `/api/quick-replies/${bossOwn.body.id}`, agent, { title: '改' })).status).toBe(404);
    expect((await request('PUT', `/api/quick-replies/${mine.body.id}`, agent, { text: '请您稍等片刻，我马上为您查询。' })).body.text).toBe(
      '请您稍等片刻，我马上为您查询。',
    );
    expect((await request('DELETE', `/api/quick-replies/${mine.body.id}`, agent)).status).toBe(204);
    expect((await request('GET', '/api/quick-replies', agent)).body).toHaveLength(1);

    const audit = await request('GET', '/api/audit', boss);
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'quick-reply')).toHaveLength(5);
  });

  it('refuses what it cannot keep, with the reason', async () => {
    for (const bad of [
      { title: '', text: '好的' },
      { title: '变量', text: '您好 {客户姓名}' },
      { title: 'x'.repeat(41), text: '好的' },
      { title: '类别', text: '好的', category: 'weather' },
      { title: '范围', text: '好的', scope: 'everyone' },
    ]) {
      const res = await request('POST', '/api/quick-replies', boss, bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await request('GET', '/api/quick-replies')).status).toBe(401);
  });

  it('renders a reply for a case with its variables filled, and counts the use', async () => {
    await customer.say('我的手机号13812345678这个月被多扣了30元，我根本没订过这个业务');
    await customer.settle(500);
    await customer.say('转人工');
    const receipt = await customer.expectMessage((t) => /TS-\d{8}-\d{4}/.test(t), 'the receipt');
    const ticketId = textOf(receipt).match(/TS-\d{8}-\d{4,}/)![0];
    const caseId = await queuedCaseOf(desk.base, agent, customer.conversationId);
    const [shared] = (await request('GET', '/api/quick-replies', agent)).body;

    const rendered = await request('POST', `/api/cases/${caseId}/quick-replies/${shared.id}/render`, agent);
    expect(rendered.status).toBe(200);
    expect(rendered.body.text).toMatch(
      new RegExp(
        `^您好，您的工单 ${ticketId}（收费争议）我们已经受理，会在 \\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2} 前给您答复。客服 ${agentNo} 号为您服务。$`,
      ),
    );
    expect((await request('GET', '/api/quick-replies', agent)).body[0].uses).toBe(1);
    // The insertion is kept on the case with who made it, so the per-agent report credits the agent.
    const byAgent = (await request('GET', '/api/reports/agents', boss)).body.agents;
    expect(byAgent).toEqual([expect.objectContaining({ username: AGENT07.username, quickReplies: 1 })]);
    expect((await request('POST', `/api/cases/no-such-case/quick-replies/${shared.id}/render`, agent)).status).toBe(404);
    expect((await request('POST', `/api/cases/${caseId}/quick-replies/nope/render`, agent)).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/quick-replies/${shared.id}/render`)).status).toBe(401);
  }, 60_000);
});
