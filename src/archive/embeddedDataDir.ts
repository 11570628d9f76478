import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, envSchema, type Config } from '../config/env';
import type { Logger } from '../logging/logger';

/**
 * The embedded default's data directory (DATA_DIR, `./data` for `npm start` with no servers):
 * - `archive/`: the embedded PostgreSQL (PGlite) holding the cases;
 * - `keys.json`: the token, data and search keys made on first start when the environment does
 *   not set them, because sealed cases must still open after a restart. Keys in the environment
 *   always win; production sets them there (a key beside the data it protects protects only
 *   against someone who copies the database alone);
 * - `desk.lock`: the process using it. PGlite is one process's database, and two desks writing
 *   one directory would corrupt it.
 */

const KEYS_FILE = 'keys.json';
const LOCK_FILE = 'desk.lock';

const keysFile = z.object({
  TOKEN_SECRET: envSchema.shape.TOKEN_SECRET.unwrap(),
  DATA_KEYS: z.string(),
  SEARCH_KEY: envSchema.shape.SEARCH_KEY.unwrap(),
});

export interface EmbeddedDataDir {
  archiveDir: string;
  /** Frees the lock (on stop). */
  release(): void;
}

/** Claims the directory for this process, making it on first start. */
export function openEmbeddedDataDir(dir: string): EmbeddedDataDir {
  const root = resolve(dir);
  try {
    mkdirSync(join(root, 'archive'), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new ConfigError(`DATA_DIR ${root}: cannot be created (${(err as Error).message})`);
  }
  const lock = join(root, LOCK_FILE);
  claim(lock);
  let released = false;
  return {
    archiveDir: join(root, 'archive'),
    release() {
      if (released) return;
      released = true;
      try {
        unlinkSync(lock);
      } catch {
        // Already gone: nothing to free.
      }
    },
  };
}

function claim(lock: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new ConfigError(`DATA_DIR: cannot lock ${lock} (${(err as Error).message})`);
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new ConfigError(
          `DATA_DIR ${lock}: in use by process ${holder}; one desk per data directory (several instances share DATABASE_URL and REDIS_URL)`,
        );
      }
      // Left by a desk that is gone (killed, crashed): take it over.
      unlinkSync(lock);
    }
  }
  throw new ConfigError(`DATA_DIR: cannot lock ${lock}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The keys the environment leaves unset, from keys.json (made with fresh random keys the first
 * time). Returns them as Config values.
 */
export function embeddedKeys(
  dir: string,
  config: Pick<Config, 'tokenSecret' | 'dataKeys' | 'searchKey'>,
  logger: Logger,
): Pick<Config, 'tokenSecret' | 'dataKeys' | 'searchKey'> {
  if (config.tokenSecret && config.dataKeys?.length && config.searchKey) return {};
  const file = join(resolve(dir), KEYS_FILE);
  let stored: z.infer<typeof keysFile>;
  let raw: string | undefined;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ConfigError(`DATA_DIR: cannot read ${file} (${(err as Error).message})`);
  }
  if (raw === undefined) {
    stored = {
      TOKEN_SECRET: randomBytes(32).toString('base64url'),
      DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      SEARCH_KEY: randomBytes(32).toString('base64url'),
    };
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    logger.warn(
      { file },
      'made keys for the embedded archive; keep this file with the data (production sets TOKEN_SECRET, DATA_KEYS and SEARCH_KEY in the environment)',
    );
  } else {
    const parsed = keysFile.safeParse(safeJson(raw));
    if (!parsed.success)
      throw new ConfigError(
        `DATA_DIR: ${file} is not a keys file this desk wrote (${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')})`,
      );
    stored = parsed.data;
  }
  const dataKeys = envSchema.shape.DATA_KEYS.unwrap().safeParse(stored.DATA_KEYS);
  if (!dataKeys.success) throw new ConfigError(`DATA_DIR: ${file} holds malformed DATA_KEYS`);
  return {
    ...(config.tokenSecret ? {} : { tokenSecret: stored.TOKEN_SECRET }),
    ...(config.dataKeys?.length ? {} : { dataKeys: dataKeys.data }),
    ...(config.searchKey ? {} : { searchKey: stored.SEARCH_KEY }),
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
