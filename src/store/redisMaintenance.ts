import { Redis } from 'ioredis';

/**
 * One-off Redis chores for tools around the service (tests, benchmarks): is a Redis there, and
 * clearing every key under a prefix. The service itself talks to Redis through RedisStore.
 */

/** Whether a Redis answers at `url`: one connection, one PING, no retries. */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The answer is the boolean; connection errors also reject connect(), so the event is noise.
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Deletes every key under `prefix` (SCAN + DEL, so a large key space does not block Redis). */
export async function deleteKeysUnder(url: string, prefix: string): Promise<void> {
  // Bounded: a chore against an unreachable Redis fails instead of waiting for it forever.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 10_000 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
