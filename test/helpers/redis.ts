import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Redis for tests. Locally a missing Redis skips the Redis-backed suites with a notice; in CI
 * (CI=true) it is a failure, because those suites must run there.
 */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(): Promise<boolean> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`Redis is required in CI but ${TEST_REDIS_URL} does not answer`);
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A key prefix no other test run uses, so suites can share one Redis. */
export function uniquePrefix(label: string): string {
  return `cdtest:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under a prefix (test teardown). */
export async function flushPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
