import type { Redis } from 'ioredis';

/** A script called by its SHA1 (EVALSHA): ioredis sends the source only when Redis lacks it (NOSCRIPT, after a restart). */
export type ScriptCall = (...keysThenArgs: string[]) => Promise<unknown>;

/** Defines a one-key script on the client: each call then sends 40 bytes, not the script's text. */
export function defineScript(redis: Redis, name: string, lua: string): ScriptCall {
  redis.defineCommand(name, { numberOfKeys: 1, lua });
  const commands = redis as unknown as Record<string, ScriptCall>;
  return (...keysThenArgs) => commands[name](...keysThenArgs);
}
