import { waitFor, WecomSimulator, wecomEnv } from '../fakes/wecomSimulator';
import { callbackUrl } from '../channels/wecom/wecomHarness';
import { AGENT07, api, logIn, startDesk, type Desk } from './caseHelpers';

/**
 * The handoff with a WeCom customer: the queue moves the WeCom session to 待接入池 (2), the
 * claim to 人工接待 (3), the agent's message goes out through the simulator, the console can
 * read the 48-hour / 5-message state, and handing the case back ends the session (4).
 */
describe('handoff with a WeCom customer', () => {
  let sim: WecomSimulator;
  let desk: Desk;

  beforeAll(async () => {
    sim = new WecomSimulator();
    const apiBase = await sim.start();
    desk = await startDesk({ env: wecomEnv(sim.account, apiBase), wecom: { sweepMs: 100, now: () => sim.now() } });
  });

  afterAll(async () => {
    await desk.stop();
    await sim.stop();
  });

  async function customerSays(user: string, text: string) {
    sim.customerSays(user, text);
    expect((await sim.notify(callbackUrl(desk.app))).body).toBe('success');
  }

  it('queues, claims, relays the agent message and shows the delivery state', async () => {
    const user = 'wm-handoff-1';
    const agent = await logIn(desk.base, AGENT07);
    sim.customerSendsImage(user, 'MEDIA-bill-photo');
    expect((await sim.notify(callbackUrl(desk.app))).body).toBe('success');
    await waitFor(() => sim.sentTo(user).length === 1, 10_000, 'the answer to the picture');
    await customerSays(user, '转人工');
    await waitFor(() => sim.sentTo(user).some((m) => m.text.includes('人工')), 10_000, 'the handoff notice');
    await waitFor(() => sim.stateChanges.some((c) => c.user === user && c.state === 2), 5000, 'service_state 2');
    const [queued] = (await desk.app.store.listCases({ status: 'queued' })).filter((c) => c.conversationId === `wecom:${user}`);
    expect(queued.channel).toBe('wecom');

    expect((await api(desk.base, 'POST', `/api/cases/${queued.id}/claim`, agent.token)).status).toBe(200);
    await waitFor(() => sim.sentTo(user).some((m) => m.text.includes(`客服 ${agent.agentNo} 号`)), 10_000, 'who serves them');
    await waitFor(() => sim.stateChanges.some((c) => c.user === user && c.state === 3), 5000, 'service_state 3');

    // The picture the customer sent, loaded from WeCom's media/get for the case's owner.
    const detail = await api(desk.base, 'GET', `/api/cases/${queued.id}`, agent.token);
    expect(detail.body.attachments[0]).toMatchObject({ index: 0, kind: 'image', channel: 'wecom', viewable: true });
    const picture = await fetch(`${desk.base}/api/cases/${queued.id}/attachments/0`, {
      headers: { Authorization: `Bearer ${agent.token}` },
    });
    expect(picture.status).toBe(200);
    expect(await picture.text()).toBe('media MEDIA-bill-photo');

    const sent = await api(desk.base, 'POST', `/api/cases/${queued.id}/messages`, agent.token, { text: '我帮您查一下账单' });
    expect(sent.status).toBe(201);
    await waitFor(() => sim.sentTo(user).some((m) => m.text === '我帮您查一下账单'), 10_000, 'the agent message at WeCom');

    const state = await api(desk.base, 'GET', `/api/wecom/cases/${queued.id}/delivery`, agent.token);
    expect(state.status).toBe(200);
    expect(state.body.window).toMatchObject({ open: true });
    // The picture's answer was in the window before; «转人工» opened this one: the notice, the claim, the agent.
    expect(sim.sentTo(user)).toHaveLength(4);
    expect(state.body.window.remaining).toBe(2);
    expect(state.body.held).toBeUndefined();
    expect((await api(desk.base, 'GET', `/api/wecom/cases/${queued.id}/delivery`)).status).toBe(401);

    // Handed back: the WeCom session ends (WeCom allows 3 → 4, not 3 → 1).
    expect((await api(desk.base, 'POST', `/api/cases/${queued.id}/release`, agent.token)).status).toBe(200);
    await waitFor(() => sim.stateChanges.some((c) => c.user === user && c.state === 4), 5000, 'service_state 4');
  });
});
