import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redisStore';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix, TEST_STORE_PROTECTION } from '../helpers/redis';
import { storeContract } from './storeContract';

const prefixes: string[] = [];

storeContract('redis', async () => {
  if (!(await redisAvailable())) return undefined;
  const prefix = uniquePrefix('store');
  prefixes.push(prefix);
  const store = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
  await store.ready();
  return store;
});

afterAll(async () => {
  if (await redisAvailable()) for (const p of prefixes) await flushPrefix(p);
});

describe('Redis log retention', () => {
  it('expires conversation logs but keeps durable logs (the audit trail) forever', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('retention');
    const store = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    const probe = new Redis(TEST_REDIS_URL);
    try {
      await store.appendActivity('conv-1', { type: 'message' });
      await store.appendDurable('audit:all', { action: 'reveal' });
      expect(await probe.ttl(`${prefix}activities:conv-1`)).toBeGreaterThan(0);
      expect(await probe.ttl(`${prefix}activities:audit:all`)).toBe(-1);
    } finally {
      await probe.quit();
      await store.close();
      await flushPrefix(prefix);
    }
  });

  it('survives a malformed message on a subscribed channel', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('pubsub');
    const store = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    const probe = new Redis(TEST_REDIS_URL);
    try {
      const got: unknown[] = [];
      await store.subscribe('t', (m) => got.push(m));
      await probe.publish(`${prefix}topic:t`, '{not json');
      await store.publish('t', { ok: true });
      const start = Date.now();
      while (got.length === 0 && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([{ ok: true }]);
    } finally {
      await probe.quit();
      await store.close();
      await flushPrefix(prefix);
    }
  });
});
