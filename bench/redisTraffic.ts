/**
 * Counts what this process sends to Redis and gets back, for the per-turn figures of the web
 * benchmarks. Every ioredis command (plain, pipelined or inside MULTI) passes through
 * Redis.prototype.sendCommand, so wrapping it counts them all without MONITOR (which would
 * slow Redis for everyone sharing it). Commands a Lua script runs inside Redis are not seen:
 * they cost no round trip. Bytes are the arguments and the replies' payload, not RESP framing.
 */
import { Redis } from 'ioredis';

export interface RedisTraffic {
  commands: number;
  bytesOut: number;
  bytesIn: number;
  /** Commands by name, for finding what a turn spends its round trips on. */
  byName: Map<string, number>;
}

const traffic: RedisTraffic = { commands: 0, bytesOut: 0, bytesIn: 0, byName: new Map() };
let installed = false;

function sizeOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Buffer.isBuffer(value)) return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), 0);
  return String(value).length;
}

/** Starts counting (once per process); later calls return the same running totals. */
export function countRedisTraffic(): RedisTraffic {
  if (installed) return traffic;
  installed = true;
  type Command = { name: string; args: unknown[]; promise: Promise<unknown> };
  const proto = Redis.prototype as unknown as { sendCommand: (command: Command, ...rest: unknown[]) => unknown };
  const original = proto.sendCommand;
  proto.sendCommand = function (this: unknown, command: Command, ...rest: unknown[]) {
    traffic.commands++;
    traffic.byName.set(command.name, (traffic.byName.get(command.name) ?? 0) + 1);
    traffic.bytesOut += sizeOf(command.args);
    command.promise?.then(
      (reply) => {
        traffic.bytesIn += sizeOf(reply);
      },
      () => undefined,
    );
    return original.call(this, command, ...rest);
  };
  return traffic;
}

/** A copy of the totals now, to subtract from later ones. */
export function snapshot(t: RedisTraffic): RedisTraffic {
  return { commands: t.commands, bytesOut: t.bytesOut, bytesIn: t.bytesIn, byName: new Map(t.byName) };
}

/** Per-turn figures between two snapshots, with the most frequent commands. */
export function perTurn(before: RedisTraffic, after: RedisTraffic, turns: number): string {
  const n = Math.max(1, turns);
  const names = [...after.byName]
    .map(([name, count]) => [name, (count - (before.byName.get(name) ?? 0)) / n] as const)
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, c]) => `${name} ${c.toFixed(1)}`);
  const kb = (b: number) => (b / n / 1024).toFixed(1);
  return `${((after.commands - before.commands) / n).toFixed(1)} Redis commands/turn, ${kb(after.bytesOut - before.bytesOut)} KB out + ${kb(after.bytesIn - before.bytesIn)} KB in per turn (${names.join(', ')})`;
}
