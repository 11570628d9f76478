import { api, logIn, startDesk, AGENT07, BOSS, type Desk, type StaffSession } from '../../api/caseHelpers';
import { waitFor } from '../web/helpers/webServer';
import { talkUntilReceipt, type ChannelSession } from '../../helpers/customerScript';
import { ToyChannel, toyConversationId } from './toyChannel';

/**
 * The channel seam: a channel written in this folder only, handed to createApp, is listed for
 * staff, takes a complaint to a receipt on the one bot core, and carries a hand-over both ways.
 */
describe('a channel from outside the desk (createApp channels)', () => {
  const toy = new ToyChannel();
  let desk: Desk;
  let agent: StaffSession;
  beforeAll(async () => {
    desk = await startDesk({ channels: [toy] });
    agent = await logIn(desk.base, AGENT07);
  });
  let running = true;
  afterAll(async () => {
    if (running) await desk?.stop();
  });

  const session = (user: string): ChannelSession => {
    let pending: string[] = [];
    return {
      say: async (text) => {
        pending.push(...(await toy.adapter!.say(user, text)));
      },
      replies: async () => {
        const out = pending;
        pending = [];
        return out;
      },
    };
  };

  it('is listed for staff with its label and capabilities, and connected', async () => {
    const listed = await api(desk.base, 'GET', '/api/channels', agent.token);
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual({
      id: 'toy',
      label: '短信模拟',
      capabilities: { cards: false, menus: false, attachments: false, typing: false },
      connected: true,
    });
    expect(listed.body.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['web', 'wechat', 'toy']));
  });

  it('takes a complaint to a receipt, recorded as a case of its own channel', async () => {
    const result = await talkUntilReceipt(session('cust-1'), {
      opening: '我家宽带三天两头断网，晚上根本用不了',
      facts: '杭州市西湖区文三路88号，从上周一开始，每天晚上八点以后断，重启光猫也没用',
    });
    const stored = await desk.app.store.getCaseByTicket(result.ticketId);
    expect(stored).toMatchObject({ channel: 'toy', conversationId: toyConversationId('cust-1') });
    // Choices reach a plain-text channel as numbered lines (the shared rendering), never as cards.
    expect(result.transcript.join('\n')).not.toMatch(/\[object Object\]|heroCard/);
    // A supervisor sees every case; filtering by the new channel works like any other.
    const boss = await logIn(desk.base, BOSS);
    const listed = await api(desk.base, 'GET', '/api/cases?channel=toy', boss.token);
    expect(listed.status).toBe(200);
    expect(listed.body.map((r: { ticketId: string }) => r.ticketId)).toContain(result.ticketId);
  });

  it('hands a customer to an agent: notices and the agent reply reach the channel, the customer reaches the agent', async () => {
    const user = 'cust-2';
    const conversationId = toyConversationId(user);
    const queued = await toy.adapter!.say(user, '转人工');
    expect(queued.join('')).toMatch(/暂时没有人工客服同事在线|排在第/);
    const caseId = await waitFor(
      async () => {
        const rows = (await api(desk.base, 'GET', '/api/cases?status=queued&channel=toy', agent.token)).body as { id: string }[];
        for (const row of rows) {
          if ((await api(desk.base, 'GET', `/api/cases/${row.id}`, agent.token)).body.conversationId === conversationId) return row.id;
        }
        return undefined;
      },
      10_000,
      'the queued toy case',
    );

    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
    const outbox = toy.adapter!.outboxOf(conversationId);
    await waitFor(() => outbox.find((t) => t.includes(`客服 ${agent.agentNo} 号为您服务`)), 10_000, 'who serves them');

    // While a person serves the case the bot stays quiet and the line goes to the agent's transcript.
    expect(await toy.adapter!.say(user, '营业厅说要我自己去查，到底谁负责')).toEqual([]);
    const detail = await api(desk.base, 'GET', `/api/cases/${caseId}`, agent.token);
    expect(detail.body.channel).toBe('toy');
    expect(detail.body.transcript.map((t: { text: string }) => t.text)).toContain('营业厅说要我自己去查，到底谁负责');

    const sent = await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '您好，这件事由我来跟进' });
    expect(sent.status).toBe(201);
    await waitFor(() => outbox.find((t) => t === '您好，这件事由我来跟进'), 10_000, 'the agent reply on the toy channel');

    const resolved = await api(desk.base, 'POST', `/api/cases/${caseId}/resolve`, agent.token, {
      cause: '营业厅未按规定受理',
      solution: '已由专人跟进并当面致歉',
    });
    expect(resolved.status).toBe(200);
    await waitFor(() => outbox.find((t) => t.includes('已由专人跟进并当面致歉')), 10_000, 'the result notice');
  });

  it('is stopped with the desk and no longer connected', async () => {
    running = false;
    await desk.stop();
    expect(toy.stopped).toBe(true);
    expect(desk.app.handoff.channels.isConnected('toy')).toBe(false);
  });
});
