import { RedisStore } from '../../src/store/redisStore';
import { PrivateRedis } from '../helpers/redisServer';
import { Ledger, WebCustomer, HANG_MS } from './webCustomer';
import { ServiceProcess } from './serviceProcess';
import { TEST_STORE_PROTECTION } from '../helpers/redis';

/**
 * Chaos: the built service on its own Redis (AOF, fsync always), several web customers filing
 * complaints over HTTP, and Redis stopped under that load for about three seconds, then started
 * again on the same port and data dir. Counted from outside: the process stays alive, /healthz
 * says 503 during and 200 after, every request is answered (no hang, no 5xx but 503), no
 * acknowledged message and no issued ticket is missing afterwards, and the service is back
 * within 5 s of Redis.
 */
jest.setTimeout(120_000);

const SCRIPTS = [
  {
    opening: '我家里手机信号特别差，打电话老是掉线',
    facts: '在朝阳区建国路88号小区家里，上周一开始的，晚上最严重，手机是华为Mate60，邻居也一样',
  },
  { opening: '是10月的账单，一个叫视频会员的项目，每月扣58元，我从来没订过', facts: '10月份账单里的视频会员，58元，从来没订过' },
  { opening: '家里宽带坏了好几天没人来修', facts: '光猫的灯一直闪，已经重启过了，报修单号没记住，师傅约好了没来' },
];
const CUSTOMERS = 6;
const BURST = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a Redis outage under load', () => {
  let redis: PrivateRedis | undefined;
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    await service?.kill();
    await redis?.destroy();
  });

  it('degrades to 503 and recovers by itself, losing nothing that was acknowledged', async () => {
    redis = await PrivateRedis.start();
    service = await ServiceProcess.start({ REDIS_URL: redis.url });
    const ledger = new Ledger();
    let running = true;
    let alwaysAlive = true;
    const health: { at: number; status: number | 'hang' | 'network' }[] = [];

    const watcher = (async () => {
      while (running) {
        if (!service!.alive) alwaysAlive = false;
        const res = await ledger.call('healthz', `${service!.base}/healthz`);
        health.push({ at: Date.now(), status: res?.status ?? ledger.requests[ledger.requests.length - 1].status });
        await sleep(100);
      }
    })();
    const customers = Array.from({ length: CUSTOMERS }, (_, i) =>
      new WebCustomer(service!.base, ledger, () => running).run(SCRIPTS[i % SCRIPTS.length]),
    );

    // Customers who all write at the moment Redis goes: their bot turns are cut off mid-way.
    const burst = Array.from({ length: BURST }, () => new WebCustomer(service!.base, ledger, () => running));
    expect((await Promise.all(burst.map((c) => c.open()))).every(Boolean)).toBe(true);

    await sleep(8000); // load before the outage: conversations mid-intake, some receipts issued
    const receiptsBefore = ledger.receipts.length;
    const burstPosts = burst.map((c, i) => c.say(SCRIPTS[i % SCRIPTS.length].opening));
    // Redis goes the moment the first of them is acknowledged: the others, and their turns, are in flight.
    await Promise.race(burstPosts);
    const downAt = Date.now();
    await redis.down('command');
    const burstAcked = (await Promise.all(burstPosts)).filter(Boolean).length;
    await sleep(3000);
    await redis.up();
    const backAt = Date.now();
    await sleep(10_000); // load after: retried turns finish, customers go on
    running = false;
    await Promise.all([watcher, ...customers]);
    await sleep(3000); // the last turns finish writing
    const aliveAtEnd = service.alive;

    // What the store holds afterwards, read directly.
    const store = new RedisStore({ url: redis.url, ...TEST_STORE_PROTECTION });
    const lostMessages: typeof ledger.acknowledged = [];
    const lostTickets: string[] = [];
    // Acknowledged messages the bot never answered.
    let unanswered = 0;
    let duplicateCases: number;
    try {
      await store.ready();
      for (const ack of ledger.acknowledged) {
        const log = await store.readActivities(ack.conversationId, -1);
        const at = log.findIndex((e) => e.activity.id === ack.activityId);
        if (at === -1) lostMessages.push(ack);
        else {
          // Answered means a bot message before the customer's next message (turns run in order).
          const after = log.slice(at + 1);
          const nextUser = after.findIndex((e) => (e.activity.from as { role?: string } | undefined)?.role !== 'bot');
          const untilNext = nextUser === -1 ? after : after.slice(0, nextUser);
          if (!untilNext.some((e) => (e.activity.from as { role?: string } | undefined)?.role === 'bot')) unanswered += 1;
        }
      }
      for (const { ticketId } of ledger.receipts) if (!(await store.getCaseByTicket(ticketId))) lostTickets.push(ticketId);
      // Each customer conversation files one complaint: more than one case means a turn ran twice.
      const perConversation = new Map<string, number>();
      for (const c of await store.listCases()) perConversation.set(c.conversationId, (perConversation.get(c.conversationId) ?? 0) + 1);
      duplicateCases = [...perConversation.values()].reduce((sum, n) => sum + n - 1, 0);
    } finally {
      await store.close();
    }

    const during = health.filter((h) => h.at > downAt + 300 && h.at < backAt);
    const firstHealthyAfter = health.find((h) => h.at >= backAt && h.status === 200);
    const firstPostAfter = ledger.requests.find((r) => r.kind === 'post' && r.at >= backAt && r.status === 200);
    const hangs = ledger.requests.filter((r) => r.status === 'hang' || r.ms > HANG_MS);
    const other5xx = ledger.requests.filter((r) => typeof r.status === 'number' && r.status >= 500 && r.status !== 503);
    const network = ledger.requests.filter((r) => r.status === 'network');
    const figures = {
      requests: ledger.requests.length,
      answered503: ledger.requests.filter((r) => r.status === 503).length,
      hangs: hangs.length,
      other5xx: other5xx.length,
      networkErrors: network.length,
      slowestMs: Math.max(...ledger.requests.map((r) => r.ms)),
      acknowledgedMessages: ledger.acknowledged.length,
      acknowledgedMessagesLost: lostMessages.length,
      acknowledgedButUnanswered: unanswered,
      burstAcknowledged: burstAcked,
      receiptsBeforeOutage: receiptsBefore,
      receipts: ledger.receipts.length,
      ticketsLost: lostTickets.length,
      duplicateCases,
      healthzDuring: [...new Set(during.map((h) => h.status))],
      recoverHealthzMs: firstHealthyAfter ? firstHealthyAfter.at - backAt : null,
      recoverPostMs: firstPostAfter ? firstPostAfter.at - backAt : null,
      outageMs: backAt - downAt,
    };
    console.log(`chaos figures: ${JSON.stringify(figures, null, 2)}\n503 wording: ${[...ledger.unavailableMessages].join(' | ')}`);
    if (!aliveAtEnd || other5xx.length || hangs.length) console.log(service.output.slice(-60).join('\n'));

    expect(alwaysAlive && aliveAtEnd).toBe(true);
    expect(during.length).toBeGreaterThan(5);
    expect(figures.healthzDuring).toEqual([503]);
    expect(health[health.length - 1].status).toBe(200);
    expect(figures.hangs).toBe(0);
    expect(figures.other5xx).toBe(0);
    expect(figures.networkErrors).toBe(0);
    expect(figures.answered503).toBeGreaterThan(0);
    expect(ledger.acknowledged.length).toBeGreaterThan(CUSTOMERS);
    expect(lostMessages).toEqual([]);
    // Turns cut off by the outage ran once Redis was back: every acknowledged message got an answer.
    expect(figures.acknowledgedButUnanswered).toBe(0);
    expect(ledger.receipts.length).toBeGreaterThan(0);
    expect(lostTickets).toEqual([]);
    expect(figures.recoverHealthzMs).not.toBeNull();
    expect(figures.recoverHealthzMs!).toBeLessThanOrEqual(5000);
    expect(figures.recoverPostMs).not.toBeNull();
    expect(figures.recoverPostMs!).toBeLessThanOrEqual(5000);
    expect([...ledger.unavailableMessages].some((m) => m.includes('系统正忙'))).toBe(true);
  });

  it('exits within a bound on SIGTERM while its Redis is down', async () => {
    redis ??= await PrivateRedis.start();
    await redis.up();
    await service?.kill();
    service = await ServiceProcess.start({ REDIS_URL: redis.url });
    // A conversation in flight, so there is something to drain.
    await fetch(`${service.base}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await redis.down();
    await sleep(500);
    const exitMs = await service.signal('SIGTERM', 15_000);
    console.log(`SIGTERM with Redis down: exited after ${exitMs} ms, ${JSON.stringify(service.exit)}`);
    expect(exitMs).toBeDefined();
    expect(exitMs!).toBeLessThan(11_000);
  });
});
