import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import type { DataCipher } from '../privacy/dataCipher';
import { defineScript, type ScriptCall } from './redisScripts';

/**
 * Bot Framework state in Redis with the same eTag rules as botbuilder's MemoryStorage: a write
 * whose eTag is neither '*' nor the stored one is a conflict. The check-and-set runs as one
 * Lua script so two instances cannot both win.
 */
const WRITE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'e')
local expected = ARGV[2]
if current and expected ~= '' and expected ~= '*' and current ~= expected then
  return 0
end
redis.call('HSET', KEYS[1], 'e', ARGV[3], 'v', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** Idle conversations are forgotten after 30 days; cases live elsewhere and are never dropped. */
const STATE_TTL_SECONDS = 30 * 24 * 3600;

export class RedisBotStorage implements Storage {
  private readonly writeScript: ScriptCall;

  /** The state holds the dialogs' answers (phone and ID numbers among them): encrypted like the cases. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly cipher: DataCipher,
  ) {
    this.writeScript = defineScript(redis, 'cdWriteBotState', WRITE_SCRIPT);
  }

  private key(k: string): string {
    return `${this.prefix}bot:${k}`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const pipeline = this.redis.pipeline();
    for (const k of keys) pipeline.hmget(this.key(k), 'e', 'v');
    const results = (await pipeline.exec()) ?? [];
    keys.forEach((k, i) => {
      const [err, value] = results[i] ?? [];
      if (err) throw err;
      const [eTag, json] = value as [string | null, string | null];
      if (json !== null) items[k] = { ...this.cipher.open<object>(json), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [k, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as { eTag?: string };
      const ok = await this.writeScript(this.key(k), this.cipher.seal(rest), eTag ?? '', randomUUID(), String(STATE_TTL_SECONDS));
      if (ok !== 1) throw new Error(`Storage: error writing "${k}" due to eTag conflict.`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.key(k)));
  }
}
