/**
 * WeChat turn latency through the whole service: a customer's message emitted by the puppet
 * (wechaty-puppet-mock) → the bot's first reply handed to WeChat. Pacing is set to its floor
 * (no typing delay, no gaps), so the figure is what the service itself costs: reading the
 * message, storing it (the durable inbox), the bot turn, storing the reply (the outbox) and
 * sending it. One message at a time per customer, CUSTOMERS customers at once, on the memory
 * store and, when Redis answers, on Redis.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { BENCH_SECRETS } from '../benchSecrets';
import type { BenchModule, BenchResult } from '../benchModule';
import { figures, line, type Figures } from '../latencyFigures';
import { createApp, type App } from '../../src/index';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';

const CUSTOMERS = Number(process.env.WECHAT_TURNS_CUSTOMERS ?? 20);
const MESSAGES_EACH = Number(process.env.WECHAT_TURNS_MESSAGES ?? 6);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCRIPT = ['我要投诉，这个月话费多扣了30元', '上个月15号扣的', '我的号码是13912345678', '没有别的了', '对', '谢谢'];
const TEXT_TYPE = 7;

async function measure(redisPrefix?: string): Promise<Figures> {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const botUser = mocker.createContact({ id: 'bench-bot', name: '移动客服' });
  const env = { ...BENCH_SECRETS, LOG_LEVEL: 'silent', MESSAGES_PER_CONVERSATION_PER_MINUTE: '10000' };
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    env,
    ...(redisPrefix ? { redisUrl: REDIS_URL, redisPrefix } : {}),
    wechaty: {
      puppet,
      options: {
        contactPerMinute: 600,
        globalPerMinute: 6000,
        typingCharsPerSecond: 1000,
        minTypingMs: 0,
        maxTypingMs: 0,
        firstReplyMaxMs: 0,
        globalMinGapMs: 0,
        printQr: () => undefined,
      },
    },
  });
  const waiting = new Map<string, () => void>();
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => {
    const id = `wxid_bench_${i}`;
    const contact = mocker.createContact({ id, name: `客户${i}` });
    contact.on('message', (m) => {
      if (m.talker().id !== botUser.id) return;
      const done = waiting.get(id);
      waiting.delete(id);
      done?.();
    });
    return id;
  });
  await app.start();
  try {
    return await measureOn(app, puppet, mocker, botUser, customers, waiting);
  } finally {
    await app.stop();
  }
}

type ContactMock = ReturnType<mock.Mocker['createContact']>;

async function measureOn(
  app: App,
  puppet: PuppetMock,
  mocker: mock.Mocker,
  botUser: ContactMock,
  customers: string[],
  waiting: Map<string, () => void>,
): Promise<Figures> {
  // The puppet starts once this instance wins the login lease; then the QR code is "scanned".
  const deadline = Date.now() + 20_000;
  while (app.wechat.status().login !== 'logged-in') {
    if (Date.now() > deadline) throw new Error('the mock WeChat did not log in');
    if (puppet.state.active() === true && !puppet.isLoggedIn) {
      mocker.scan('https://login.weixin.qq.com/l/bench', 2);
      mocker.login(botUser);
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  const samples: number[] = [];
  await Promise.all(
    customers.map(async (id) => {
      for (let k = 0; k < MESSAGES_EACH; k++) {
        const messageId = `bench-${randomUUID()}`;
        const replied = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no reply within 10 s')), 10_000);
          waiting.set(id, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        const started = performance.now();
        mocker.MessageMock.create({
          id: messageId,
          talkerId: id,
          listenerId: botUser.id,
          timestamp: Date.now(),
          type: TEXT_TYPE,
          text: SCRIPT[k % SCRIPT.length],
        });
        puppet.emit('message', { messageId });
        await replied;
        samples.push(performance.now() - started);
        // The rest of a turn's replies go out before the customer writes again.
        await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  return figures(samples);
}

export const wechatTurns: BenchModule = {
  name: 'wechat-turns',
  description: `WeChat message → first reply through the mock puppet, ${CUSTOMERS} customers × ${MESSAGES_EACH} messages, memory and Redis`,
  async run(): Promise<BenchResult> {
    const lines: string[] = [];
    const out: Record<string, unknown> = {};
    const memory = await measure();
    lines.push(`memory: ${line(memory)}`);
    out.memory = memory;
    if (await redisAnswers(REDIS_URL)) {
      const prefix = `bench:wechat-turns:${randomUUID()}:`;
      try {
        const redis = await measure(prefix);
        lines.push(`redis:  ${line(redis)}`);
        out.redis = redis;
      } finally {
        await deleteKeysUnder(REDIS_URL, prefix);
      }
    } else {
      lines.push('redis: skipped (no Redis answers at REDIS_URL)');
    }
    return { lines, figures: out };
  },
};
