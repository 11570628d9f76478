import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { api, AGENT07, Console, Customer, logIn, queuedCaseOf, startDesk, type Desk } from './caseHelpers';

/**
 * Two instances on one Redis: the customer's web chat is connected to A, the agent works on B.
 * Both directions are live: customer → B's console through Redis pub/sub, agent on B → the
 * customer's socket on A through the shared conversation log.
 */
describe('handoff across two instances sharing Redis', () => {
  it('relays live between a customer on A and an agent on B', async () => {
    // Locally without Redis this says so and skips; with CI=true redisAvailable() throws instead.
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('handoff-2');
    let a: Desk | undefined;
    let b: Desk | undefined;
    let customer: Customer | undefined;
    let consoleOnB: Console | undefined;
    try {
      a = await startDesk({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, instanceId: 'instance-a' });
      b = await startDesk({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, instanceId: 'instance-b' });
      const agent = await logIn(b.base, AGENT07);
      consoleOnB = await Console.open(b.base, agent.token);
      customer = await Customer.connect(a.base);

      await customer.say('转人工');
      await customer.expectMessage((t) => t.includes('排在第 1 位'), 'the queue notice on A');
      const caseId = await queuedCaseOf(b.base, agent.token, customer.conversationId);
      await consoleOnB.waitForEvent((e) => e.type === 'handoff.initiate' && e.id === caseId, 'handoff.initiate on B');

      const claimed = await api(b.base, 'POST', `/api/cases/${caseId}/claim`, agent.token);
      expect(claimed.status).toBe(200);
      await customer.expectMessage((t) => t.includes(`客服 ${agent.agentNo} 号为您服务`), 'the claim told on A');

      // Customer on A → console on B.
      for (const text of ['第一句：宽带又断了', '第二句：路由器灯是红的']) {
        const started = Date.now();
        await customer.say(text);
        await consoleOnB.waitForEvent((e) => e.resource === 'message' && e.id === caseId && e.payload.text === text, `"${text}" on B`);
        console.info(`customer on A → console on B: ${Date.now() - started} ms`);
      }
      // Agent on B → customer on A.
      for (const text of ['您好，我看到了', '我这边帮您重新下发配置，请稍等']) {
        const started = Date.now();
        expect((await api(b.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text })).status).toBe(201);
        await customer.expectMessage((t) => t === text, `"${text}" on A`);
        console.info(`agent on B → customer on A: ${Date.now() - started} ms`);
      }
      // The bot on A stayed silent throughout, and the case on A's store has the whole exchange.
      expect(await customer.settle()).toEqual([]);
      const page = await api(a.base, 'GET', `/api/cases/${caseId}`, agent.token);
      expect(
        page.body.transcript.filter((t: { from: string }) => t.from !== 'bot' && t.from !== 'system').map((t: { text: string }) => t.text),
      ).toEqual(['转人工', '第一句：宽带又断了', '第二句：路由器灯是红的', '您好，我看到了', '我这边帮您重新下发配置，请稍等']);

      // Released on B: the bot on A answers again.
      expect((await api(b.base, 'POST', `/api/cases/${caseId}/release`, agent.token)).status).toBe(200);
      await customer.expectMessage((t) => t.includes('智能助手'), 'the hand-back on A');
      await customer.say('你好');
      expect((await customer.settle()).length).toBeGreaterThan(0);
      expect(customer.client.errors).toEqual([]);
    } finally {
      customer?.end();
      consoleOnB?.close();
      await a?.stop();
      await b?.stop();
      await flushPrefix(prefix);
    }
  });
});
