/**
 * Live relay latency through the whole service, as customers and agents meet it:
 *   customer → console: DirectLineJS postActivity → the StaffEvent {resource:'message'} arriving
 *                       on a staff console's /api/stream WebSocket;
 *   agent → customer:   POST /api/cases/{id}/messages → the activity arriving on the customer's
 *                       DirectLineJS stream (WebSocket).
 * One message at a time (latency, not throughput), after a warm-up, on one instance with the
 * memory store and, when Redis answers, one instance on Redis and two instances on one Redis
 * (customer on A, agent and console on B), and the same two with the cases in PostgreSQL.
 * Targets: p99 ≤ 50 ms on one instance, ≤ 100 ms across two.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BENCH_SECRETS } from '../benchSecrets';
import { BENCH_OPEN_LIMITS } from '../benchDesk';
import type { BenchModule, BenchResult } from '../benchModule';
import { figures, line } from '../latencyFigures';
import { postJson } from '../staffProbe';
import { BENCH_DATABASE_URL, withBenchSchema } from '../benchPostgres';

const g = globalThis as Record<string, unknown>;
g.XMLHttpRequest ??= require('xhr2');
g.WebSocket ??= require('ws');

import { DirectLine, type Activity } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import { createApp, type App } from '../../src/index';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';

const MESSAGES = Number(process.env.RELAY_BENCH_MESSAGES ?? 500);
const WARM_UP = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AGENT = { username: 'bench-agent', password: 'bench-agent-pass' };

/** Resolves the first waiter whose predicate matches an arriving item; items nobody waits for are dropped. */
class Arrivals<T> {
  private waiters: { match: (item: T) => boolean; resolve: (at: number) => void }[] = [];
  arrive(item: T): void {
    const at = performance.now();
    const i = this.waiters.findIndex((w) => w.match(item));
    if (i >= 0) this.waiters.splice(i, 1)[0].resolve(at);
  }
  next(match: (item: T) => boolean, ms = 5000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a relayed message')), ms);
      this.waiters.push({
        match,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }
}

async function start(options: { redisPrefix?: string; instanceId: string; databaseUrl?: string }): Promise<{ app: App; base: string }> {
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    instanceId: options.instanceId,
    ...(options.redisPrefix ? { redisUrl: REDIS_URL, redisPrefix: options.redisPrefix } : {}),
    env: {
      ...BENCH_SECRETS,
      // One customer sends hundreds of lines in a row: the relay is measured, not the flood guard.
      ...BENCH_OPEN_LIMITS,
      LOG_LEVEL: 'silent',
      BOOTSTRAP_USERS: `${AGENT.username}:agent:${AGENT.password}`,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    },
  });
  await app.start();
  return { app, base: `http://127.0.0.1:${app.port}` };
}

async function measure(customerBase: string, agentBase: string): Promise<{ toConsole: number[]; toCustomer: number[] }> {
  const login = await postJson(agentBase, '/api/auth/login', undefined, AGENT);
  const token = login.body.token as string;

  // The staff console.
  const consoleEvents = new Arrivals<{ resource: string; payload: { text?: string } }>();
  const ws = new WebSocket(`${agentBase.replace(/^http/, 'ws')}/api/stream?token=${encodeURIComponent(token)}`);
  ws.on('message', (data) => consoleEvents.arrive(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  // The customer.
  // The server assigns the customer's id (a client cannot choose one); it travels in the token.
  const generated = await postJson(customerBase, '/v3/directline/tokens/generate', undefined, {});
  if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}: ${JSON.stringify(generated.body)}`);
  const userId = (JSON.parse(Buffer.from((generated.body.token as string).split('.')[1], 'base64url').toString()) as { user: string }).user;
  const dl = new DirectLine({ token: generated.body.token as string, domain: `${customerBase}/v3/directline`, webSocket: true });
  const customerSees = new Arrivals<Activity>();
  const received: Activity[] = [];
  const subscription = dl.activity$.subscribe(
    (a) => {
      received.push(a);
      customerSees.arrive(a);
    },
    () => undefined,
  );
  const say = (text: string) =>
    new Promise<void>((resolve, reject) =>
      dl.postActivity({ type: 'message', from: { id: userId }, text } as Activity).subscribe(() => resolve(), reject),
    );

  try {
    await customerSees.next((a) => a.type === 'message' && a.from.id !== userId, 10_000);
    const queued = customerSees.next((a) => a.type === 'message' && /排在第/.test((a as { text?: string }).text ?? ''), 10_000);
    await say('转人工');
    await queued;
    const list = await fetch(`${agentBase}/api/cases?status=queued`, { headers: { Authorization: `Bearer ${token}` } });
    const rows = (await list.json()) as { id: string }[];
    let caseId: string | undefined;
    for (const row of rows) {
      const page = await (await fetch(`${agentBase}/api/cases/${row.id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
      if ((page as { customerId: string }).customerId === userId) caseId = row.id;
    }
    if (!caseId) throw new Error('the bench customer’s case was not queued');
    const claimed = await postJson(agentBase, `/api/cases/${caseId}/claim`, token, {});
    if (claimed.status !== 200) throw new Error(`claim answered ${claimed.status}`);

    const toConsole: number[] = [];
    const toCustomer: number[] = [];
    for (let i = 0; i < WARM_UP + MESSAGES; i++) {
      const text = `客户第${i}条：宽带还是断的`;
      const arrived = consoleEvents.next((e) => e.resource === 'message' && e.payload.text === text);
      const started = performance.now();
      await say(text);
      const at = await arrived;
      if (i >= WARM_UP) toConsole.push(at - started);
    }
    for (let i = 0; i < WARM_UP + MESSAGES; i++) {
      const text = `客服第${i}条：正在为您处理`;
      const arrived = customerSees.next((a) => a.type === 'message' && (a as { text?: string }).text === text);
      const started = performance.now();
      const sent = await postJson(agentBase, `/api/cases/${caseId}/messages`, token, { text });
      if (sent.status !== 201) throw new Error(`messages answered ${sent.status}: ${JSON.stringify(sent.body)}`);
      const at = await arrived;
      if (i >= WARM_UP) toCustomer.push(at - started);
    }
    // The bot stayed silent: nothing but the agent's messages reached the customer after the claim.
    const fromBot = received.filter(
      (a) => a.type === 'message' && a.from.id === 'complaint-desk' && /留言已收到/.test((a as { text?: string }).text ?? ''),
    );
    if (fromBot.length) throw new Error('the bot answered while the agent owned the case');
    return { toConsole, toCustomer };
  } finally {
    subscription.unsubscribe();
    dl.end();
    ws.close();
  }
}

export const relayLatency: BenchModule = {
  name: 'relay-latency',
  description: `customer → console and agent → customer relay latency, ${MESSAGES} messages each way (DirectLineJS, HTTP, /api/stream)`,
  async run(): Promise<BenchResult> {
    const lines: string[] = [];
    const out: Record<string, unknown> = { messages: MESSAGES };

    const single = await start({ instanceId: 'bench-memory' });
    try {
      const r = await measure(single.base, single.base);
      const c = figures(r.toConsole);
      const a = figures(r.toCustomer);
      lines.push(`one instance, memory store:  customer → console ${line(c)}`);
      lines.push(`one instance, memory store:  agent → customer   ${line(a)}`);
      out.memory = { customerToConsole: c, agentToCustomer: a };
    } finally {
      await single.app.stop();
    }

    if (!(await redisAnswers(REDIS_URL))) {
      lines.push(`Redis at ${REDIS_URL} does not answer: the Redis figures were skipped`);
      return { lines, figures: out };
    }
    const prefix = `cdbench:relay:${randomUUID().slice(0, 8)}:`;
    try {
      const one = await start({ redisPrefix: `${prefix}one:`, instanceId: 'bench-redis' });
      try {
        const r = await measure(one.base, one.base);
        const c = figures(r.toConsole);
        const a = figures(r.toCustomer);
        lines.push(`one instance, Redis store:   customer → console ${line(c)}`);
        lines.push(`one instance, Redis store:   agent → customer   ${line(a)}`);
        out.redis = { customerToConsole: c, agentToCustomer: a };
      } finally {
        await one.app.stop();
      }
      const a = await start({ redisPrefix: `${prefix}two:`, instanceId: 'bench-a' });
      const b = await start({ redisPrefix: `${prefix}two:`, instanceId: 'bench-b' });
      try {
        const r = await measure(a.base, b.base);
        const c = figures(r.toConsole);
        const t = figures(r.toCustomer);
        lines.push(`two instances (customer on A, agent on B): customer → console ${line(c)}`);
        lines.push(`two instances (customer on A, agent on B): agent → customer   ${line(t)}`);
        out.twoInstances = { customerToConsole: c, agentToCustomer: t };
      } finally {
        await a.app.stop();
        await b.app.stop();
      }
      // As a province runs it: two instances on one Redis, the cases in PostgreSQL.
      const ranOnPostgres = await withBenchSchema('relay', async (databaseUrl) => {
        const pa = await start({ redisPrefix: `${prefix}pg:`, instanceId: 'bench-pg-a', databaseUrl });
        const pb = await start({ redisPrefix: `${prefix}pg:`, instanceId: 'bench-pg-b', databaseUrl });
        try {
          const r = await measure(pa.base, pb.base);
          const c = figures(r.toConsole);
          const t = figures(r.toCustomer);
          lines.push(`two instances, Redis + PostgreSQL: customer → console ${line(c)}`);
          lines.push(`two instances, Redis + PostgreSQL: agent → customer   ${line(t)}`);
          out.twoInstancesPostgres = { customerToConsole: c, agentToCustomer: t };
          return true;
        } finally {
          await pa.app.stop();
          await pb.app.stop();
        }
      });
      if (!ranOnPostgres)
        lines.push(`PostgreSQL at ${BENCH_DATABASE_URL} does not answer: the two-instance PostgreSQL figures were skipped`);
    } finally {
      await deleteKeysUnder(REDIS_URL, prefix);
    }
    return { lines, figures: out };
  },
};
