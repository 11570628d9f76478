import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redisAnswers } from '../../src/store/redisMaintenance';

/**
 * A private redis-server child for tests that stop and restart Redis (the shared one at 6379
 * must never be touched). Persistence is on, as the README asks operators to run it: AOF with
 * fsync on every write, in its own temp dir, so a restart on the same port and dir keeps the data.
 */
export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
export const REDIS_CLI_BIN = process.env.REDIS_CLI_BIN ?? '/usr/bin/redis-cli';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class PrivateRedis {
  private child?: ChildProcess;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'cd-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts (or restarts) the server on the same port and data dir; resolves once it answers PING. */
  async up(): Promise<void> {
    if (this.running) return;
    const child = spawn(
      REDIS_SERVER_BIN,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await redisAnswers(this.url))) {
      if (!this.running) throw new Error(`redis-server on port ${this.port} exited at start`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer within 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Stops the server and waits for the process to end. 'sigterm': Redis finishes the commands
   * in hand, flushes its AOF and exits within about 100 ms. 'command' (`redis-cli shutdown`,
   * as an operator would): it stops at once, cutting off whatever clients were in the middle of.
   */
  async down(how: 'sigterm' | 'command' = 'sigterm'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (how === 'command') {
      // redis-cli reports the dropped connection as an error: expected, the server is gone.
      execFile(REDIS_CLI_BIN, ['-p', String(this.port), 'shutdown'], () => undefined);
    } else {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the server and removes its data dir (test teardown). */
  async destroy(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
