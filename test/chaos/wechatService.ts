import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEST_SECURE_ENV } from '../helpers/redis';
import { freePort } from '../helpers/redisServer';
import { capturedOutput } from './serviceProcess';

/**
 * The parent's end of test/chaos/wechatServiceMain.cjs: one service instance whose WeChat is
 * the mock puppet, driven over IPC. `onSent` plays the WeChat servers: what it has been told is
 * what WeChat accepted (the instance waits for it before counting a message as sent).
 */
const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(__dirname, 'wechatServiceMain.cjs');

export interface WechatStatusReply {
  role: 'leader' | 'standby' | 'off';
  login: string;
  queued: number;
}

export class WechatService {
  readonly output: string[];
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exited: Promise<void>;
  private readonly pending = new Map<number, (value: unknown) => void>();
  private nextId = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly name: string,
    onSent: (to: string, text: string, from: WechatService) => void,
  ) {
    this.output = capturedOutput(child);
    child.on('message', (m: { type: string; requestId: number; to?: string; text?: string; result?: unknown; error?: string }) => {
      if (m.type === 'sent') {
        onSent(m.to!, m.text!, this);
        child.send({ type: 'answer', requestId: m.requestId });
      } else if (m.type === 'reply') {
        this.pending.get(m.requestId)?.(m.error ? new Error(m.error) : m.result);
        this.pending.delete(m.requestId);
      }
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const done of this.pending.values()) done(new Error('the instance exited'));
        this.pending.clear();
        resolve();
      }),
    );
  }

  static async start(
    name: string,
    env: Record<string, string>,
    onSent: (to: string, text: string, from: WechatService) => void,
  ): Promise<WechatService> {
    if (!existsSync(path.join(ROOT, 'dist/src/index.js'))) throw new Error('dist/ is missing: run npm run build first');
    const child = fork(MAIN, [], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        ...TEST_SECURE_ENV,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
    });
    const service = new WechatService(child, name, onSent);
    const up = new Promise<void>((resolve, reject) => {
      child.on('message', (m: { type: string }) => m.type === 'up' && resolve());
      child.once('exit', () => reject(new Error(`${name} exited at start:\n${service.output.join('\n')}`)));
    });
    await Promise.race([up, new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} did not start`)), 30_000))]);
    return service;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** One request to the instance; rejects when it dies first. */
  async request<T>(message: Record<string, unknown>): Promise<T> {
    if (!this.alive) throw new Error(`${this.name} is not running`);
    const requestId = ++this.nextId;
    const answer = await new Promise<unknown>((resolve) => {
      this.pending.set(requestId, resolve);
      this.child.send({ ...message, requestId }, (err) => err && resolve(err));
    });
    if (answer instanceof Error) throw answer;
    return answer as T;
  }

  async status(): Promise<WechatStatusReply | undefined> {
    return this.request<WechatStatusReply>({ type: 'status' }).catch(() => undefined);
  }

  async kill9(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 12_000))]);
    if (this.alive) await this.kill9();
  }
}
