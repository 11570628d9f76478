import '../channels/web/helpers/nodeGlobals';
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botframework-directlinejs';
import { Redis } from 'ioredis';
import { createApp, type App } from '../../src/index';
import { DataCipher } from '../../src/privacy/dataCipher';
import { SearchKeys } from '../../src/privacy/searchKeys';
import { RedisStore } from '../../src/store/redisStore';
import { RecordingClient } from '../channels/web/helpers/directLineClient';
import { generateToken } from '../channels/web/helpers/webServer';
import { talkUntilReceipt, type ChannelSession } from '../helpers/customerScript';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, TEST_SECURE_ENV, TEST_STORE_PROTECTION, uniquePrefix } from '../helpers/redis';
import { makeCase } from './storeContract';

/**
 * What an attacker who reads Redis (a dump, a replica, a stolen backup) gets: after a real
 * intake with a phone and an ID number, no value or key under the desk's prefix holds either
 * number in any spelling, nor any secret.
 */
const PHONE = '13812345678';
const ID_NUMBER = '11010519491231002X';
const COMPLAINT = {
  opening: `我的号码${PHONE}这个月话费多扣了58元，机主身份证${ID_NUMBER}，请帮我查一下`,
  facts: `10月的账单，多扣了58元，号码 138-1234-5678，身份证 110105 1949 1231 002X`,
};

/** Every spelling a number could be stored in: plain, with spaces or dashes between groups, lower-case x. */
function spellings(): string[] {
  const phone = [PHONE, '138 1234 5678', '138-1234-5678', '1381234', '12345678'];
  const id = [ID_NUMBER, ID_NUMBER.toLowerCase(), '110105 1949 1231 002X', '110105-1949-1231-002X', '19491231002'];
  return [...phone, ...id];
}

/** Each secret in the encodings it could be written in, with the name a leak report shows. */
function secrets(): [string, string][] {
  const keys = TEST_SECURE_ENV.DATA_KEYS.split(',').map((entry) => Buffer.from(entry.split(':')[1], 'base64'));
  return [
    ['TOKEN_SECRET', TEST_SECURE_ENV.TOKEN_SECRET],
    ['SEARCH_KEY', TEST_SECURE_ENV.SEARCH_KEY],
    ...keys.flatMap((k): [string, string][] =>
      (['base64', 'base64url', 'hex', 'latin1'] as const).map((enc) => [`a DATA_KEYS key (${enc})`, k.toString(enc)]),
    ),
  ];
}

/** Every key under the prefix with everything it holds, whatever its type. */
async function dumpPrefix(redis: Redis, prefix: string): Promise<Map<string, string[]>> {
  const dump = new Map<string, string[]>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const values =
        type === 'string'
          ? [(await redis.get(key)) ?? '']
          : type === 'list'
            ? await redis.lrange(key, 0, -1)
            : type === 'hash'
              ? Object.entries(await redis.hgetall(key)).flat()
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, 0, -1, 'WITHSCORES')
                  : type === 'stream'
                    ? (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields])
                    : [`unexpected type ${type}`];
      dump.set(key, values);
    }
  } while (cursor !== '0');
  return dump;
}

function sessionOf(client: RecordingClient, userId: string): ChannelSession & { seen: number } {
  const botMessages = () => client.received.filter((a) => a.type === 'message' && a.from.id !== userId);
  const s = {
    seen: 0,
    async say(text: string) {
      await client.post({ type: 'message', from: { id: userId }, text } as Activity);
    },
    async replies() {
      const start = Date.now();
      let count = botMessages().length;
      let quietSince = Date.now();
      while (Date.now() - start < 10_000) {
        await new Promise((r) => setTimeout(r, 50));
        const now = botMessages().length;
        if (now !== count) {
          count = now;
          quietSince = Date.now();
        }
        if (count > s.seen && Date.now() - quietSince > 400) break;
      }
      const fresh = botMessages().slice(s.seen);
      s.seen = botMessages().length;
      // The receipt is a card: its text is in the activity's summary.
      return fresh.map((a) => (a as { text?: string }).text || (a as { summary?: string }).summary || '');
    },
  };
  return s;
}

describe('personal data and secrets at rest in Redis', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  const prefix = (label: string) => {
    const p = uniquePrefix(label);
    prefixes.push(p);
    return p;
  };

  beforeAll(async () => {
    if (!(await redisAvailable())) return;
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    for (const p of prefixes) await flushPrefix(p);
    await redis?.quit();
  });

  it('keeps no phone or ID number, and no secret, anywhere in Redis after a web intake', async () => {
    if (!redis) return console.warn('Redis unavailable: skipped');
    const p = prefix('atrest');
    const app: App = createApp({
      port: 0,
      host: '127.0.0.1',
      redisUrl: TEST_REDIS_URL,
      redisPrefix: p,
      env: { LOG_LEVEL: 'silent', ...TEST_SECURE_ENV },
    });
    await app.start();
    let client: RecordingClient | undefined;
    let ticketId: string;
    try {
      const base = `http://127.0.0.1:${app.port}`;
      // The server names the customer (the signed cookie); the page never does.
      const { token, userId } = await generateToken(base);
      client = new RecordingClient({ token, domain: `${base}/v3/directline`, webSocket: true });
      await client.waitForActivity((a) => a.type === 'message', 10_000, 'the greeting');
      ({ ticketId } = await talkUntilReceipt(sessionOf(client, userId), COMPLAINT));

      // The desk itself still sees the numbers: encryption is at rest only.
      const stored = await app.store.getCaseByTicket(ticketId);
      expect(stored?.slots.phone).toBe(PHONE);
      expect(JSON.stringify(stored)).toContain(ID_NUMBER);
      // And finds the case by phone number without decrypting every case.
      expect((await app.store.listCases({ phone: '138 1234 5678' })).map((c) => c.ticketId)).toEqual([ticketId]);
    } finally {
      client?.end();
      await app.stop();
    }

    const dump = await dumpPrefix(redis, p);
    // The intake wrote what it should (so an empty prefix cannot pass): the case, its log, bot state.
    const kinds = [...dump.keys()].map((k) => k.slice(p.length).split(':')[0]);
    expect(kinds).toEqual(expect.arrayContaining(['case', 'activities', 'bot', 'cases-by-phone', 'record']));

    const forbidden: [string, string][] = [...spellings().map((s): [string, string] => [s, s]), ...secrets()];
    const leaks: string[] = [];
    for (const [key, values] of dump) {
      for (const text of [key, ...values]) {
        for (const [name, needle] of forbidden) if (text.includes(needle)) leaks.push(`${key} holds ${name}`);
      }
    }
    expect(leaks).toEqual([]);
    const caseValue = [...dump.entries()].find(([k]) => k.startsWith(`${p}case:`))![1][0];
    expect(caseValue).toMatch(/^enc:v1:t1:/);
    // No token secret kept in the store at all, not even encrypted.
    expect([...dump.keys()].filter((k) => k.includes(':secret:'))).toEqual([]);
  }, 60_000);

  it('reads cases, logs, records and bot state written as plain JSON before encryption', async () => {
    if (!redis) return console.warn('Redis unavailable: skipped');
    const p = prefix('legacy');
    const old = makeCase({ id: 'case-legacy1', slots: { phone: PHONE } });
    await redis
      .multi()
      .set(`${p}case:${old.id}`, JSON.stringify(old))
      .zadd(`${p}cases`, Date.parse(old.acceptedAt), old.id)
      .set(`${p}ticket:${old.ticketId}`, old.id)
      .sadd(`${p}cases-of:${old.customerId}`, old.id)
      .sadd(`${p}cases-in:open`, old.id)
      .rpush(`${p}activities:conv-old`, JSON.stringify({ type: 'message', text: `电话${PHONE}` }))
      .set(`${p}record:conversation:c1`, JSON.stringify({ userId: 'u1' }))
      .zadd(`${p}recordindex:conversation`, '+inf', 'c1')
      .hset(`${p}bot:state-1`, 'e', 'etag-1', 'v', JSON.stringify({ answers: { phone: PHONE } }))
      .exec();
    const store = new RedisStore({ url: TEST_REDIS_URL, prefix: p, ...TEST_STORE_PROTECTION });
    try {
      expect(await store.getCase(old.id)).toEqual(old);
      expect(await store.getCaseByTicket(old.ticketId)).toEqual(old);
      expect(await store.listCases({ status: 'open' })).toEqual([old]);
      expect(await store.readActivities('conv-old', -1)).toEqual([{ watermark: 0, activity: { type: 'message', text: `电话${PHONE}` } }]);
      expect(await store.getRecord('conversation', 'c1')).toEqual({ userId: 'u1' });
      expect(await store.listRecords('conversation')).toEqual([{ id: 'c1', value: { userId: 'u1' } }]);
      expect(await store.botStorage.read(['state-1'])).toEqual({ 'state-1': { answers: { phone: PHONE }, eTag: 'etag-1' } });

      // The next write of the old case encrypts it and puts it in the phone index.
      await store.saveCase({ ...old, summary: '已更新' });
      expect(await redis.get(`${p}case:${old.id}`)).toMatch(/^enc:v1:t1:/);
      expect((await store.listCases({ phone: PHONE })).map((c) => c.summary)).toEqual(['已更新']);
    } finally {
      await store.close();
    }
  });

  it('rotates keys: data under k1 still reads once k2 is put first, new data uses k2, and a dropped key is named', async () => {
    if (!redis) return console.warn('Redis unavailable: skipped');
    const p = prefix('rotate');
    const k1 = { id: 'k1', key: randomBytes(32) };
    const k2 = { id: 'k2', key: randomBytes(32) };
    const searchKeys = new SearchKeys(TEST_SECURE_ENV.SEARCH_KEY);
    const open = (keys: (typeof k1)[]) => new RedisStore({ url: TEST_REDIS_URL, prefix: p, cipher: new DataCipher(keys), searchKeys });

    const before = open([k1]);
    const first = makeCase({ id: 'case-rot-1', slots: { phone: PHONE } });
    try {
      await before.saveCase(first);
      await before.appendActivity('conv-rot', { text: `电话${PHONE}` });
      await before.putRecord('session', 's1', { who: 'zhangwei' });
      await before.botStorage.write({ 'state-rot': { step: 1 } });
    } finally {
      await before.close();
    }
    expect(await redis.get(`${p}case:case-rot-1`)).toMatch(/^enc:v1:k1:/);

    const after = open([k2, k1]);
    try {
      expect(await after.getCase(first.id)).toEqual(first);
      expect((await after.readActivities('conv-rot', -1))[0].activity).toEqual({ text: `电话${PHONE}` });
      expect(await after.getRecord('session', 's1')).toEqual({ who: 'zhangwei' });
      expect(await after.botStorage.read(['state-rot'])).toMatchObject({ 'state-rot': { step: 1 } });
      // The search index does not depend on the data keys: the k1 case is found after rotation.
      const second = makeCase({ id: 'case-rot-2', slots: { phone: '138-1234-5678' } });
      await after.saveCase(second);
      await after.appendActivity('conv-rot', { text: '第二条' });
      expect(await redis.get(`${p}case:case-rot-2`)).toMatch(/^enc:v1:k2:/);
      expect((await redis.lrange(`${p}activities:conv-rot`, 1, 1))[0]).toMatch(/^enc:v1:k2:/);
      expect((await after.listCases({ phone: PHONE })).map((c) => c.id).sort()).toEqual(['case-rot-1', 'case-rot-2']);
    } finally {
      await after.close();
    }

    const dropped = open([k2]);
    try {
      await expect(dropped.getCase(first.id)).rejects.toThrow(/data key "k1"/);
      expect((await dropped.getCase('case-rot-2'))?.id).toBe('case-rot-2');
    } finally {
      await dropped.close();
    }
  });
});
