import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logging/logger';
import { asStoreError, StoreUnavailableError } from './storeUnavailable';

/**
 * How the service talks to Redis so that an outage is a degraded mode and never a hang or a
 * crash:
 * - no offline queue: while disconnected a command fails at once instead of waiting for a
 *   reconnect that may never come (and then running late, after its caller gave up);
 * - a command whose answer was lost with the connection fails at once too (no resend: its
 *   caller has already been told it failed);
 * - every command has a deadline, for a connection that is silently dead;
 * - reconnects back off, capped at one second, so the service is back within about a second
 *   of Redis;
 * - every client has an 'error' listener; the outage is logged when it starts and when it ends,
 *   not once per reconnect attempt.
 */

/** Reconnect delays: 100, 200, 400, 800 ms, then every second for as long as Redis is away. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(1000, 100 * 2 ** Math.max(0, attempt - 1));
}

/** Longest a single command may take before it counts as a lost connection. */
export const COMMAND_TIMEOUT_MS = 1000;
/** Longest the first connection may take before calls fail (startup waits for it via ready()). */
export const FIRST_CONNECT_TIMEOUT_MS = 5000;

export const REDIS_CLIENT_OPTIONS: RedisOptions = {
  // Commands issued in the same tick (many turns run at once) leave in one write: on a busy
  // desk a write per command was the largest single cost of a turn. Transactions and explicit
  // pipelines are sent as they were; the store never relies on the order between a plain
  // command and a pipeline issued in the same tick without awaiting the first.
  enableAutoPipelining: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  commandTimeout: COMMAND_TIMEOUT_MS,
  connectTimeout: 2000,
  retryStrategy: reconnectDelayMs,
};

/**
 * One ioredis client with the options above and its outage bookkeeping. `role` names it in
 * logs ("main", "subscriber").
 */
export class RedisConnection {
  readonly client: Redis;
  private everReady = false;
  private down = false;

  /** `source`: a URL, or a client whose server and options a new connection copies. */
  constructor(
    source: string | Redis,
    readonly role: string,
    private readonly logger?: Logger,
    overrides?: Partial<RedisOptions>,
  ) {
    this.client = typeof source === 'string' ? new Redis(source, { ...REDIS_CLIENT_OPTIONS, ...overrides }) : source.duplicate(overrides);
    this.watch();
  }

  /** A second connection to the same server with the same rules (pub/sub needs its own). */
  duplicate(role: string, overrides?: Partial<RedisOptions>): RedisConnection {
    return new RedisConnection(this.client, role, this.logger, overrides);
  }

  private watch(): void {
    this.client.on('error', (err: Error) => {
      // Only the first error of an outage is worth a line; the rest are the same outage.
      if (this.everReady && !this.down) {
        this.down = true;
        this.logger?.warn({ err, role: this.role }, 'redis: connection lost; the store is unavailable until it is back');
      } else {
        this.logger?.debug({ err, role: this.role }, 'redis: connection error');
      }
    });
    this.client.on('close', () => {
      if (this.everReady && !this.down && this.client.status !== 'end') {
        this.down = true;
        this.logger?.warn({ role: this.role }, 'redis: connection closed; the store is unavailable until it is back');
      }
    });
    this.client.on('ready', () => {
      if (this.down) this.logger?.info({ role: this.role }, 'redis: connection restored');
      this.everReady = true;
      this.down = false;
    });
  }

  get isReady(): boolean {
    return this.client.status === 'ready';
  }

  /**
   * Resolves when a command can be sent. Before the very first connection it waits for it
   * (bounded); after that, a missing connection is an outage and fails at once.
   */
  async usable(): Promise<void> {
    if (this.isReady) return;
    if (this.everReady || this.client.status === 'end')
      throw new StoreUnavailableError(`redis ${this.role} connection is ${this.client.status}`);
    await this.whenReady(FIRST_CONNECT_TIMEOUT_MS);
  }

  /** Waits for the connection to be ready, at most `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('end', onEnd);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => done();
      const onEnd = () => done(new StoreUnavailableError(`redis ${this.role} connection ended`));
      const timer = setTimeout(
        () => done(new StoreUnavailableError(`redis ${this.role} did not connect within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.client.on('ready', onReady);
      this.client.on('end', onEnd);
    });
  }

  /**
   * Closes within `timeoutMs` whatever Redis does: QUIT (pending replies still arrive) when the
   * connection is up, an immediate disconnect when it is not or QUIT does not answer in time.
   */
  async close(timeoutMs = 1000): Promise<void> {
    if (this.client.status === 'end') return;
    if (!this.isReady) {
      this.client.disconnect();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const quit = this.client.quit().then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([quit, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    // QUIT ended it, or it did not answer in time: then cut the connection.
    if ((this.client.status as string) !== 'end') this.client.disconnect();
  }
}

/**
 * Wraps the named async methods of `target` in place: each first waits for `gate` and turns a
 * connection failure into StoreUnavailableError, so callers see one error for an outage;
 * `onUnavailable` hears of each such failure (the store-error metric).
 */
export function guardStoreCalls<T extends object>(
  target: T,
  names: readonly (keyof T & string)[],
  gate: () => Promise<void>,
  onUnavailable?: (err: StoreUnavailableError) => void,
): T {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') throw new Error(`guardStoreCalls: ${name} is not a method`);
    const call = original as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(target, name, {
      configurable: true,
      writable: true,
      value: async function guarded(this: T, ...args: unknown[]) {
        try {
          await gate();
          return await call.apply(this, args);
        } catch (err) {
          const storeError = asStoreError(err);
          // Every outage-failed call passes here once, whoever catches it later (route, retry, loop).
          if (storeError instanceof StoreUnavailableError) onUnavailable?.(storeError);
          throw storeError;
        }
      },
    });
  }
  return target;
}
