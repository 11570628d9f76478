import type { App } from '../../src/index';
import { talkUntilReceipt } from '../helpers/customerScript';
import { waitFor, type WecomSimulator } from '../fakes/wecomSimulator';
import { callbackUrl, useWecomDesk, wecomSession } from '../channels/wecom/wecomHarness';

/** The WeCom channel end to end: the simulator speaks WeCom's API, the desk runs the real bot. */
describe('WeCom customer service, end to end', () => {
  const desk = useWecomDesk('each');
  let sim: WecomSimulator;
  let app: App;
  beforeEach(() => {
    sim = desk.sim();
    app = desk.app();
  });

  it('answers the URL check with the decrypted echostr', async () => {
    const answer = await sim.verify(callbackUrl(app), 'echo-1234567');
    expect(answer).toEqual({ status: 200, body: 'echo-1234567' });
    // Some proxies pass the base64 echostr on unescaped: its '+' must survive.
    for (let i = 0; i < 20; i++) {
      const raw = await sim.verify(callbackUrl(app), `echo-${i}`, { unescaped: true });
      expect(raw).toEqual({ status: 200, body: `echo-${i}` });
    }
  });

  it('takes a customer through intake to a receipt with a ticket number, one merged message per turn', async () => {
    const session = wecomSession(sim, () => app, 'wm-customer-1');
    const result = await talkUntilReceipt(session, {
      opening: '上个月话费多扣了我58块钱，我根本没订过什么会员',
      facts: '10月份账单里的视频会员，58元，从来没订过',
    });
    expect(result.receiptText).toContain(result.ticketId);
    const stored = await app.store.getCaseByTicket(result.ticketId);
    expect(stored).toMatchObject({ channel: 'wecom', customerId: 'wm-customer-1', conversationId: 'wecom:wm-customer-1' });
    // The budget: each customer message got its answer in one WeCom message, never a refusal.
    expect(sim.sentTo('wm-customer-1').length).toBe(result.turns);
    expect(sim.refusals).toEqual([]);
  });

  it('answers the same callback posted twice once, and refuses a wrong signature with 401', async () => {
    sim.customerSays('wm-twice', '你好');
    const first = await sim.notify(callbackUrl(app));
    const second = await sim.notify(callbackUrl(app));
    expect([first.body, second.body]).toEqual(['success', 'success']);
    await waitFor(() => sim.sentTo('wm-twice').length >= 1, 10_000, 'the answer');
    await new Promise((r) => setTimeout(r, 800));
    expect(sim.sentTo('wm-twice')).toHaveLength(1);

    sim.customerSays('wm-forged', '你好');
    const forged = await sim.notify(callbackUrl(app), { signature: 'a'.repeat(40) });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatch(/signature/);
  });

  it('offers choices as msgmenu click items, and a click answers them', async () => {
    const session = wecomSession(sim, () => app, 'wm-menu');
    await session.say('上个月话费多扣了我58块钱，我根本没订过什么会员');
    await session.replies();
    let menuMessage = sim.sentTo('wm-menu').find((m) => m.menu?.length);
    for (let i = 0; !menuMessage && i < 4; i++) {
      await session.say('10月份账单里的视频会员，58元，从来没订过');
      await session.replies();
      menuMessage = sim.sentTo('wm-menu').find((m) => m.menu?.length);
    }
    expect(menuMessage?.msgtype).toBe('msgmenu');
    expect(menuMessage!.text).not.toMatch(/回复数字/);
    const before = sim.sentTo('wm-menu').length;
    sim.customerSays('wm-menu', menuMessage!.menu![0].content, menuMessage!.menu![0].id);
    await sim.notify(callbackUrl(app));
    await waitFor(() => sim.sentTo('wm-menu').length > before, 10_000, 'the answer to the click');
  });

  it('holds a message WeCom refuses for the window (95001) and sends it on the customer next message', async () => {
    const user = 'wm-refused';
    const session = wecomSession(sim, () => app, user);
    await session.say('你好');
    await session.replies();
    sim.spendWindow(user);
    await app.handoff.channels.send('wecom', `wecom:${user}`, { type: 'message', text: '被拒的消息' });
    await waitFor(() => sim.refusals.length === 1, 10_000, 'the refusal');
    expect(sim.refusals[0]).toEqual({ touser: user, errcode: 95001 });
    expect(await app.wecom!.deliveryState(`wecom:${user}`)).toMatchObject({ held: { reason: 'budget-spent', waiting: 1 } });
    await new Promise((r) => setTimeout(r, 500));
    // Counted as spent: the desk does not ask WeCom again until the customer writes.
    expect(sim.refusals).toHaveLength(1);
    await session.say('在吗');
    await waitFor(() => sim.sentTo(user).some((m) => m.text === '被拒的消息'), 10_000, 'the held message');
  });

  it('never exceeds 5 messages in a window; held messages go out on the customer next message', async () => {
    const user = 'wm-budget';
    const conversationId = `wecom:${user}`;
    const session = wecomSession(sim, () => app, user);
    await session.say('你好');
    await session.replies();
    expect(sim.sentTo(user)).toHaveLength(1);
    // An agent writes six times without an answer: four fit in this window, two wait.
    for (let i = 1; i <= 6; i++) await app.handoff.channels.send('wecom', conversationId, { type: 'message', text: `客服消息 ${i}` });
    await waitFor(() => sim.sentTo(user).length === 5, 10_000, 'five messages');
    await new Promise((r) => setTimeout(r, 800));
    expect(sim.sentTo(user)).toHaveLength(5);
    expect(sim.refusals).toEqual([]);
    const state = await app.wecom!.deliveryState(conversationId);
    expect(state).toMatchObject({
      window: { open: false, reason: 'budget-spent' },
      held: { reason: 'budget-spent', waiting: 2 },
      notice: '窗口已关闭，客户下次发消息时送达',
    });

    // The customer writes again: the held messages go first, then the bot's answer.
    await session.say('好的，我等消息');
    await waitFor(() => sim.sentTo(user).length >= 8, 10_000, 'the held messages and the answer');
    const texts = sim.sentTo(user).map((m) => m.text);
    expect(texts.slice(5, 7)).toEqual(['客服消息 5', '客服消息 6']);
    expect(await app.wecom!.deliveryState(conversationId)).not.toHaveProperty('held');

    // 48 hours later the window is closed: a message waits instead of being refused by WeCom.
    sim.advance(49 * 3600 * 1000);
    const sentBefore = sim.sentTo(user).length;
    await app.handoff.channels.send('wecom', conversationId, { type: 'message', text: '两天后的消息' });
    await new Promise((r) => setTimeout(r, 600));
    expect(sim.sentTo(user)).toHaveLength(sentBefore);
    expect(await app.wecom!.deliveryState(conversationId)).toMatchObject({ held: { reason: 'window-closed', waiting: 1 } });
    await session.say('在吗');
    await waitFor(() => sim.sentTo(user).some((m) => m.text === '两天后的消息'), 10_000, 'the held message');
    expect(sim.refusals).toEqual([]);
  });
});
