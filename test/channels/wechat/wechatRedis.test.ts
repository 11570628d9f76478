import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisStore } from '../../../src/store/redisStore';
import type { Store } from '../../../src/store/store';
import { CATEGORY_ACTIONS } from '../../fakes/wechatIntakeBot';
import { waitUntil, WechatMockWorld } from '../../fakes/wechatMockWorld';
import { startHarness, stopHarness, type Harness } from './wechatChannelHarness';
import { TEST_STORE_PROTECTION } from '../../helpers/redis';

/**
 * The WeChat channel on a shared Redis: a restart mid-intake, and leader failover between two
 * instances. These run in CI (CI=true) and fail there if Redis is missing; only a developer
 * without Redis may set SKIP_REDIS_TESTS=1, which CI ignores.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const skip = process.env.SKIP_REDIS_TESTS === '1' && !process.env.CI;
const describeRedis = skip ? describe.skip : describe;

jest.setTimeout(30_000);

describeRedis('WeChat channel on Redis', () => {
  const prefix = `test:wechat:${randomUUID()}:`;
  const stores: RedisStore[] = [];
  const harnesses: Harness[] = [];

  async function redisStore(): Promise<RedisStore> {
    const store = new RedisStore({ url: REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    stores.push(store);
    await store.ready();
    return store;
  }

  afterEach(async () => {
    for (const h of harnesses.splice(0)) await stopHarness(h);
    for (const s of stores.splice(0)) await s.close();
  });

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('carries on an intake after the channel and bot restart on the same Redis', async () => {
    const first = await startHarness(await redisStore(), {}, { instanceId: 'before-restart' });
    harnesses.push(first);
    first.world.say(first.world.customer('wxid_restart', '周九'), '我要投诉');
    const [question] = await first.world.waitForInbox('wxid_restart', 1);
    expect(question.text).toContain('2. 网络信号');
    await stopHarness(harnesses.pop());
    await stores.pop()!.close();

    // A new process: new store connection, new puppet, new bot; same customer (same contact id).
    const world = new WechatMockWorld();
    const customer = world.customer('wxid_restart', '周九');
    const second = await startHarness(await redisStore(), {}, { world, instanceId: 'after-restart' });
    harnesses.push(second);
    world.say(customer, '2');
    await world.waitForInbox('wxid_restart', 1);
    expect(second.bot.seen[0]).toMatchObject({ text: CATEGORY_ACTIONS[1].value, from: { id: 'wxid_restart' } });
    expect(world.inbox('wxid_restart')[0].text).toContain('请简单描述');
    world.say(customer, '家里一直没有信号');
    const inbox = await world.waitForInbox('wxid_restart', 2);
    expect(inbox[1].text).toContain(second.bot.receipts[0].ticketId);
  });

  it('runs exactly one login across two instances and fails over within seconds when the leader dies', async () => {
    const options = { leaseMs: 1500, renewMs: 300 };
    const storeA = await redisStore();
    // Instance A "dies": it stops without releasing its lease, which must lapse on its own.
    const dyingA = new Proxy(storeA, {
      get(target, prop) {
        if (prop === 'releaseLease') return async () => undefined;
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    const worldA = new WechatMockWorld();
    const worldB = new WechatMockWorld();
    const a = await startHarness(dyingA, options, { world: worldA, instanceId: 'instance-A' });
    harnesses.push(a);
    const b = await startHarness(await redisStore(), options, { world: worldB, instanceId: 'instance-B', waitForLogin: false });
    harnesses.push(b);

    let leaders = 0;
    const watch = setInterval(() => {
      leaders = Math.max(leaders, [a, b].filter((h) => h.channel.status().role === 'leader').length);
    }, 20);
    try {
      await new Promise((r) => setTimeout(r, 1000));
      expect(a.channel.status()).toMatchObject({ role: 'leader', login: 'logged-in' });
      expect(b.channel.status()).toMatchObject({ role: 'standby', login: 'logged-out' });
      expect(worldB.puppet.state.active()).toBe(false);

      // A reply produced on the standby (e.g. an agent's console there) goes out through the leader.
      worldA.customer('wxid_relay');
      await b.channel.adapter.sendToConversation('wechat:wxid_relay', { type: 'message', text: '客服：您的问题已转交' });
      expect((await worldA.waitForInbox('wxid_relay', 1))[0].text).toBe('客服：您的问题已转交');

      const diedAt = Date.now();
      await a.channel.stop();
      expect(a.channel.status().role).toBe('standby');
      // Nobody holds the login now; an agent's message waits in the store instead of being dropped.
      worldB.customer('wxid_during_failover');
      await b.channel.adapter.sendToConversation('wechat:wxid_during_failover', { type: 'message', text: '客服：稍等，马上为您处理' });
      expect(b.channel.status().role).toBe('standby');
      await waitUntil(() => b.channel.status().login === 'logged-in', 8000, 'B takes over');
      const takeoverMs = Date.now() - diedAt;

      console.log(`WeChat leader failover took ${takeoverMs} ms (lease ${options.leaseMs} ms, renew ${options.renewMs} ms)`);
      expect(b.channel.status().role).toBe('leader');
      expect(takeoverMs).toBeLessThan(options.leaseMs + 2 * options.renewMs + 1000);
      expect(leaders).toBe(1);

      expect((await worldB.waitForInbox('wxid_during_failover', 1))[0].text).toBe('客服：稍等，马上为您处理');
      await new Promise((r) => setTimeout(r, 300));
      expect(worldB.inbox('wxid_during_failover')).toHaveLength(1);

      const customer = worldB.customer('wxid_after_failover');
      worldB.say(customer, '你好');
      await worldB.waitForInbox('wxid_after_failover', 1);
    } finally {
      clearInterval(watch);
    }
  });
});
