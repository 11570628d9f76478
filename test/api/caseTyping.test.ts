import type { Activity } from 'botframework-directlinejs';
import type { StaffEvent } from '../../src/domain/staffEvents';
import { makeCase } from '../handoff/caseFactory';
import { waitFor } from '../channels/web/helpers/webServer';
import { api, AGENT07, BOSS, Console, Customer, logIn, queuedCaseOf, startDesk, type Desk, type StaffSession } from './caseHelpers';
import { connect, wsUrl } from './streamHelpers';

/**
 * Typing indicators both ways on the running service: the owner's POST …/typing reaches the
 * web-chat customer as a Direct Line `typing` activity (coalesced, nothing for WeChat), and the
 * customer's typing reaches the owner's /api/stream live, never the replay.
 */
const AGENT08 = { username: 'agent08', password: 'pass-08-secret' };
const USERS = `agent07:agent:${AGENT07.password},agent08:agent:${AGENT08.password},boss:supervisor:${BOSS.password}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isTypingEvent = (caseId: string) => (e: StaffEvent) => e.resource === 'message' && e.type === 'typing' && e.id === caseId;

describe('typing indicators', () => {
  let desk: Desk;
  let a: StaffSession;
  let b: StaffSession;
  let boss: StaffSession;
  let customer: Customer;
  let caseId: string;
  const consoles: Console[] = [];

  const agentTyping = () => customer.client.received.filter((x) => x.type === 'typing' && x.from.role === 'bot');
  const customerTypes = () => customer.client.post({ type: 'typing', from: { id: customer.userId } } as Activity);

  beforeAll(async () => {
    desk = await startDesk({ env: { BOOTSTRAP_USERS: USERS } });
    [a, b, boss] = await Promise.all([logIn(desk.base, AGENT07), logIn(desk.base, AGENT08), logIn(desk.base, BOSS)]);
    customer = await Customer.connect(desk.base);
    await customer.say('转人工');
    caseId = await queuedCaseOf(desk.base, a.token, customer.conversationId);
  });

  afterAll(async () => {
    customer?.end();
    for (const c of consoles) c.close();
    await desk?.stop();
  });

  it('says nothing to the agents while the case is only queued', async () => {
    const bossConsole = await Console.open(desk.base, boss.token);
    consoles.push(bossConsole);
    await customerTypes();
    await sleep(500);
    expect(bossConsole.events.filter(isTypingEvent(caseId))).toEqual([]);
    // The typing call is the owner's: nobody owns a queued case.
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/typing`, a.token)).status).toBe(403);
  });

  it("sends the owner's typing to the web-chat customer under their 工号, others are refused", async () => {
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, a.token, {})).status).toBe(200);
    const answer = await api(desk.base, 'POST', `/api/cases/${caseId}/typing`, a.token);
    expect(answer.status).toBe(204);
    const typing = await customer.client.waitForActivity((x) => x.type === 'typing' && x.from.role === 'bot', 5000, 'the agent typing');
    expect(typing.from).toMatchObject({ id: `agent-${a.agentNo}`, name: `客服 ${a.agentNo} 号` });
    // Another agent may not see the case at all; a supervisor sees it but does not speak on it.
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/typing`, b.token)).status).toBe(404);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/typing`, boss.token)).status).toBe(403);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/typing`)).status).toBe(401);
  });

  it('coalesces a flood into one indicator per window', async () => {
    await sleep(2600);
    const before = agentTyping().length;
    const answers = await Promise.all(Array.from({ length: 50 }, () => api(desk.base, 'POST', `/api/cases/${caseId}/typing`, a.token, {})));
    expect(answers.every((x) => x.status === 204)).toBe(true);
    await waitFor(() => agentTyping().length > before, 5000, 'an indicator');
    await sleep(500);
    expect(agentTyping().length - before).toBeLessThanOrEqual(2);
  });

  it('refuses a body that is not empty', async () => {
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/typing`, a.token, { text: 'x' })).status).toBe(400);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/typing`, a.token, '[]')).status).toBe(400);
    const oversized = await api(desk.base, 'POST', `/api/cases/${caseId}/typing`, a.token, { pad: 'x'.repeat(2_000_000) });
    expect(oversized.status).toBe(413);
  });

  it('answers 204 for a WeChat case and sends nothing (WeChat has no indicator)', async () => {
    const wechatCase = makeCase({
      channel: 'wechat',
      status: 'active',
      owner: a.username,
      ownerAgentNo: a.agentNo,
      conversationId: 'wechat:wx-typing',
    });
    await desk.app.store.saveCase(wechatCase);
    const send = jest.spyOn(desk.app.handoff.channels, 'send');
    try {
      expect((await api(desk.base, 'POST', `/api/cases/${wechatCase.id}/typing`, a.token)).status).toBe(204);
      expect(send).not.toHaveBeenCalled();
    } finally {
      send.mockRestore();
    }
  });

  it("shows the customer's typing to the owner and supervisors, live only", async () => {
    const [owner, other] = await Promise.all([Console.open(desk.base, a.token), Console.open(desk.base, b.token)]);
    consoles.push(owner, other);
    const bossConsole = consoles[0];
    // A place in the stream from before the typing, to resume from.
    await customer.say('我的宽带断了');
    const line = await owner.waitForEvent((e) => e.resource === 'message' && e.type === 'created' && e.id === caseId, 'the message');
    const since = (line as StaffEvent & { streamId?: string }).streamId;
    expect(since).toBeDefined();

    await sleep(2600);
    await customerTypes();
    const typing = await owner.waitForEvent(isTypingEvent(caseId), 'the typing event');
    expect(typing.payload).toMatchObject({ from: 'customer', owner: a.username, status: 'active' });
    expect((typing as StaffEvent & { streamId?: string }).streamId).toBeUndefined();
    await bossConsole.waitForEvent(isTypingEvent(caseId), 'the typing event for the supervisor');
    await sleep(300);
    expect(other.events.filter(isTypingEvent(caseId))).toEqual([]);

    // A console catching up gets the message after `since`… but never the typing.
    const replay = connect(wsUrl(desk.base, `/api/stream?since=${since}`), { protocols: ['bearer', a.token] });
    await replay.opened;
    await customer.say('还是没网');
    await waitFor(
      () => (replay.messages as StaffEvent[]).find((e) => e.resource === 'message' && e.payload?.text === '还是没网'),
      5000,
      'the replay and live events',
    );
    expect((replay.messages as StaffEvent[]).filter((e) => e.type === 'typing')).toEqual([]);
    replay.ws.close();
  });

  it("keeps one customer indicator per window, and the customer's messages are not limited by them", async () => {
    const owner = consoles[1];
    await sleep(2600);
    const before = owner.events.filter(isTypingEvent(caseId)).length;
    for (let i = 0; i < 25; i += 1) await customerTypes();
    await sleep(500);
    expect(owner.events.filter(isTypingEvent(caseId)).length - before).toBeLessThanOrEqual(2);
    // 25 typing posts: above the per-conversation message limit (20 a minute), yet a message still goes through.
    await customer.say('麻烦快点');
    await owner.waitForEvent((e) => e.resource === 'message' && e.payload.text === '麻烦快点', 'the message after the typing');
  });
});
