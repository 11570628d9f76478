import { api, AGENT07, BOSS, Console, Customer, logIn, queuedCaseOf, startDesk, textOf, type Desk, type StaffSession } from './caseHelpers';

/**
 * One desk, one customer on DirectLineJS, staff over HTTP: 转人工 → queue → claim → relay both
 * ways → release → the bot again → resolve.
 */
describe('human handoff over the case API', () => {
  let desk: Desk;
  let agent: StaffSession;
  let boss: StaffSession;
  let consoleSocket: Console;
  const customers: Customer[] = [];

  beforeAll(async () => {
    desk = await startDesk();
    agent = await logIn(desk.base, AGENT07);
    boss = await logIn(desk.base, BOSS);
    consoleSocket = await Console.open(desk.base, boss.token);
  });

  afterAll(async () => {
    for (const c of customers) c.end();
    consoleSocket?.close();
    await desk?.stop();
  });

  it('queues on 转人工, relays both ways while the agent owns the case, and hands back to the bot', async () => {
    const customer = await Customer.connect(desk.base, 'dl_handoff_customer_1');
    customers.push(customer);

    // 1. The customer asks for a person: a ticket, handoff.initiate with the transcript, the queue notice.
    await customer.say('转人工');
    await customer.expectMessage((t) => t.includes('工单号'), 'the request is recorded');
    const notice = await customer.expectMessage((t) => t.includes('排在第 1 位'), 'the queue notice');
    expect(textOf(notice)).toMatch(/预计还要等大约 \d+ 分钟/);
    expect(textOf(notice)).toContain('留言');
    const initiate = customer.events('handoff.initiate')[0] as unknown as {
      value: { caseId: string; reasons: string[] };
      attachments: { contentType: string; name: string; content: { activities: { text: string }[] } }[];
    };
    expect(initiate).toBeDefined();
    expect(initiate.value.reasons).toContain('asked');
    expect(initiate.attachments[0]).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    expect(initiate.attachments[0].content.activities.map((a) => a.text)).toContain('转人工');

    const caseId = await queuedCaseOf(desk.base, agent.token, customer.conversationId);
    expect(caseId).toBe(initiate.value.caseId);
    await consoleSocket.waitForEvent((e) => e.resource === 'case' && e.type === 'handoff.initiate' && e.id === caseId, 'handoff.initiate on the console');
    await consoleSocket.waitForEvent(
      (e) => e.resource === 'case' && e.type === 'status' && e.id === caseId && e.payload.status === 'queued',
      'queued status on the console',
    );

    const queued = await api(desk.base, 'GET', '/api/cases?status=queued', agent.token);
    expect(queued.status).toBe(200);
    expect(Array.isArray(queued.body)).toBe(true);
    const row = queued.body.find((r: { id: string }) => r.id === caseId);
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'ticketId', 'category', 'priority', 'waitingSince', 'escalationRisk', 'channel']));
    expect(row).toMatchObject({ status: 'queued', channel: 'web', category: null, escalationRisk: false });

    // While waiting, a message is kept and answered with the honest place in the queue.
    await customer.say('我家宽带断了三天了');
    await customer.expectMessage((t) => t.startsWith('留言已收到') && t.includes('第 1 位'), 'the waiting notice');

    // 2. The agent claims: the customer hears who serves them.
    const claimed = await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'active', owner: 'agent07', ownerAgentNo: agent.agentNo, customerNotified: true });
    await customer.expectMessage((t) => t.includes(`客服 ${agent.agentNo} 号为您服务`), 'who serves them');
    expect(customer.events('handoff.status').map((e) => (e as unknown as { value: { state: string } }).value.state)).toContain('accepted');
    // Someone else claiming the same case is refused.
    const second = await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, boss.token);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('agent07');

    // 3. Customer → console: a StaffEvent, and the line in the case; the bot says nothing.
    await customer.say('还是连不上，路由器灯一直红');
    const relayed = await consoleSocket.waitForEvent(
      (e) => e.resource === 'message' && e.id === caseId && e.payload.text === '还是连不上，路由器灯一直红',
      'the customer message on the console',
    );
    expect(relayed).toMatchObject({ type: 'created', payload: { from: 'customer' } });
    const page = await api(desk.base, 'GET', `/api/cases/${caseId}`, agent.token);
    expect(page.status).toBe(200);
    expect(page.body.transcript.map((t: { text: string }) => t.text)).toEqual(
      expect.arrayContaining(['转人工', '我家宽带断了三天了', '还是连不上，路由器灯一直红']),
    );
    expect(page.body).toMatchObject({ status: 'active', deadlines: { overdue: false } });
    expect(typeof page.body.agentSummary).toBe('string');
    expect(await customer.settle()).toEqual([]);

    // 4. Agent → customer, on the customer's own channel, under the 工号.
    const sent = await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '您好，我这边看到了，马上帮您查线路' });
    expect(sent.status).toBe(201);
    const reply = await customer.expectMessage((t) => t === '您好，我这边看到了，马上帮您查线路', 'the agent message');
    expect(reply.from).toMatchObject({ name: `客服 ${agent.agentNo} 号` });
    await consoleSocket.waitForEvent((e) => e.resource === 'message' && e.id === caseId && e.payload.from === 'agent', 'the agent message on the console');

    // Only the owner may write to the customer, not even a supervisor.
    const notOwner = await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, boss.token, { text: '我是主管' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.code).toBe('NotOwner');

    // 5. Release: the bot answers again.
    const released = await api(desk.base, 'POST', `/api/cases/${caseId}/release`, agent.token);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'open', owner: null });
    await customer.expectMessage((t) => t.includes('智能助手继续为您服务'), 'the hand-back notice');
    await consoleSocket.waitForEvent(
      (e) => e.resource === 'case' && e.type === 'status' && e.id === caseId && e.payload.status === 'open',
      'open status on the console',
    );
    await customer.say('你好');
    const botAgain = await customer.settle();
    expect(botAgain.length).toBeGreaterThan(0);
    expect(botAgain.join('')).not.toContain('留言已收到');

    const audit = await api(desk.base, 'GET', `/api/audit?caseId=${caseId}`, boss.token);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['claim', 'message', 'release']);
  });

  it('resolves a case and tells the customer the result; then the bot is back', async () => {
    const customer = await Customer.connect(desk.base, 'dl_handoff_customer_2');
    customers.push(customer);
    await customer.say('转人工');
    await customer.expectMessage((t) => t.includes('排在第'), 'the queue notice');
    const caseId = await queuedCaseOf(desk.base, agent.token, customer.conversationId);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
    await customer.expectMessage((t) => t.includes('为您服务'), 'who serves them');

    const bad = await api(desk.base, 'POST', `/api/cases/${caseId}/resolve`, agent.token, { cause: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cause|solution/);

    const resolved = await api(desk.base, 'POST', `/api/cases/${caseId}/resolve`, agent.token, {
      cause: '小区光缆被施工挖断',
      solution: '已安排抢修，今晚 8 点前恢复',
      compensation: '减免本月宽带费 30 元',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: { cause: '小区光缆被施工挖断', solution: '已安排抢修，今晚 8 点前恢复', compensation: '减免本月宽带费 30 元', resolvedBy: 'agent07' },
    });
    const notice = await customer.expectMessage((t) => t.includes('已处理完毕'), 'the result notice');
    expect(textOf(notice)).toContain('原因：小区光缆被施工挖断');
    expect(textOf(notice)).toContain('补偿：减免本月宽带费 30 元');

    const list = await api(desk.base, 'GET', '/api/cases?status=resolved', boss.token);
    expect(list.body.map((r: { id: string }) => r.id)).toContain(caseId);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(409);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '还在吗' })).status).toBe(409);

    await customer.say('谢谢');
    const botAgain = await customer.settle();
    expect(botAgain.length).toBeGreaterThan(0);
  });

  it('answers bad input with 4xx and a reason', async () => {
    const t = agent.token;
    expect((await api(desk.base, 'GET', '/api/cases')).status).toBe(401);
    expect((await api(desk.base, 'GET', '/api/cases?status=waiting', t)).status).toBe(400);
    const unknown = await api(desk.base, 'GET', '/api/cases/00000000-0000-0000-0000-000000000000', t);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CaseNotFound');
    expect((await api(desk.base, 'POST', '/api/cases/not%20an%20id/claim', t)).status).toBe(400);
    expect((await api(desk.base, 'POST', '/api/cases/00000000-0000-0000-0000-000000000000/claim', t)).status).toBe(404);
    expect((await api(desk.base, 'POST', '/api/cases/00000000-0000-0000-0000-000000000000/messages', t, { text: '' })).status).toBe(404);
    expect((await api(desk.base, 'POST', '/api/assist/check', t, { text: 42 })).status).toBe(400);
    expect((await api(desk.base, 'POST', '/api/assist/check', t, '{not json')).status).toBe(400);
  });
});
