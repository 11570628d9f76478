import { createApp, type App } from '../src/index';
import { BENCH_SECRETS } from './benchSecrets';

/**
 * Limits opened wide for closed-loop customers, who send far faster than people and from one
 * address: what the web benchmarks measure is the turn, not the flood guard.
 */
export const BENCH_OPEN_LIMITS = {
  TOKEN_RATE_PER_MINUTE: '10000',
  MESSAGES_PER_CONVERSATION_PER_MINUTE: '10000',
  MESSAGES_PER_ADDRESS_PER_MINUTE: '100000',
} as const;

/**
 * A desk for the web benchmarks, on memory or (with a prefix) on Redis, with the cases in
 * PostgreSQL when given a DATABASE_URL, started; `base` is its URL.
 */
export async function startOpenDesk(redis?: { url: string; prefix: string }, databaseUrl?: string): Promise<{ app: App; base: string }> {
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    ...(redis ? { redisUrl: redis.url, redisPrefix: redis.prefix } : {}),
    env: { ...BENCH_SECRETS, ...BENCH_OPEN_LIMITS, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
  });
  await app.start();
  return { app, base: `http://127.0.0.1:${app.port}` };
}
