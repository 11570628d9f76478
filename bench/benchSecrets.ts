import { randomBytes } from 'node:crypto';

/**
 * The secrets a desk on Redis must have, made fresh for one benchmark run: the bench's keys in
 * Redis are deleted afterwards, so nothing needs to read them again.
 */
export const BENCH_SECRETS = {
  TOKEN_SECRET: randomBytes(32).toString('base64'),
  DATA_KEYS: `b1:${randomBytes(32).toString('base64')}`,
  SEARCH_KEY: randomBytes(32).toString('base64'),
} as const;
