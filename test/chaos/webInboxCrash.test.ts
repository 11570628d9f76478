import { PrivateRedis } from '../helpers/redisServer';
import { ServiceProcess } from './serviceProcess';
import { Ledger, WebCustomer, type Activity } from './webCustomer';

/**
 * kill -9 under load: two instances of the built service on one real Redis, web-chat customers
 * posting to either, and one instance killed with SIGKILL (mid-turn: customers never wait for
 * answers) and started again, three times. Counted from the conversation logs afterwards, over
 * every message the endpoint acknowledged with 200: answered = all of them, answered twice =
 * none, and answers in the order the messages came.
 */
jest.setTimeout(180_000);

const CUSTOMERS = 10;
const MESSAGES_EACH = 24;
const KILLS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MESSAGES = [
  '我家宽带老是断线，好几天了',
  '在朝阳区建国路88号家里',
  '上周一开始的',
  '光猫重启过了没用',
  '没有报修单号',
  '对，就是这样',
  '你好',
  '还有个事，这个月话费多扣了20元',
];

describe('web chat through kill -9 of one of two instances', () => {
  let redis: PrivateRedis | undefined;
  const services: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(services.map((s) => s.kill()));
    await redis?.destroy();
  });

  it('answers every acknowledged message exactly once, in order', async () => {
    redis = await PrivateRedis.start();
    const env = { REDIS_URL: redis.url, MESSAGES_PER_CONVERSATION_PER_MINUTE: '1000', MESSAGES_PER_ADDRESS_PER_MINUTE: '100000' };
    let victim = await ServiceProcess.start(env);
    const steady = await ServiceProcess.start(env);
    services.push(victim, steady);

    const ledger = new Ledger();
    const customers = Array.from({ length: CUSTOMERS }, () => new WebCustomer(steady.base, ledger, () => true));
    expect((await Promise.all(customers.map((c) => c.open()))).every(Boolean)).toBe(true);

    let killing = true;
    // At least MESSAGES_EACH each, and on until the last kill and restart are over.
    const senders = customers.map(async (c, i) => {
      for (let k = 0; k < MESSAGES_EACH || killing; k++) {
        const text = `${MESSAGES[(i + k) % MESSAGES.length]}（${i}-${k}）`;
        // Every other message goes to the instance that gets killed; refused there, it is sent again to the other.
        c.base = (i + k) % 2 && victim.alive ? victim.base : steady.base;
        while (!(await c.say(text))) {
          c.base = steady.base;
          await sleep(100);
        }
        await sleep(40 + ((i * 7 + k * 13) % 60));
      }
    });
    const killer = (async () => {
      for (let n = 0; n < KILLS; n++) {
        await sleep(1200);
        await victim.signal('SIGKILL', 5000);
        victim = await ServiceProcess.start(env);
        services.push(victim);
      }
      await sleep(500);
      killing = false;
    })();
    await Promise.all([killer, ...senders]);

    // Everything acknowledged gets answered, on whichever instance holds the conversation once
    // the dead one's leases run out.
    const byConversation = new Map<string, string[]>();
    for (const a of ledger.acknowledged)
      byConversation.set(a.conversationId, [...(byConversation.get(a.conversationId) ?? []), a.activityId]);
    let logs: Activity[][];
    const deadline = Date.now() + 60_000;
    for (;;) {
      customers.forEach((c) => (c.base = steady.base));
      logs = (await Promise.all(customers.map((c) => c.transcript()))).map((l) => l ?? []);
      const replied = new Set(logs.flat().map((a) => a.replyToId));
      if (ledger.acknowledged.every((a) => replied.has(a.activityId)) || Date.now() > deadline) break;
      await sleep(500);
    }

    const replies = logs.flat().filter((a) => a.replyToId);
    const replied = new Set(replies.map((a) => a.replyToId));
    const lost = ledger.acknowledged.filter((a) => !replied.has(a.activityId));
    // A turn run twice says the same thing twice to the same message.
    const seen = new Set<string>();
    const duplicates = replies.filter((a) => {
      const key = `${a.replyToId}\u0000${a.text}`;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    });
    const outOfOrder = logs.filter((log) => {
      const answeredOrder = [...new Set(log.filter((a) => a.replyToId).map((a) => a.replyToId))];
      const askedOrder = log
        .filter((a) => a.from?.role === 'user' && a.type === 'message')
        .map((a) => a.id)
        .filter((id) => answeredOrder.includes(id));
      return answeredOrder.join() !== askedOrder.join();
    });

    process.stderr.write(
      `inbox-crash: acknowledged ${ledger.acknowledged.length}, lost ${lost.length}, duplicates ${duplicates.length}, out of order ${outOfOrder.length}\n`,
    );
    expect(ledger.acknowledged.length).toBeGreaterThanOrEqual(CUSTOMERS * MESSAGES_EACH);
    expect({
      acknowledged: ledger.acknowledged.length,
      lost: lost.length,
      duplicates: duplicates.length,
      conversationsOutOfOrder: outOfOrder.length,
    }).toEqual({
      acknowledged: ledger.acknowledged.length,
      lost: 0,
      duplicates: 0,
      conversationsOutOfOrder: 0,
    });
    expect(services.filter((s) => s.exit?.signal === 'SIGKILL')).toHaveLength(KILLS);
  });
});
