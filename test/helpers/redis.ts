import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/env';
import { storeProtection } from '../../src/config/secrets';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';

/**
 * Redis for tests. Locally a missing Redis skips the Redis-backed suites with a notice; in CI
 * (CI=true) it is a failure, because those suites must run there.
 */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(): Promise<boolean> {
  if (await redisAnswers(TEST_REDIS_URL)) return true;
  if (process.env.CI === 'true') throw new Error(`Redis is required in CI but ${TEST_REDIS_URL} does not answer`);
  return false;
}

/** A key prefix no other test run uses, so suites can share one Redis. */
export function uniquePrefix(label: string): string {
  return `cdtest:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under a prefix (test teardown). */
export function flushPrefix(prefix: string): Promise<void> {
  return deleteKeysUnder(TEST_REDIS_URL, prefix);
}

/**
 * The secrets a desk on Redis must have (src/config/secrets.ts): pass as (part of) `env` to
 * createApp/startApp, or to a spawned service. Fixed test values, never used outside tests.
 */
export const TEST_SECURE_ENV = {
  TOKEN_SECRET: 'test-token-secret-0123456789abcdefghij',
  DATA_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
  SEARCH_KEY: 'test-search-key-0123456789abcdefghijkl',
} as const;

/** Cipher and search keys from TEST_SECURE_ENV, for `new RedisStore({ url, prefix, ...TEST_STORE_PROTECTION, ...TEST_STORE_PROTECTION })`. */
export const TEST_STORE_PROTECTION = storeProtection(loadConfig(TEST_SECURE_ENV));
