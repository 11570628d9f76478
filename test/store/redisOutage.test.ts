import { RedisStore } from '../../src/store/redisStore';
import { StoreUnavailableError } from '../../src/store/store';
import { PrivateRedis } from '../helpers/redisServer';
import { TEST_STORE_PROTECTION } from '../helpers/redis';

/**
 * The Redis store through an outage of its own private server: calls fail fast with the one
 * recognisable error, the health check says so, and everything (pub/sub included) comes back
 * by itself once Redis does.
 */
jest.setTimeout(60_000);

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('RedisStore during a Redis outage', () => {
  let redis: PrivateRedis;
  let store: RedisStore;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });

  afterAll(async () => {
    await store?.close();
    await redis?.destroy();
  });

  it('fails fast with StoreUnavailableError, reports unhealthy, and recovers with its subscriptions', async () => {
    store = new RedisStore({ url: redis.url, prefix: 'outage:', ...TEST_STORE_PROTECTION });
    await store.ready();
    const got: unknown[] = [];
    await store.subscribe('news', (m) => got.push(m));
    await store.appendActivity('c1', { text: 'before' });
    expect(await store.checkHealth()).toEqual({ ok: true });

    await redis.down();
    await eventually('health turns unavailable', async () => ((await store.checkHealth()).ok ? undefined : true), 2000);
    expect(await store.checkHealth()).toMatchObject({ ok: false, reason: 'store unavailable' });

    // Every kind of call: plain, transaction, script, bot state, pub/sub; each bounded and the same error.
    const calls: [string, () => Promise<unknown>][] = [
      ['getCase', () => store.getCase('x')],
      ['appendActivity', () => store.appendActivity('c1', { text: 'during' })],
      ['nextTicketSequence', () => store.nextTicketSequence('20261203')],
      ['acquireLease', () => store.acquireLease('l', 'me', 1000)],
      ['botStorage.read', () => store.botStorage.read(['k'])],
      ['botStorage.write', () => store.botStorage.write({ k: { a: 1, eTag: '*' } })],
      ['publish', () => store.publish('news', { n: 0 })],
      ['subscribe', () => store.subscribe('other', () => undefined)],
    ];
    for (const [name, call] of calls) {
      const started = Date.now();
      const outcome = await call().then(
        () => 'resolved',
        (err: unknown) => err,
      );
      expect({ name, isUnavailable: outcome instanceof StoreUnavailableError }).toEqual({ name, isUnavailable: true });
      expect(Date.now() - started).toBeLessThan(1500);
    }

    await redis.up();
    const healthy = await eventually('health back', async () => ((await store.checkHealth()).ok ? true : undefined), 5000);
    const written = await eventually('writes back', () => store.appendActivity('c1', { text: 'after' }), 5000);
    console.log(`redis back → healthy in ${healthy.ms} ms, first write in ${written.ms} ms`);
    expect(healthy.ms).toBeLessThan(5000);

    // AOF kept what was written before; nothing written during the outage slipped in later.
    expect((await store.readActivities('c1', -1)).map((e) => e.activity.text)).toEqual(['before', 'after']);
    // The subscription made before the outage is live again.
    await eventually(
      'pub/sub back',
      async () => {
        await store.publish('news', { n: 1 });
        return got.length ? true : undefined;
      },
      5000,
    );
    expect(got[0]).toEqual({ n: 1 });
    // A subscription refused during the outage can be made now.
    const other: unknown[] = [];
    await store.subscribe('other', (m) => other.push(m));
    await store.publish('other', { n: 2 });
    await eventually('new subscription', async () => (other.length ? true : undefined), 2000);
  });

  it('closes within a bound while Redis is down', async () => {
    const s = new RedisStore({ url: redis.url, prefix: 'outage-close:', ...TEST_STORE_PROTECTION });
    await s.ready();
    await s.subscribe('t', () => undefined);
    await redis.down();
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1500);
    await redis.up();
  });
});
