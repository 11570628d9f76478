import { ConfigError, loadConfig } from '../../src/config/env';
import { createApp } from '../../src/index';
import { createLogger } from '../../src/logging/logger';
import { RedisStore } from '../../src/store/redisStore';
import { TEST_SECURE_ENV, TEST_STORE_PROTECTION } from '../helpers/redis';

describe('configuration from the environment', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.redisUrl).toBeUndefined();
    expect(config.maxMessageChars).toBe(4000);
    expect(config.responseHours).toEqual({
      service_attitude: 1,
      product_quality: 1,
      business_handling: 24,
      billing_dispute: 24,
      after_sales: 24,
    });
    expect(config.wechat.puppet).toBeUndefined();
  });

  it('reads overrides, and treats empty values as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DEADLINE_HOURS: 'billing_dispute=48, after_sales=12',
      WECHAT_GROUPS: 'true',
      TOKEN_SECRET: '',
    });
    expect(config.port).toBe(8080);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.responseHours.billing_dispute).toBe(48);
    expect(config.responseHours.after_sales).toBe(12);
    expect(config.responseHours.service_attitude).toBe(1);
    expect(config.wechat.groups).toBe(true);
    expect(config.tokenSecret).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL.*redis:\/\//],
    ['DEADLINE_HOURS', 'billing=24', /DEADLINE_HOURS.*billing=24/],
    ['DEADLINE_HOURS', 'billing_dispute=-1', /DEADLINE_HOURS/],
    ['TOKEN_SECRET', 'short', /TOKEN_SECRET.*32/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['WECHAT_GROUPS', 'maybe', /WECHAT_GROUPS/],
    ['RETENTION_DAYS', '30', /RETENTION_DAYS.*1095/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});

describe('secrets for data at rest', () => {
  const key = (fill: number, bytes = 32) => Buffer.alloc(bytes, fill).toString('base64');

  it('reads DATA_KEYS newest first, with ids, in base64 or base64url', () => {
    const url = Buffer.alloc(32, 0xfb).toString('base64url');
    const config = loadConfig({ DATA_KEYS: `k2:${key(2)}, k1:${url}`, SEARCH_KEY: 's'.repeat(32) });
    expect(config.dataKeys?.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.dataKeys?.[0].key).toEqual(Buffer.alloc(32, 2));
    expect(config.dataKeys?.[1].key).toEqual(Buffer.alloc(32, 0xfb));
    expect(config.searchKey).toBe('s'.repeat(32));
  });

  it.each([
    ['a key of 16 bytes', `k1:${key(1, 16)}`, /DATA_KEYS.*"k1" must be exactly 32 bytes.*openssl rand -base64 32/],
    ['a key of 33 bytes', `k1:${key(1, 33)}`, /DATA_KEYS.*"k1" must be exactly 32 bytes/],
    ['a key without id', key(1), /DATA_KEYS.*entry 1 must be <id>:<base64 key>/],
    ['an id with a space', `my key:${key(1)}`, /DATA_KEYS.*entry 1/],
    ['an id over 16 characters', `${'k'.repeat(17)}:${key(1)}`, /DATA_KEYS.*entry 1/],
    ['a duplicate id', `k1:${key(1)},k1:${key(2)}`, /DATA_KEYS.*"k1" is listed twice/],
    ['no key at all', ',', /DATA_KEYS.*lists no key/],
  ])('rejects DATA_KEYS with %s', (_what, value, message) => {
    expect(() => loadConfig({ DATA_KEYS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_KEYS: value })).toThrow(message);
  });

  it('never repeats a key in its error message', () => {
    const secret = Buffer.alloc(16, 9).toString('base64');
    expect(() => loadConfig({ DATA_KEYS: `k1:${secret}` })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });

  it('rejects a short SEARCH_KEY', () => {
    expect(() => loadConfig({ SEARCH_KEY: 'short' })).toThrow(/SEARCH_KEY.*32/);
  });
});

describe('startup on Redis without the secrets', () => {
  const redisEnv = { LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1' };

  it('refuses with one ConfigError naming every missing secret and how to make it', () => {
    let error: unknown;
    try {
      createApp({ env: redisEnv });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['TOKEN_SECRET', 'DATA_KEYS', 'SEARCH_KEY']) expect(message).toMatch(new RegExp(`${name}: required with Redis`));
    expect(message).toMatch(/openssl rand -base64 32/);
  });

  it('names only what is missing', () => {
    const { SEARCH_KEY: _s, ...partial } = TEST_SECURE_ENV;
    expect(() => createApp({ env: { ...redisEnv, ...partial } })).toThrow(
      /^Invalid configuration:\n {2}SEARCH_KEY: required with Redis[^\n]*$/,
    );
  });

  it('refuses as well when a Redis store is handed in', async () => {
    const store = new RedisStore({ url: 'redis://127.0.0.1:1', ...TEST_STORE_PROTECTION });
    try {
      expect(() => createApp({ store, env: { LOG_LEVEL: 'silent' } })).toThrow(/TOKEN_SECRET: required with Redis/);
    } finally {
      await store.close();
    }
  });

  it('in memory makes a token secret for the process, and says once that tokens end at restart', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const app = createApp({ env: {}, logger });
    expect(app.config.tokenSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createApp({ env: {}, logger: createLogger('silent') }).config.tokenSecret).not.toBe(app.config.tokenSecret);
    const warnings = lines.filter((l) => l.includes('TOKEN_SECRET'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/end when it restarts/);
  });
});
