import { createApp, type App } from '../../src/index';
import { talkUntilReceipt, type ChannelSession } from '../helpers/customerScript';
import { waitUntil, WechatMockWorld } from '../fakes/wechatMockWorld';

/**
 * The WeChat contract as external checks use it: createApp({ wechaty: { puppet } }) with the
 * mock puppet, a customer complaining to the logged-in bot, the real bot core and dialogs.
 */
function sessionOf(world: WechatMockWorld, customer: ReturnType<WechatMockWorld['customer']>): ChannelSession {
  let seen = 0;
  return {
    async say(text) {
      world.say(customer, text);
    },
    async replies() {
      const inbox = () => world.inbox(customer.id);
      await waitUntil(() => inbox().length > seen, 15_000, 'a reply');
      // The channel paces replies like a person typing: wait until it has been quiet for a while.
      let count = inbox().length;
      for (;;) {
        await new Promise((r) => setTimeout(r, 1500));
        if (inbox().length === count) break;
        count = inbox().length;
      }
      const fresh = inbox()
        .slice(seen)
        .map((m) => m.text);
      seen = inbox().length;
      return fresh;
    },
  };
}

describe('WeChat intake, end to end', () => {
  let world: WechatMockWorld;
  let app: App;

  beforeEach(async () => {
    world = new WechatMockWorld();
    world.autoLogin();
    app = createApp({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent' }, wechaty: { puppet: world.puppet } });
    await app.start();
    await waitUntil(() => app.wechat.status().login === 'logged-in', 10_000, 'the WeChat login');
  });

  afterEach(async () => {
    world.stopAutoLogin();
    await app.stop();
  });

  it('answers a complaint within 2 seconds and reaches a plain-text receipt with the ticket id', async () => {
    const customer = world.customer('wx-customer-1', '张女士');
    const sentAt = Date.now();
    world.say(customer, '上个月话费多扣了我58块钱，我根本没订过什么会员');
    const [first] = await world.waitForInbox(customer.id, 1, 5000);
    const firstReplyMs = first.at - sentAt;
    expect(firstReplyMs).toBeLessThan(2000);

    const session = sessionOf(world, customer);
    await session.replies();
    const result = await talkUntilReceipt(session, {
      opening: '是10月的账单，一个叫视频会员的项目，每月扣58元，我从来没订过',
      facts: '10月份账单里的视频会员，58元，从来没订过',
    });
    expect(result.receiptText).toContain(result.ticketId);
    expect(result.receiptText).toMatch(/回复时限/);
    const stored = await app.store.getCaseByTicket(result.ticketId);
    expect(stored).toMatchObject({ channel: 'wechat', customerId: customer.id, category: 'billing_dispute' });
    console.info(`WeChat first reply after ${firstReplyMs} ms; receipt after ${result.turns} customer turns`);
  });

  it('reports the login on /healthz without the QR value', async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    const body = (await res.json()) as { wechat: Record<string, unknown> };
    expect(body.wechat).toMatchObject({ enabled: true, role: 'leader', login: 'logged-in' });
    expect(body.wechat.qrcodeUrl).toBeUndefined();
  });
});
