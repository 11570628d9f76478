import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEST_SECURE_ENV } from '../helpers/redis';
import { freePort } from '../helpers/redisServer';

/**
 * The built service (`node dist/src/server.js`, what `npm start` runs) as a child process, so a
 * crash shows as a dead process and a hung shutdown as one that does not exit.
 */
const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist/src/server.js');

/** The last 400 lines a child printed (stdout and stderr), for a failing test to show. */
export function capturedOutput(child: ChildProcess): string[] {
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 400) output.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return output;
}

export class ServiceProcess {
  readonly output: string[];
  exitedAt?: number;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.output = capturedOutput(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitedAt = Date.now();
        this.exit = { code, signal };
        resolve();
      }),
    );
  }

  static async start(env: Record<string, string>): Promise<ServiceProcess> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    const port = await freePort();
    const child = spawn(process.execPath, [SERVER], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        // Required on Redis; the chaos test reads the store afterwards with the same keys.
        ...TEST_SECURE_ENV,
        TOKEN_RATE_PER_MINUTE: '10000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child, port);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!service.alive) throw new Error(`the service exited at start:\n${service.output.join('\n')}`);
      const res = await fetch(`${service.base}/healthz`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
      if (res?.status === 200) return service;
      if (Date.now() > deadline) throw new Error(`the service did not come up within 30 s:\n${service.output.join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** Sends `signal` and resolves with how long the process took to exit (or undefined after `waitMs`). */
  async signal(signal: NodeJS.Signals, waitMs: number): Promise<number | undefined> {
    if (!this.alive) return 0;
    const sent = Date.now();
    this.child.kill(signal);
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, waitMs))]);
    return this.alive ? undefined : this.exitedAt! - sent;
  }

  /** Teardown: whatever state it is in, the process is gone afterwards. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    if ((await this.signal('SIGTERM', 12_000)) === undefined) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
