import { api, BOSS, AGENT07, Console, Customer, logIn, queuedCaseOf, startDesk, textOf, type Desk, type StaffSession } from './caseHelpers';
import { waitFor } from '../channels/web/helpers/webServer';

/**
 * The supervisor's side over real HTTP: a web customer on DirectLineJS, an agent who claims and
 * goes silent, the conversation listed as stalled with its reason and an alert on /api/stream,
 * then takeover, assign and a private note the customer never sees.
 */
const AGENT08 = { username: 'agent08', password: 'pass-08-secret' };
const USERS = `agent07:agent:${AGENT07.password},agent08:agent:${AGENT08.password},boss:supervisor:${BOSS.password}`;

describe('supervisor API', () => {
  let desk: Desk;
  let agent: StaffSession;
  let agent8: StaffSession;
  let boss: StaffSession;
  let bossConsole: Console;
  let agentConsole: Console;
  const customers: Customer[] = [];

  beforeAll(async () => {
    desk = await startDesk({ env: { BOOTSTRAP_USERS: USERS, STALL_AFTER_SECONDS: '1', STALL_SCAN_SECONDS: '0.2' } });
    agent = await logIn(desk.base, AGENT07);
    agent8 = await logIn(desk.base, AGENT08);
    boss = await logIn(desk.base, BOSS);
    bossConsole = await Console.open(desk.base, boss.token);
    agentConsole = await Console.open(desk.base, agent.token);
  });

  afterAll(async () => {
    for (const c of customers) c.end();
    bossConsole?.close();
    agentConsole?.close();
    await desk?.stop();
  });

  it('lists a silent agent’s conversation as stalled, alerts, and lets the supervisor take over, assign and whisper', async () => {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    await customer.say('转人工');
    await customer.expectMessage((t) => t.includes('排在第'), 'the queue notice');
    const caseId = await queuedCaseOf(desk.base, agent.token, customer.conversationId);

    // Queued: listed, waiting, with the bot's queue as its place.
    const queued = await api(desk.base, 'GET', '/api/supervisor/conversations', boss.token);
    expect(queued.status).toBe(200);
    const queuedRow = queued.body.find((r: { id: string }) => r.id === caseId);
    expect(queuedRow).toMatchObject({ status: 'queued', owner: null, withWhom: 'queue', waitingFor: 'queue' });
    expect(typeof queuedRow.waitingSeconds).toBe('number');

    // The agent claims, the customer is told, and then the agent says nothing.
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
    await customer.expectMessage((t) => t.includes(`客服 ${agent.agentNo} 号为您服务`), 'who serves them');
    await customer.say('我的话费怎么多扣了五十块');

    const stalled = await waitFor(
      async () => {
        const list = await api(desk.base, 'GET', '/api/supervisor/conversations', boss.token);
        const found = list.body.find((r: { id: string; stalled: boolean }) => r.id === caseId && r.stalled);
        return found;
      },
      10_000,
      'the conversation listed as stalled',
    );
    expect(stalled).toMatchObject({ status: 'active', owner: 'agent07', stalled: true, withWhom: 'person' });
    expect(stalled.stallReasons).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^客服 ${agent.agentNo} 号已 \\d+ 秒未发言$`))]),
    );
    expect(stalled.stallCodes).toContain('agent_silent');
    expect(Object.keys(stalled)).toEqual(
      expect.arrayContaining([
        'id',
        'ticketId',
        'category',
        'status',
        'channel',
        'owner',
        'waitingSeconds',
        'agentSilentSeconds',
        'deadlineSeconds',
        'angerTrend',
        'repeat',
        'stalled',
        'stallReasons',
        'score',
      ]),
    );
    expect(stalled.agentSilentSeconds).toBeGreaterThanOrEqual(1);
    expect(stalled.waitingFor).toBe('reply');
    expect(stalled.deadlineSeconds).toEqual(expect.any(Number));
    expect(stalled.angerTrend.length).toBeGreaterThanOrEqual(2); // intake + the relayed message
    expect(stalled.repeat).toEqual({ repeat: false, count: 0 });
    expect(stalled.score).toBeGreaterThan(0);
    // Masked like the case list (the amount in the summary or preview never shows in full).
    expect(JSON.stringify(stalled)).not.toContain('五十块');

    const alert = await bossConsole.waitForEvent(
      (e) => e.resource === 'alert' && e.type === 'stall' && e.id === caseId,
      'the stall alert on /api/stream',
    );
    expect(alert.payload.reasons).toEqual(expect.arrayContaining([expect.stringContaining('未发言')]));
    expect(alert.payload.score).toEqual(expect.any(Number));
    // Once per reason, not every scan (the scanner runs every 0.2 s).
    await new Promise((r) => setTimeout(r, 800));
    expect(
      bossConsole.events.filter(
        (e) => e.resource === 'alert' && e.id === caseId && (e.payload.newCodes as string[]).includes('agent_silent'),
      ),
    ).toHaveLength(1);

    // Overview: loads and the WeChat login.
    const overview = await api(desk.base, 'GET', '/api/supervisor/overview', boss.token);
    expect(overview.status).toBe(200);
    expect(overview.body.agents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'agent07', agentNo: agent.agentNo, openCases: 1 }),
        expect.objectContaining({ username: 'agent08', agentNo: agent8.agentNo, openCases: 0 }),
      ]),
    );
    expect(overview.body.wechat).toMatchObject({ enabled: false });

    // A private note: stored, pushed to staff, never to the customer.
    const whisper = '先安抚情绪，再核对三月账单的增值业务';
    const noted = await api(desk.base, 'POST', `/api/cases/${caseId}/notes`, boss.token, { text: whisper });
    expect(noted.status).toBe(201);
    expect(noted.body).toMatchObject({ caseId, text: whisper, by: 'boss', private: true });
    await agentConsole.waitForEvent(
      (e) => e.resource === 'note' && e.id === caseId && e.payload.text === whisper,
      'the note on the agent’s console',
    );
    const seenByAgent = await api(desk.base, 'GET', `/api/cases/${caseId}`, agent.token);
    expect(seenByAgent.body.notes).toEqual([expect.objectContaining({ text: whisper, by: 'boss' })]);
    expect(seenByAgent.body.transcript.map((t: { text: string }) => t.text)).not.toContain(whisper);
    expect(await customer.settle()).not.toEqual(expect.arrayContaining([expect.stringContaining('安抚')]));
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/notes`, boss.token, { text: '   ' })).status).toBe(400);

    // Takeover: the supervisor owns it, the agent is told and can no longer send.
    const taken = await api(desk.base, 'POST', `/api/cases/${caseId}/takeover`, boss.token);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({
      status: 'active',
      owner: 'boss',
      ownerAgentNo: boss.agentNo,
      previousOwner: 'agent07',
      customerNotified: true,
    });
    await agentConsole.waitForEvent(
      (e) => e.resource === 'case' && e.type === 'takeover' && e.id === caseId && e.payload.previousOwner === 'agent07',
      'the takeover event',
    );
    await customer.expectMessage((t) => t.includes('值班主管'), 'the customer hears the supervisor took over');
    // The case is no longer the agent's: it does not see it any more (404), let alone write.
    const blocked = await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '我来处理' });
    expect(blocked.status).toBe(404);
    const said = await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, boss.token, {
      text: '您好，我是值班主管，马上为您核对扣费。',
    });
    expect(said.status).toBe(201);
    await customer.expectMessage((t) => t === '您好，我是值班主管，马上为您核对扣费。', 'the supervisor’s message');
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/takeover`, boss.token)).status).toBe(400);

    // Assign: to agent08, who may now send; an unknown name is 404.
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/assign`, boss.token, { agent: 'nobody99' })).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/assign`, boss.token, {})).status).toBe(400);
    const assigned = await api(desk.base, 'POST', `/api/cases/${caseId}/assign`, boss.token, { agent: 'agent08' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ owner: 'agent08', ownerAgentNo: agent8.agentNo, previousOwner: 'boss' });
    await bossConsole.waitForEvent((e) => e.resource === 'case' && e.type === 'assign' && e.id === caseId, 'the assign event');
    await customer.expectMessage((t) => t.includes(`客服 ${agent8.agentNo} 号`), 'the customer hears the new 工号');
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, boss.token, { text: '还是我' })).status).toBe(403);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent8.token, { text: '您好，我接着帮您查。' })).status).toBe(
      201,
    );
    await customer.expectMessage((t) => t === '您好，我接着帮您查。', 'agent08’s message');

    const loads = await api(desk.base, 'GET', '/api/supervisor/overview', boss.token);
    expect(loads.body.agents.find((a: { username: string }) => a.username === 'agent08').openCases).toBe(1);
    expect(loads.body.agents.find((a: { username: string }) => a.username === 'agent07').openCases).toBe(0);

    // Audited.
    const audit = await api(desk.base, 'GET', `/api/audit?caseId=${caseId}`, boss.token);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['takeover', 'assign', 'note']));

    // The note never reached the customer on any path.
    expect(customer.botMessages().map(textOf).join('\n')).not.toContain(whisper);
    expect(customer.client.received.map((a) => JSON.stringify(a)).join('\n')).not.toContain(whisper);
  });

  it('refuses agents (403) and anonymous callers (401) on every supervisor route', async () => {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    await customer.say('转人工');
    const caseId = await queuedCaseOf(desk.base, agent.token, customer.conversationId);
    const routes: [method: 'GET' | 'POST', path: string, body?: unknown][] = [
      ['GET', '/api/supervisor/conversations'],
      ['GET', '/api/supervisor/overview'],
      ['POST', `/api/cases/${caseId}/takeover`, {}],
      ['POST', `/api/cases/${caseId}/assign`, { agent: 'agent07' }],
      ['POST', `/api/cases/${caseId}/notes`, { text: '偷偷说一句' }],
    ];
    for (const [method, path, body] of routes) {
      expect([path, (await api(desk.base, method, path, agent.token, body)).status]).toEqual([path, 403]);
      expect([path, (await api(desk.base, method, path, undefined, body)).status]).toEqual([path, 401]);
    }
    const after = await api(desk.base, 'GET', `/api/cases/${caseId}`, agent.token);
    expect(after.body).toMatchObject({ status: 'queued', owner: null, notes: [] });
  });

  it('assigns a queued case straight to an agent, and describes the routes in OpenAPI', async () => {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    await customer.say('转人工');
    const caseId = await queuedCaseOf(desk.base, agent.token, customer.conversationId);
    const assigned = await api(desk.base, 'POST', `/api/cases/${caseId}/assign`, boss.token, { agent: 'agent07' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'active', owner: 'agent07', previousOwner: null });
    await customer.expectMessage((t) => t.includes(`客服 ${agent.agentNo} 号为您服务`), 'who serves them');
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '您好' })).status).toBe(201);

    const doc = await api(desk.base, 'GET', '/api/openapi.json');
    for (const path of [
      '/api/supervisor/conversations',
      '/api/supervisor/overview',
      '/api/cases/{id}/takeover',
      '/api/cases/{id}/assign',
      '/api/cases/{id}/notes',
    ]) {
      expect(doc.body.paths[path]).toBeDefined();
    }
  });
});
