import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { waitUntil, WechatMockWorld } from '../fakes/wechatMockWorld';
import { api, AGENT07, Console, logIn, NO_AGENT_ONLINE, queuedCaseOf, startDesk, type Desk } from './caseHelpers';

/**
 * The handoff with a WeChat customer (wechaty mock puppet): the queue notice, the claim and the
 * agent's messages reach the customer's WeChat; their messages reach the console. With two
 * instances, the agent works on the one that is not logged in to WeChat, and the messages
 * travel to the leader that is.
 */
function texts(world: WechatMockWorld, id: string): string[] {
  return world.inbox(id).map((m) => m.text);
}

async function waitForText(world: WechatMockWorld, id: string, match: (t: string) => boolean, what: string): Promise<void> {
  await waitUntil(() => texts(world, id).some(match), 20_000, `${what}; inbox: ${JSON.stringify(texts(world, id))}`);
}

async function startWechatDesk(world: WechatMockWorld, extra: Parameters<typeof startDesk>[0] = {}): Promise<Desk> {
  const desk = await startDesk({ ...extra, wechaty: { puppet: world.puppet } });
  return desk;
}

describe('handoff with a WeChat customer', () => {
  it('relays both ways on one instance', async () => {
    const world = new WechatMockWorld();
    world.autoLogin();
    const desk = await startWechatDesk(world);
    let consoleSocket: Console | undefined;
    try {
      await waitUntil(() => desk.app.wechat.status().login === 'logged-in', 10_000, 'the WeChat login');
      const agent = await logIn(desk.base, AGENT07);
      consoleSocket = await Console.open(desk.base, agent.token);
      const customer = world.customer('wx-handoff-1', '王先生');

      world.say(customer, '转人工');
      await waitForText(world, customer.id, (t) => t.includes('排在第 1 位'), 'the queue notice');
      // WeChat shows text only: the handoff events stay out of the chat.
      expect(texts(world, customer.id).some((t) => t.includes('handoff'))).toBe(false);
      const caseId = await queuedCaseOf(desk.base, agent.token, 'wechat:wx-handoff-1');

      expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
      await waitForText(world, customer.id, (t) => t.includes(`客服 ${agent.agentNo} 号为您服务`), 'who serves them');

      world.say(customer, '我的流量包没生效');
      await consoleSocket.waitForEvent(
        (e) => e.resource === 'message' && e.id === caseId && e.payload.text === '我的流量包没生效',
        'the message on the console',
      );

      const sent = await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '我帮您查一下流量包的状态' });
      expect(sent).toMatchObject({ status: 201, body: { channel: 'wechat' } });
      await waitForText(world, customer.id, (t) => t === '我帮您查一下流量包的状态', 'the agent message');
    } finally {
      consoleSocket?.close();
      world.stopAutoLogin();
      await desk.stop();
    }
  });

  it('routes an agent message from a standby instance to the WeChat leader through Redis', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('handoff-wechat');
    const world = new WechatMockWorld();
    world.autoLogin();
    // B runs WeChat too (same settings in production) but A holds the login lease.
    const standbyWorld = new WechatMockWorld({ botId: 'bot-standby' });
    let a: Desk | undefined;
    let b: Desk | undefined;
    try {
      a = await startWechatDesk(world, { redisUrl: TEST_REDIS_URL, redisPrefix: prefix, instanceId: 'wx-a' });
      await waitUntil(() => a!.app.wechat.status().login === 'logged-in', 10_000, 'the WeChat login on A');
      b = await startWechatDesk(standbyWorld, { redisUrl: TEST_REDIS_URL, redisPrefix: prefix, instanceId: 'wx-b' });
      expect(b.app.wechat.status().role).toBe('standby');
      const agent = await logIn(b.base, AGENT07);
      const customer = world.customer('wx-handoff-2', '李女士');

      world.say(customer, '转人工');
      // The agent works over HTTP on B with no console open: the notice says no one is online, without a wait.
      await waitForText(world, customer.id, (t) => t.includes(NO_AGENT_ONLINE), 'the queue notice');
      expect(texts(world, customer.id).some((t) => t.includes('排在第') || /\d+ 分钟/.test(t))).toBe(false);
      const caseId = await queuedCaseOf(b.base, agent.token, 'wechat:wx-handoff-2');
      expect((await api(b.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
      await waitForText(world, customer.id, (t) => t.includes('为您服务'), 'the claim, sent from B');
      expect(
        (await api(b.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '您好，我是从另一台服务器发的' })).status,
      ).toBe(201);
      await waitForText(world, customer.id, (t) => t === '您好，我是从另一台服务器发的', 'the agent message, sent from B');
    } finally {
      world.stopAutoLogin();
      await b?.stop();
      await a?.stop();
      await flushPrefix(prefix);
    }
  });
});
