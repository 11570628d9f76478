import { formatDeadline } from '../../dialogs/deskTime';
import { StaffPresence } from '../../src/handoff/staffPresence';
import { waitFor } from '../channels/web/helpers/webServer';
import { api, Console, Customer, NO_AGENT_ONLINE, queuedCaseOf, staffedDesk, textOf } from './caseHelpers';

/**
 * One desk, one customer on DirectLineJS, staff over HTTP: 转人工 → queue → claim → relay both
 * ways → release → the bot again → resolve.
 */
describe('human handoff over the case API', () => {
  const fx = staffedDesk();

  it('queues on 转人工, relays both ways while the agent owns the case, and hands back to the bot', async () => {
    // agent07's console is open (/api/stream): an agent is online, so the queue notice gives a place and a wait.
    const agentConsole = await Console.open(fx.desk.base, fx.agent.token);
    const customer = await Customer.connect(fx.desk.base);
    fx.customers.push(customer);

    // 1. The customer asks for a person: a ticket, handoff.initiate (their ticket number only), the queue notice;
    //    staff get handoff.initiate with the context and the transcript.
    await customer.say('转人工');
    await customer.expectMessage((t) => t.includes('工单号'), 'the request is recorded');
    const notice = await customer.expectMessage((t) => t.includes('排在第 1 位'), 'the queue notice');
    expect(textOf(notice)).toMatch(/预计还要等大约 \d+ 分钟/);
    expect(textOf(notice)).toContain('留言');
    const initiate = customer.events('handoff.initiate')[0] as unknown as {
      value: Record<string, unknown>;
      attachments?: unknown[];
      relatesTo?: unknown;
    };
    expect(initiate).toBeDefined();
    expect(initiate.attachments ?? []).toEqual([]);
    expect(initiate.relatesTo).toBeUndefined();
    expect(Object.keys(initiate.value)).toEqual(['ticketId']);

    const caseId = await queuedCaseOf(fx.desk.base, fx.agent.token, customer.conversationId);
    const stored = (await fx.desk.app.store.getCase(caseId))!;
    expect(initiate.value.ticketId).toBe(stored.ticketId);
    // (The activity is addressed to the customer's own id, as every activity is; what it carries names nobody.)
    const carried = JSON.stringify({ value: initiate.value, attachments: initiate.attachments, relatesTo: initiate.relatesTo });
    expect(carried).not.toContain(caseId);
    expect(carried).not.toContain(stored.customerId);
    const staffInitiate = await fx.consoleSocket.waitForEvent(
      (e) => e.resource === 'case' && e.type === 'handoff.initiate' && e.id === caseId,
      'handoff.initiate on the console',
    );
    expect(staffInitiate.payload).toMatchObject({ caseId, ticketId: stored.ticketId });
    expect(staffInitiate.payload.reasons).toContain('asked');
    expect((staffInitiate.payload.transcript as { text: string }[]).map((a) => a.text)).toContain('转人工');
    await fx.consoleSocket.waitForEvent(
      (e) => e.resource === 'case' && e.type === 'status' && e.id === caseId && e.payload.status === 'queued',
      'queued status on the console',
    );

    const queued = await api(fx.desk.base, 'GET', '/api/cases?status=queued', fx.agent.token);
    expect(queued.status).toBe(200);
    expect(Array.isArray(queued.body)).toBe(true);
    const row = queued.body.find((r: { id: string }) => r.id === caseId);
    expect(Object.keys(row)).toEqual(
      expect.arrayContaining(['id', 'ticketId', 'category', 'priority', 'waitingSince', 'escalationRisk', 'channel']),
    );
    expect(row).toMatchObject({ status: 'queued', channel: 'web', category: null, escalationRisk: false });

    // While waiting, a message is kept and answered with the honest place in the queue.
    await customer.say('我家宽带断了三天了');
    await customer.expectMessage((t) => t.startsWith('留言已收到') && t.includes('第 1 位'), 'the waiting notice');

    // 2. The agent claims: the customer hears who serves them.
    const claimed = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/claim`, fx.agent.token);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'active', owner: 'agent07', ownerAgentNo: fx.agent.agentNo, customerNotified: true });
    await customer.expectMessage((t) => t.includes(`客服 ${fx.agent.agentNo} 号为您服务`), 'who serves them');
    // handoff.status says who serves them by 工号 only; the login name stays with staff.
    const statuses = customer.events('handoff.status').map((e) => (e as unknown as { value: Record<string, unknown> }).value);
    expect(statuses).toContainEqual({ state: 'accepted', agentNo: fx.agent.agentNo });
    expect(JSON.stringify(customer.events('handoff.status'))).not.toContain('agent07');
    // Someone else claiming the same case is refused.
    const second = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/claim`, fx.boss.token);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('agent07');

    // 3. Customer → console: a StaffEvent, and the line in the case; the bot says nothing.
    await customer.say('还是连不上，路由器灯一直红');
    const relayed = await fx.consoleSocket.waitForEvent(
      (e) => e.resource === 'message' && e.id === caseId && e.payload.text === '还是连不上，路由器灯一直红',
      'the customer message on the console',
    );
    expect(relayed).toMatchObject({ type: 'created', payload: { from: 'customer' } });
    const page = await api(fx.desk.base, 'GET', `/api/cases/${caseId}`, fx.agent.token);
    expect(page.status).toBe(200);
    expect(page.body.transcript.map((t: { text: string }) => t.text)).toEqual(
      expect.arrayContaining(['转人工', '我家宽带断了三天了', '还是连不上，路由器灯一直红']),
    );
    expect(page.body).toMatchObject({ status: 'active', deadlines: { overdue: false } });
    expect(typeof page.body.agentSummary).toBe('string');
    expect(await customer.settle()).toEqual([]);

    // 4. Agent → customer, on the customer's own channel, under the 工号.
    const sent = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/messages`, fx.agent.token, {
      text: '您好，我这边看到了，马上帮您查线路',
    });
    expect(sent.status).toBe(201);
    const reply = await customer.expectMessage((t) => t === '您好，我这边看到了，马上帮您查线路', 'the agent message');
    expect(reply.from).toMatchObject({ name: `客服 ${fx.agent.agentNo} 号` });
    await fx.consoleSocket.waitForEvent(
      (e) => e.resource === 'message' && e.id === caseId && e.payload.from === 'agent',
      'the agent message on the console',
    );

    // Only the owner may write to the customer, not even a supervisor.
    const notOwner = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/messages`, fx.boss.token, { text: '我是主管' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.code).toBe('NotOwner');

    // 5. Release: the bot answers again.
    const released = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/release`, fx.agent.token);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'open', owner: null });
    await customer.expectMessage((t) => t.includes('智能助手继续为您服务'), 'the hand-back notice');
    await fx.consoleSocket.waitForEvent(
      (e) => e.resource === 'case' && e.type === 'status' && e.id === caseId && e.payload.status === 'open',
      'open status on the console',
    );
    await customer.say('你好');
    const botAgain = await customer.settle();
    expect(botAgain.length).toBeGreaterThan(0);
    expect(botAgain.join('')).not.toContain('留言已收到');

    const audit = await api(fx.desk.base, 'GET', `/api/audit?caseId=${caseId}`, fx.boss.token);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['claim', 'message', 'release']);
    agentConsole.close();
    await waitFor(
      async () => ((await new StaffPresence(fx.desk.app.store).onlineAgents()) === 0 ? true : undefined),
      5_000,
      'agent07 offline',
    );
  });

  it('resolves a case and tells the customer the result; then the bot is back', async () => {
    const customer = await Customer.connect(fx.desk.base);
    fx.customers.push(customer);
    await customer.say('转人工');
    // No agent console is open (agent07 works over HTTP only): the honest notice, with the deadline and no wait.
    const queueNotice = textOf(await customer.expectMessage((t) => t.includes(NO_AGENT_ONLINE), 'the no-one-online notice'));
    const caseId = await queuedCaseOf(fx.desk.base, fx.agent.token, customer.conversationId);
    expect(queueNotice).toContain(formatDeadline((await fx.desk.app.store.getCase(caseId))!.responseDueAt, 'Asia/Shanghai'));
    expect(queueNotice).not.toMatch(/分钟|排在第/);
    expect((await api(fx.desk.base, 'POST', `/api/cases/${caseId}/claim`, fx.agent.token)).status).toBe(200);
    await customer.expectMessage((t) => t.includes('为您服务'), 'who serves them');

    const bad = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/resolve`, fx.agent.token, { cause: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cause|solution/);

    const resolved = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/resolve`, fx.agent.token, {
      cause: '小区光缆被施工挖断',
      solution: '已安排抢修，今晚 8 点前恢复',
      compensation: '减免本月宽带费 30 元',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: {
        cause: '小区光缆被施工挖断',
        solution: '已安排抢修，今晚 8 点前恢复',
        compensation: '减免本月宽带费 30 元',
        resolvedBy: 'agent07',
      },
    });
    const notice = await customer.expectMessage((t) => t.includes('已处理完毕'), 'the result notice');
    expect(textOf(notice)).toContain('原因：小区光缆被施工挖断');
    expect(textOf(notice)).toContain('补偿：减免本月宽带费 30 元');

    const list = await api(fx.desk.base, 'GET', '/api/cases?status=resolved', fx.boss.token);
    expect(list.body.map((r: { id: string }) => r.id)).toContain(caseId);
    expect((await api(fx.desk.base, 'POST', `/api/cases/${caseId}/claim`, fx.agent.token)).status).toBe(409);
    expect((await api(fx.desk.base, 'POST', `/api/cases/${caseId}/messages`, fx.agent.token, { text: '还在吗' })).status).toBe(409);

    await customer.say('谢谢');
    const botAgain = await customer.settle();
    expect(botAgain.length).toBeGreaterThan(0);
  });

  it('answers bad input with 4xx and a reason', async () => {
    const t = fx.agent.token;
    expect((await api(fx.desk.base, 'GET', '/api/cases')).status).toBe(401);
    expect((await api(fx.desk.base, 'GET', '/api/cases?status=waiting', t)).status).toBe(400);
    const unknown = await api(fx.desk.base, 'GET', '/api/cases/00000000-0000-0000-0000-000000000000', t);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CaseNotFound');
    expect((await api(fx.desk.base, 'POST', '/api/cases/not%20an%20id/claim', t)).status).toBe(400);
    expect((await api(fx.desk.base, 'POST', '/api/cases/00000000-0000-0000-0000-000000000000/claim', t)).status).toBe(404);
    expect((await api(fx.desk.base, 'POST', '/api/cases/00000000-0000-0000-0000-000000000000/messages', t, { text: '' })).status).toBe(404);
    expect((await api(fx.desk.base, 'POST', '/api/assist/check', t, { text: 42 })).status).toBe(400);
    expect((await api(fx.desk.base, 'POST', '/api/assist/check', t, '{not json')).status).toBe(400);
  });
});
