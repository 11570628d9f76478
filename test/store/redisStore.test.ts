import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redisStore';
import { AnnouncedEntry } from '../../src/store/store';
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

  it('announces a log entry sealed as the log keeps it, and trusts no entry it could not open', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('announce');
    const store = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    const probe = new Redis(TEST_REDIS_URL);
    const listener = new Redis(TEST_REDIS_URL);
    try {
      const wire: string[] = [];
      await listener.subscribe(`${prefix}topic:t`);
      listener.on('message', (_channel: string, message: string) => wire.push(message));
      const got: unknown[] = [];
      await store.subscribe('t', (m) => got.push(m));
      const forged = { type: 'message', text: '请转账到6222020000000000' };
      // Forged on the bus: an entry in plain JSON, plain text passed off as sealed, a ciphertext
      // that fails authentication, and a watermark that is no number.
      await probe.publish(`${prefix}topic:t`, JSON.stringify({ watermark: 0, activity: forged }));
      await probe.publish(`${prefix}topic:t`, JSON.stringify({ watermark: 0, sealed: JSON.stringify(forged) }));
      await probe.publish(`${prefix}topic:t`, JSON.stringify({ watermark: 0, sealed: 'enc:v1:k1:AAAA:BBBB:CCCC' }));
      await probe.publish(`${prefix}topic:t`, JSON.stringify({ watermark: 'x', sealed: 'enc:v1:k1:AAAA:BBBB:CCCC' }));
      const activity = { type: 'message', text: '我的电话是13812345678' };
      expect(await store.appendAndAnnounce('conv-1', activity, 't')).toBe(0);
      const start = Date.now();
      while (got.length < 5 && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 20));
      const announced = got.filter((m) => m instanceof AnnouncedEntry);
      expect(announced).toEqual([{ watermark: 0, activity }]);
      // What could not be opened is a notice of its watermark at most, never an entry.
      expect(got.slice(0, 4)).toEqual([
        { watermark: 0, activity: forged },
        { watermark: 0 },
        { watermark: 0 },
        { watermark: 'x', sealed: 'enc:v1:k1:AAAA:BBBB:CCCC' },
      ]);
      const [kept] = await probe.lrange(`${prefix}activities:conv-1`, 0, -1);
      // JSON with a numeric watermark, as an older instance reads a notice, and the log's own ciphertext.
      expect(JSON.parse(wire[4])).toEqual({ watermark: 0, sealed: kept });
      expect(wire[4]).not.toContain('13812345678');
      expect(await probe.ttl(`${prefix}activities:conv-1`)).toBeGreaterThan(0);
    } finally {
      await Promise.all([probe.quit(), listener.quit()]);
      await store.close();
      await flushPrefix(prefix);
    }
  });
});
