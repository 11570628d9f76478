import type { App } from '../../../src/index';
import { RedisStore } from '../../../src/store/redisStore';
import { talkUntilReceipt } from '../../helpers/customerScript';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, TEST_SECURE_ENV, TEST_STORE_PROTECTION, uniquePrefix } from '../../helpers/redis';
import { waitFor, WecomSimulator } from '../../fakes/wecomSimulator';
import { callbackUrl, startWecomDesk, wecomSession } from './wecomHarness';

/**
 * WeCom on a shared Redis: a desk restarted mid-intake (with a message arriving while none
 * runs) and two desks side by side go on from the stored cursor, every customer message read
 * and answered exactly once.
 */
describe('WeCom channel on Redis', () => {
  const prefix = uniquePrefix('wecom');
  const stores: RedisStore[] = [];
  const apps: App[] = [];
  let sim: WecomSimulator;
  let apiBase: string;
  let available = false;

  beforeAll(async () => {
    available = await redisAvailable();
    sim = new WecomSimulator();
    apiBase = await sim.start();
  });

  afterAll(async () => {
    for (const app of apps) await app.stop().catch(() => undefined);
    for (const store of stores) await store.close().catch(() => undefined);
    await sim.stop();
    if (available) await flushPrefix(prefix);
  });

  async function desk(instanceId: string): Promise<App> {
    const store = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    stores.push(store);
    const app = await startWecomDesk(sim, apiBase, { store, env: { ...TEST_SECURE_ENV }, instanceId });
    apps.push(app);
    return app;
  }

  function repliesPerMessage(user: string): boolean {
    return sim.sentTo(user).length === sim.messages.filter((m) => m.external_userid === user).length;
  }

  it('continues an intake after a restart, with a message that came while no desk ran', async () => {
    if (!available) return console.warn('Redis not available; skipped');
    const user = 'wm-restart';
    let app = await desk('before-restart');
    const session = wecomSession(sim, () => app, user);
    await session.say('上个月话费多扣了我58块钱，我根本没订过什么会员');
    await session.replies();
    await app.stop();

    // The customer answers while the desk is down: WeCom's callback finds nobody.
    sim.customerSays(user, '10月份账单里的视频会员，58元，从来没订过');
    const callsBefore = sim.syncCalls.length;
    app = await desk('after-restart');
    // The new desk pulls on start, from the stored cursor, not from the beginning.
    await waitFor(() => sim.sentTo(user).length === 2, 15_000, 'the answer to the message sent during the restart');
    expect(sim.syncCalls[callsBefore].cursor).toMatch(/^c[1-9]/);
    await session.replies();

    const result = await talkUntilReceipt(session, {
      opening: '10月份账单里的视频会员，58元，从来没订过',
      facts: '10月份账单里的视频会员，58元，从来没订过',
    });
    const stored = await app.store.getCaseByTicket(result.ticketId);
    expect(stored).toMatchObject({ channel: 'wecom', customerId: user });
    await new Promise((r) => setTimeout(r, 500));
    expect(repliesPerMessage(user)).toBe(true);
    expect(sim.refusals).toEqual([]);
  });

  it('two desks on one Redis answer each message once, whichever gets the callback', async () => {
    if (!available) return console.warn('Redis not available; skipped');
    const [a, b] = [await desk('desk-a'), await desk('desk-b')];
    const users = ['wm-two-1', 'wm-two-2', 'wm-two-3'];
    for (const [i, user] of users.entries()) {
      sim.customerSays(user, '你好');
      // Both desks hear about it (WeCom retries after a slow answer); the first pull takes it.
      await Promise.all([sim.notify(callbackUrl(i % 2 ? a : b)), sim.notify(callbackUrl(i % 2 ? b : a))]);
    }
    await waitFor(() => users.every((u) => sim.sentTo(u).length >= 1), 15_000, 'every answer');
    await new Promise((r) => setTimeout(r, 1000));
    for (const user of users) expect(sim.sentTo(user)).toHaveLength(1);
  });
});
