import { createHash, randomBytes } from 'node:crypto';

/**
 * The secrets a desk on Redis must have, made fresh for one benchmark run: the bench's keys in
 * Redis are deleted afterwards, so nothing needs to read them again.
 */
export const BENCH_SECRETS = {
  TOKEN_SECRET: randomBytes(32).toString('base64'),
  DATA_KEYS: `b1:${randomBytes(32).toString('base64')}`,
  SEARCH_KEY: randomBytes(32).toString('base64'),
} as const;

/**
 * Fixed secrets for a benchmark archive that outlives one run (bench/seedArchive.ts fills it
 * once; later runs read it): made from a constant, so they protect nothing and are for bench
 * databases only.
 */
function fixed(label: string): string {
  return createHash('sha256').update(`complaint-desk bench archive ${label}`).digest('base64');
}
export const ARCHIVE_BENCH_SECRETS = {
  TOKEN_SECRET: fixed('token'),
  DATA_KEYS: `a1:${fixed('data')}`,
  SEARCH_KEY: fixed('search'),
} as const;
