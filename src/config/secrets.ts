import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { DataCipher } from '../privacy/dataCipher';
import { SearchKeys } from '../privacy/searchKeys';
import { ConfigError, type Config } from './env';

/**
 * Secrets come from the environment, never from the store: a secret kept next to the data it
 * protects protects nothing (whoever reads Redis could sign tokens for any conversation, or
 * decrypt the cases). On Redis they are required; the in-memory trial keeps nothing at rest,
 * so a token secret made for the process is enough there.
 */

const HOW_TO_MAKE = 'make one with: openssl rand -base64 32';

/** What the Redis store needs to keep personal data encrypted and searchable. */
export interface StoreProtection {
  cipher: DataCipher;
  searchKeys: SearchKeys;
}

/** The store protection from DATA_KEYS and SEARCH_KEY, or one ConfigError naming each missing setting. */
export function storeProtection(config: Pick<Config, 'dataKeys' | 'searchKey'>): StoreProtection {
  const missing = missingSettings({ DATA_KEYS: config.dataKeys?.length, SEARCH_KEY: config.searchKey });
  if (missing.length) throw missingError(missing);
  return { cipher: new DataCipher(config.dataKeys!), searchKeys: new SearchKeys(config.searchKey!) };
}

/**
 * Checks the secrets for the store the service runs on and returns the token secret to use.
 * On Redis: TOKEN_SECRET, DATA_KEYS and SEARCH_KEY must all be set (one error lists every
 * missing one). In memory: without TOKEN_SECRET a random one is made, and one warning says so.
 */
export function requireSecrets(config: Config, storeKind: 'memory' | 'redis', logger: Logger): string {
  if (storeKind === 'redis') {
    const missing = missingSettings({ TOKEN_SECRET: config.tokenSecret, DATA_KEYS: config.dataKeys?.length, SEARCH_KEY: config.searchKey });
    if (missing.length) throw missingError(missing);
    return config.tokenSecret!;
  }
  if (config.tokenSecret) return config.tokenSecret;
  logger.warn('TOKEN_SECRET is not set: using a secret made for this process, so web chat and staff tokens end when it restarts');
  return randomBytes(32).toString('base64url');
}

function missingSettings(values: Record<string, unknown>): string[] {
  return Object.entries(values)
    .filter(([, v]) => !v)
    .map(([name]) => name);
}

function missingError(names: string[]): ConfigError {
  const what: Record<string, string> = {
    TOKEN_SECRET: 'signs web chat and staff tokens; at least 32 characters',
    DATA_KEYS: 'encrypts personal data in Redis; "k1:<base64 of 32 bytes>"',
    SEARCH_KEY: 'keys the phone-number search index; at least 32 characters',
  };
  const make = (n: string) => (n === 'DATA_KEYS' ? 'make one with: echo "k1:$(openssl rand -base64 32)"' : HOW_TO_MAKE);
  const lines = names.map((n) => `  ${n}: required with Redis (${what[n]}); ${make(n)}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
