/**
 * Bot turns as web-chat customers make them: C customers, each posting a message over Direct
 * Line (HTTP) and waiting for the bot's answer to it (replyToId) on the conversation's WebSocket
 * stream, then the next. Printed: turns/s and turn latency (post sent → first answer on the
 * stream), and in the same run a bare restify JSON echo under the same number of clients, with
 * the ratio:
 * - the floor, saturated: the same channel with bench/floorBots.ts's least bots (a botbuilder
 *   echo; a one-step botbuilder-dialogs bot with conversation state), what any bot there pays;
 * - saturated (a closed loop, no pause): the memory store, and Redis with the cases in
 *   PostgreSQL (Redis alone when no PostgreSQL answers). This is the throughput figure. Its
 *   latency is what a queue of 200 gives: by Little's law the mean is 200 / throughput.
 * - paced: the same customers on Redis + PostgreSQL, each pausing about WEB_TURNS_THINK_MS
 *   between lines, as people do (they read and type for seconds). This is the latency figure.
 * The desk (bench/deskServer.ts) and the echo (bench/echoServer.ts) each run in a child process
 * of their own, as a server does when its customers are on their own phones; the clients of both
 * run here, each on a connection of its own opened before
 * timing starts (bench/clientConnection.ts says why). On Redis, commands and bytes per turn are
 * counted (bench/redisTraffic.ts).
 *
 *   WEB_TURNS_CUSTOMERS (default 200), WEB_TURNS_SECONDS (default 15), WEB_TURNS_THINK_MS (default 2000)
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { ChildProcess } from 'node:child_process';
import { askChild, forkBenchServer, loopDelayOf, stopBenchServer, type LoopDelay } from '../benchChild';
import type { BenchModule, BenchResult } from '../benchModule';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';
import { perTurn, type RedisTraffic } from '../redisTraffic';
import { withBenchSchema } from '../benchPostgres';
import { ClientConnection } from '../clientConnection';
import type { FloorBot } from '../floorBots';

const CUSTOMERS = Number(process.env.WEB_TURNS_CUSTOMERS ?? 200);
const SECONDS = Number(process.env.WEB_TURNS_SECONDS ?? 15);
/**
 * The paced run's mean pause between a customer's lines. People take many seconds to read and
 * type; 2 s is brisk, and 200 such customers offer the desk about 100 lines a second.
 */
const THINK_MS = Number(process.env.WEB_TURNS_THINK_MS ?? 2000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** An intake told in pieces, then again: every kind of turn the bot takes, not one cached answer. */
const SCRIPT = [
  '我家宽带老是断线，好几天了',
  '在朝阳区建国路88号家里',
  '上周一开始的',
  '光猫重启过了没用',
  '没有报修单号',
  '对，就是这样',
  '谢谢',
];

interface Run {
  turns: number;
  latencies: number[];
  /** The latencies by line of the script: which kind of turn is slow. */
  byLine: number[][];
  errors: number;
  seconds: number;
  /** Redis commands and bytes per turn, when the run was on Redis. */
  redis?: string;
  /** The server process's CPU time over the run, in ms (user + system). */
  serverCpuMs: number;
  /** The server's event-loop delay over the run (ms), for the bot runs. */
  loop?: LoopDelay;
  /** The same for this process, where the customers run: their own stalls count in their latency. */
  clientLoop?: LoopDelay;
}

/** CPU time a child server has used so far, in ms. */
async function cpuMsOf(child: ChildProcess): Promise<number> {
  const { user, system } = await askChild<NodeJS.CpuUsage>(child, 'cpu', 'cpu');
  return (user + system) / 1000;
}

/** What one turn costs the server in CPU, in ms: a figure the clients sharing the machine do not move. */
const cpuPerTurn = (run: Run) => run.serverCpuMs / Math.max(1, run.turns);

function quantile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
}

function byLine(run: Run): string {
  return SCRIPT.map((text, i) => {
    const sorted = [...run.byLine[i]].sort((a, b) => a - b);
    return `「${text.slice(0, 6)}」 ${quantile(sorted, 0.5).toFixed(0)} / ${quantile(sorted, 0.99).toFixed(0)}`;
  }).join(', ');
}

const p99Of = (run: Run) =>
  quantile(
    [...run.latencies].sort((a, b) => a - b),
    0.99,
  );
const p50Of = (run: Run) =>
  quantile(
    [...run.latencies].sort((a, b) => a - b),
    0.5,
  );

/**
 * A run against the echo: throughput, and CPU per turn against CPU per echo. On two cores the
 * clients, Redis and PostgreSQL take turns with the server, so the second says more about the
 * turn's own cost.
 */
function ofEcho(run: Run, echo: Run): string {
  const rate = run.turns / run.seconds / (echo.turns / echo.seconds);
  return `${rate.toFixed(3)} of the echo's rate; server CPU per turn ${(cpuPerTurn(run) / cpuPerTurn(echo)).toFixed(1)}× the echo's`;
}

/** Stalls of the server's and the customers' own: a turn slower than these waited for something else (Redis, PostgreSQL, the CPU). */
function loopLine(run: Run): string {
  const ms = (l: LoopDelay) => `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms`;
  return run.loop && run.clientLoop ? `event-loop delay: server ${ms(run.loop)}; customers' process ${ms(run.clientLoop)}` : '';
}

function describe(label: string, run: Run): string {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return `${label}: ${(run.turns / run.seconds).toFixed(0)} turns/s, p50 ${ms(quantile(sorted, 0.5))}, p99 ${ms(quantile(sorted, 0.99))}, errors ${run.errors}, server CPU ${cpuPerTurn(run).toFixed(3)} ms each`;
}

/** One customer: a conversation, its stream, and answers matched to the messages they answer. */
class Customer {
  private token = '';
  private conversationId = '';
  private socket?: WebSocket;
  private readonly waiting = new Map<string, (at: number) => void>();
  /**
   * Answers that came over the stream before the post's own HTTP answer was read (a fast turn
   * wins that race): kept, or the turn would count as unanswered after 10 s.
   */
  private readonly early = new Map<string, number>();
  /** This customer's own connection, like a browser tab's. */
  readonly http = new ClientConnection();

  constructor(private readonly base: string) {}

  async open(): Promise<void> {
    const dl = `${this.base}/v3/directline`;
    const generated = (await this.http.post(`${dl}/tokens/generate`, {})).json as { token: string };
    const started = (await this.http.post(`${dl}/conversations`, {}, { authorization: `Bearer ${generated.token}` })).json as {
      token: string;
      conversationId: string;
      streamUrl: string;
    };
    this.token = started.token;
    this.conversationId = started.conversationId;
    this.socket = new WebSocket(started.streamUrl);
    this.socket.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      const at = performance.now();
      for (const a of (JSON.parse(text) as { activities?: { replyToId?: string }[] }).activities ?? []) {
        if (!a.replyToId) continue;
        const resolve = this.waiting.get(a.replyToId);
        if (resolve) {
          this.waiting.delete(a.replyToId);
          resolve(at);
        } else if (!this.early.has(a.replyToId)) this.early.set(a.replyToId, at);
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.socket!.once('open', () => resolve());
      this.socket!.once('error', reject);
    });
  }

  /** Posts one message; resolves with ms until the bot's first answer to it arrived. */
  async turn(text: string): Promise<number> {
    const sent = performance.now();
    const res = await this.http.post(
      `${this.base}/v3/directline/conversations/${this.conversationId}/activities`,
      { type: 'message', text, locale: 'zh-CN' },
      { authorization: `Bearer ${this.token}` },
    );
    if (res.status !== 200) throw new Error(`post answered ${res.status}`);
    const { id } = res.json as { id: string };
    const early = this.early.get(id);
    if (early !== undefined) {
      this.early.delete(id);
      return early - sent;
    }
    const at = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
      this.waiting.set(id, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
    return at - sent;
  }

  close(): void {
    this.socket?.close();
    this.http.close();
  }
}

/**
 * Where a run's desk keeps things, and how long each customer pauses between lines (0: none);
 * `floor` puts one of bench/floorBots.ts's least bots on the channel instead of the desk.
 */
interface Setup {
  redisPrefix?: string;
  databaseUrl?: string;
  thinkMs?: number;
  floor?: FloorBot;
}

/** A pause of 0.5–1.5 × `meanMs`, so customers do not fall into step. */
const think = (meanMs: number) => new Promise((r) => setTimeout(r, meanMs * (0.5 + Math.random())));

async function botTurns({ redisPrefix, databaseUrl, thinkMs = 0, floor }: Setup = {}): Promise<Run> {
  const setup = {
    ...(redisPrefix ? { redis: { url: REDIS_URL, prefix: redisPrefix } } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(floor ? { floor } : {}),
  };
  const { child, port } = await forkBenchServer('deskServer.js', [JSON.stringify(setup)]);
  const base = `http://127.0.0.1:${port}`;
  const customers = Array.from({ length: CUSTOMERS }, () => new Customer(base));
  try {
    for (const c of customers) await c.open();
    // Opening 200 conversations takes seconds: the first ones' connections are renewed here.
    await Promise.all(customers.map((c) => c.http.open(`${base}/healthz`)));
    const before = await askChild<RedisTraffic>(child, 'traffic', 'traffic');
    const cpuBefore = await cpuMsOf(child);
    await askChild(child, 'loop', 'loop');
    const clientLoop = monitorEventLoopDelay({ resolution: 10 });
    clientLoop.enable();
    const run: Run = { turns: 0, latencies: [], byLine: SCRIPT.map(() => []), errors: 0, seconds: SECONDS, serverCpuMs: 0 };
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      customers.map(async (c, i) => {
        for (let k = i; performance.now() < until; k++) {
          // Paced customers pause before each line, the first too: people do not all press
          // send at the same instant, and a herd of 200 first lines would measure the herd.
          if (thinkMs) await think(thinkMs);
          if (performance.now() >= until) break;
          try {
            const ms = await c.turn(SCRIPT[k % SCRIPT.length]);
            run.latencies.push(ms);
            run.byLine[k % SCRIPT.length].push(ms);
            run.turns++;
          } catch {
            run.errors++;
          }
        }
      }),
    );
    run.serverCpuMs = (await cpuMsOf(child)) - cpuBefore;
    run.loop = await askChild<LoopDelay>(child, 'loop', 'loop');
    clientLoop.disable();
    run.clientLoop = loopDelayOf(clientLoop);
    if (redisPrefix) run.redis = perTurn(before, await askChild<RedisTraffic>(child, 'traffic', 'traffic'), run.turns);
    return run;
  } finally {
    customers.forEach((c) => c.close());
    await stopBenchServer(child);
  }
}

/** The same closed loop against restify doing nothing but echo JSON, in a child process: the ceiling of this machine and stack. */
async function echo(): Promise<Run> {
  const { child, port } = await forkBenchServer('echoServer.js');
  try {
    const url = `http://127.0.0.1:${port}/echo`;
    const run: Run = { turns: 0, latencies: [], byLine: SCRIPT.map(() => []), errors: 0, seconds: SECONDS, serverCpuMs: 0 };
    const clients = Array.from({ length: CUSTOMERS }, () => new ClientConnection());
    const body = { type: 'message', text: SCRIPT[0] };
    await Promise.all(clients.map((c) => c.post(url, body)));
    const cpuBefore = await cpuMsOf(child);
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < until) {
          const sent = performance.now();
          try {
            const res = await client.post(url, body);
            if (res.status !== 200) throw new Error(`echo answered ${res.status}`);
            run.turns++;
            run.latencies.push(performance.now() - sent);
          } catch {
            run.errors++;
          }
        }
      }),
    );
    run.serverCpuMs = (await cpuMsOf(child)) - cpuBefore;
    clients.forEach((c) => c.close());
    return run;
  } finally {
    await stopBenchServer(child);
  }
}

export const webTurns: BenchModule = {
  name: 'web-turns',
  description: `${CUSTOMERS} web-chat customers in a closed loop for ${SECONDS} s each: bot turns/s and latency over Direct Line, vs a bare restify echo`,
  async run(): Promise<BenchResult> {
    const lines: string[] = [];
    const figures: Record<string, unknown> = { customers: CUSTOMERS, seconds: SECONDS };
    const bare = await echo();
    lines.push(describe('bare restify echo (child process)', bare));
    figures.echo = { perSecond: bare.turns / bare.seconds, serverCpuMs: cpuPerTurn(bare) };

    // The floor: this channel with the least bots botbuilder allows, before the desk's own.
    for (const [floor, label] of [
      ['echo', 'floor, a botbuilder echo bot on the same channel (memory)'],
      ['dialog', 'floor, a one-step botbuilder-dialogs bot with conversation state (memory)'],
    ] as const) {
      const run = await botTurns({ floor });
      lines.push(`${describe(label, run)}; ${ofEcho(run, bare)}`);
      figures[`floor-${floor}`] = { perSecond: run.turns / run.seconds, serverCpuMs: cpuPerTurn(run) };
    }

    const memory = await botTurns();
    lines.push(`${describe('bot turns, memory store', memory)}; ${ofEcho(memory, bare)}`);
    figures.memory = { perSecond: memory.turns / memory.seconds, p99: p99Of(memory), serverCpuMs: cpuPerTurn(memory) };

    if (await redisAnswers(REDIS_URL)) {
      const prefix = `cdbench:turns:${randomUUID().slice(0, 8)}:`;
      try {
        // As a province runs it: live state in Redis, the cases in PostgreSQL (or Redis alone
        // when no PostgreSQL answers).
        const ran = await withBenchSchema('turns', async (databaseUrl) => {
          const saturated = await botTurns({ redisPrefix: `${prefix}closed:`, databaseUrl });
          lines.push(`${describe('bot turns, Redis + PostgreSQL', saturated)}; ${ofEcho(saturated, bare)}`);
          lines.push(`   ${saturated.redis}`);
          figures.redisPostgres = {
            perSecond: saturated.turns / saturated.seconds,
            p99: p99Of(saturated),
            serverCpuMs: cpuPerTurn(saturated),
          };
          // The same customers at a person's pace, if a brisk one: a line every THINK_MS or so each.
          const paced = await botTurns({ redisPrefix: `${prefix}paced:`, databaseUrl, thinkMs: THINK_MS });
          lines.push(`${describe(`bot turns, Redis + PostgreSQL, a line every ~${THINK_MS} ms per customer`, paced)}`);
          lines.push(`   by line of the script (p50 / p99 ms): ${byLine(paced)}`);
          lines.push(`   ${loopLine(paced)}`);
          figures.paced = {
            thinkMs: THINK_MS,
            perSecond: paced.turns / paced.seconds,
            p50: p50Of(paced),
            p99: p99Of(paced),
            loop: paced.loop,
          };
          return true;
        });
        if (!ran) {
          const redis = await botTurns({ redisPrefix: prefix });
          lines.push(`${describe('bot turns, Redis', redis)}; ${ofEcho(redis, bare)}`);
          lines.push(`   ${redis.redis}`);
          figures.redis = { perSecond: redis.turns / redis.seconds, p99: p99Of(redis) };
        }
      } finally {
        await deleteKeysUnder(REDIS_URL, prefix);
      }
    } else lines.push(`Redis at ${REDIS_URL} does not answer: the Redis figures were skipped`);
    return { lines, figures };
  },
};
