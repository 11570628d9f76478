/**
 * Time from queue to offer with two instances on one Redis: AGENTS agents with a console open
 * (the /api/stream WebSocket that makes them online), half on instance A and half on B; web
 * customers, alternately on A and B, first N in a burst, then N/3 steadily, ask for a person (Direct Line REST: token, conversation,
 * 「转人工」). The auto-assigner runs on whichever instance holds its lease and offers each
 * queued case to a free agent; the agent claims what it is offered on its own instance.
 *
 * Measured per case, against the case's queuedAt (written by the instance that queued it):
 *   offer arrived: when the offered agent's console received the `offered` event − queuedAt
 *                  (the figure: what the agent experiences)
 *   round started: the offering round's clock (payload.until − accept window) − queuedAt; a
 *                  round offers its cases one after another, so later ones arrive after it
 * and checked: every case offered exactly once (with claims right after, nothing expires), each
 * claimed by the agent it was offered to. The scan interval (ASSIGN_SCAN_SECONDS) bounds the
 * wait when rounds are short: a case queued just after a round waits for the next one; a round
 * offers its cases one after another, so with a burst the round's own length adds to it (the
 * bench prints the rounds). Both instances, the bot turns and the clients share one Node process
 * here, so CPU is shared too: the figures are an upper bound for a desk of separate machines.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { BENCH_SECRETS } from '../benchSecrets';
import type { BenchModule, BenchResult } from '../benchModule';
import { figures, line } from '../latencyFigures';
import { postJson } from '../staffProbe';
import { createApp, type App } from '../../src/index';
import { loadConfig } from '../../src/config/env';
import { storeProtection } from '../../src/config/secrets';
import { RedisStore } from '../../src/store/redisStore';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';

const CUSTOMERS = Number(process.env.QUEUE_BENCH_CUSTOMERS ?? 120);
const AGENTS = Number(process.env.QUEUE_BENCH_AGENTS ?? 6);
const SCAN_SECONDS = process.env.QUEUE_BENCH_SCAN_SECONDS ?? '2';
/** The steady phase: one customer every this many ms. */
const PACE_MS = Number(process.env.QUEUE_BENCH_PACE_MS ?? 250);
const ACCEPT_SECONDS = 60;
/** Customers asking at the same time. */
const CONCURRENCY = 8;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const agents = Array.from({ length: AGENTS }, (_, i) => ({ username: `bench-agent-${i + 1}`, password: `bench-agent-${i + 1}-pass` }));

interface Offer {
  caseId: string;
  agent: string;
  until: string;
  /** Date.now() when the offered agent's console got it. */
  arrivedAt: number;
}

async function start(prefix: string, instanceId: string): Promise<{ app: App; base: string }> {
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    instanceId,
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    env: {
      ...BENCH_SECRETS,
      LOG_LEVEL: 'silent',
      BOOTSTRAP_USERS: agents.map((a) => `${a.username}:agent:${a.password}`).join(','),
      AUTO_ASSIGN: 'true',
      ASSIGN_SCAN_SECONDS: SCAN_SECONDS,
      ASSIGN_ACCEPT_SECONDS: String(ACCEPT_SECONDS),
      // Everyone may hold every case: the bench measures the offer, not a full desk.
      AGENT_MAX_CASES: '50',
      // Every customer comes from 127.0.0.1: the per-address limits would stop the bench, not a desk.
      TOKEN_RATE_PER_MINUTE: '10000',
      MESSAGES_PER_ADDRESS_PER_MINUTE: '100000',
      CASES_PER_ADDRESS_PER_HOUR: '100000',
    },
  });
  await app.start();
  return { app, base: `http://127.0.0.1:${app.port}` };
}

/** An agent's console: online while open; claims every case it is offered, on its own instance. */
async function openConsole(
  base: string,
  who: { username: string; password: string },
  offers: Offer[],
  claims: Map<string, { agent: string; status: number }>,
) {
  const { body } = await postJson(base, '/api/auth/login', undefined, who);
  const token = body.token as string;
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/stream?token=${encodeURIComponent(token)}`);
  ws.on('message', (data) => {
    const event = JSON.parse(data.toString()) as {
      resource?: string;
      type?: string;
      id?: string;
      payload?: { agent?: string; until?: string };
    };
    if (event.resource !== 'case' || event.type !== 'offered' || event.payload?.agent !== who.username) return;
    offers.push({ caseId: event.id!, agent: who.username, until: event.payload.until!, arrivedAt: Date.now() });
    void postJson(base, `/api/cases/${event.id}/claim`, token, {}).then((r) =>
      claims.set(event.id!, { agent: who.username, status: r.status }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** A web customer who asks for a person at once (Direct Line REST, no stream needed). */
async function handOver(base: string): Promise<void> {
  const generated = await postJson(base, '/v3/directline/tokens/generate', undefined, {});
  if (generated.status !== 200) throw new Error(`token answered ${generated.status}`);
  const token = generated.body.token as string;
  const started = await postJson(base, '/v3/directline/conversations', token, {});
  const conversationId = started.body.conversationId as string;
  const sent = await postJson(base, `/v3/directline/conversations/${conversationId}/activities`, token, {
    type: 'message',
    text: '转人工',
  });
  if (sent.status !== 200) throw new Error(`activity answered ${sent.status}: ${JSON.stringify(sent.body)}`);
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

interface Phase {
  label: string;
  customers: number;
  /** 0: CONCURRENCY at a time, as fast as they go (a burst); otherwise one customer every paceMs. */
  paceMs: number;
}

const PHASES: Phase[] = [
  { label: 'burst', customers: CUSTOMERS, paceMs: 0 },
  { label: 'steady', customers: Math.max(1, Math.round(CUSTOMERS / 3)), paceMs: PACE_MS },
];

/** Hands a phase's customers over and sums up what the consoles saw; offers and claims are this phase's. */
async function runPhase(
  phase: Phase,
  instances: { base: string }[],
  store: RedisStore,
  offers: Offer[],
  claims: Map<string, { agent: string; status: number }>,
): Promise<{ lines: string[]; figures: Record<string, unknown> }> {
  offers.length = 0;
  claims.clear();
  const started = Date.now();
  if (phase.paceMs === 0) {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < phase.customers; i = next++) await handOver(instances[i % 2].base);
      }),
    );
  } else {
    const handed: Promise<void>[] = [];
    for (let i = 0; i < phase.customers; i++) {
      handed.push(handOver(instances[i % 2].base));
      await new Promise((r) => setTimeout(r, phase.paceMs));
    }
    await Promise.all(handed);
  }
  const handedMs = Date.now() - started;
  const allOffered = await until(() => new Set(offers.map((o) => o.caseId)).size >= phase.customers, 30_000);
  await until(() => claims.size >= new Set(offers.map((o) => o.caseId)).size, 10_000);
  // A late second offer would show up within a scan or two.
  await new Promise((r) => setTimeout(r, Number(SCAN_SECONDS) * 2000));

  const byCase = new Map<string, Offer[]>();
  for (const o of offers) byCase.set(o.caseId, [...(byCase.get(o.caseId) ?? []), o]);
  const made: number[] = [];
  const arrived: number[] = [];
  const offeredTwice: string[] = [];
  let wrongClaims = 0;
  let missingQueuedAt = 0;
  for (const [caseId, list] of byCase) {
    const distinct = new Set(list.map((o) => `${o.agent}@${o.until}`));
    if (distinct.size > 1) offeredTwice.push(caseId);
    const c = await store.getCase(caseId);
    const queuedAt = c?.queuedAt ? Date.parse(c.queuedAt) : NaN;
    if (Number.isNaN(queuedAt)) {
      missingQueuedAt += 1;
      continue;
    }
    const first = list[0];
    made.push(Date.parse(first.until) - ACCEPT_SECONDS * 1000 - queuedAt);
    arrived.push(first.arrivedAt - queuedAt);
    const claim = claims.get(caseId);
    if (!claim || claim.status !== 200 || c?.owner !== first.agent) wrongClaims += 1;
  }

  // One round stamps all its offers with the round's clock: grouped by it, the rounds show
  // how long one takes (its start to its last offer's arrival) for how many cases.
  const rounds = new Map<string, number[]>();
  for (const o of offers) rounds.set(o.until, [...(rounds.get(o.until) ?? []), o.arrivedAt]);
  const roundSpans = [...rounds.entries()].map(([stamp, arrivals]) => ({
    cases: arrivals.length,
    ms: Math.max(...arrivals) - (Date.parse(stamp) - ACCEPT_SECONDS * 1000),
  }));
  const longest = roundSpans.reduce((a, b) => (b.ms > a.ms ? b : a), { cases: 0, ms: 0 });
  const madeF = figures(made);
  const arrivedF = figures(arrived);
  const perAgent = agents.map((a) => offers.filter((o) => o.agent === a.username).length);
  const how = phase.paceMs === 0 ? `${CONCURRENCY} at a time` : `one every ${phase.paceMs} ms`;
  return {
    lines: [
      `[${phase.label}] ${phase.customers} customers handed over in ${(handedMs / 1000).toFixed(1)} s (${how}, alternately on A and B)`,
      `[${phase.label}] queue → start of the offering round: ${line(madeF)}`,
      `[${phase.label}] queue → offer at agent console:     ${line(arrivedF)}`,
      `[${phase.label}] cases offered: ${byCase.size}/${phase.customers}${allOffered ? '' : ' (not all within 30 s)'}; offered twice: ${offeredTwice.length}; claimed by someone else or failed: ${wrongClaims}; without queuedAt: ${missingQueuedAt}`,
      `[${phase.label}] offers per agent: ${perAgent.join(', ')}; offering rounds: ${roundSpans.length}, most cases in one ${Math.max(0, ...roundSpans.map((r) => r.cases))}, longest ${longest.ms} ms (${longest.cases} cases)`,
    ],
    figures: {
      customers: phase.customers,
      paceMs: phase.paceMs,
      made: madeF,
      arrived: arrivedF,
      offeredCases: byCase.size,
      offeredTwice: offeredTwice.length,
      wrongClaims,
      perAgent,
      rounds: roundSpans,
    },
  };
}

export const queueToOffer: BenchModule = {
  name: 'queue-to-offer',
  description: `time from queue to offer: ${AGENTS} agents online on two instances on one Redis, customers handed over in a burst (${CUSTOMERS}) and steadily (scan every ${SCAN_SECONDS} s)`,
  async run(): Promise<BenchResult> {
    if (!(await redisAnswers(REDIS_URL))) return { lines: [`skipped: no Redis answers at ${REDIS_URL}`], figures: {} };
    const prefix = `cdbench:queue-offer:${randomUUID().slice(0, 8)}:`;
    const offers: Offer[] = [];
    const claims = new Map<string, { agent: string; status: number }>();
    const sockets: WebSocket[] = [];
    const instances: { app: App; base: string }[] = [];
    const store = new RedisStore({ url: REDIS_URL, prefix, ...storeProtection(loadConfig(BENCH_SECRETS)) });
    try {
      await store.ready();
      instances.push(await start(prefix, 'bench-a'), await start(prefix, 'bench-b'));
      for (const [i, who] of agents.entries()) sockets.push(await openConsole(instances[i % 2].base, who, offers, claims));
      const lines = [
        `${AGENTS} agents online (consoles on A: ${Math.ceil(AGENTS / 2)}, on B: ${Math.floor(AGENTS / 2)}); assigner scan every ${SCAN_SECONDS} s, accept window ${ACCEPT_SECONDS} s`,
      ];
      const out: Record<string, unknown> = { agents: AGENTS, scanSeconds: Number(SCAN_SECONDS) };
      for (const phase of PHASES) {
        const result = await runPhase(phase, instances, store, offers, claims);
        lines.push(...result.lines);
        out[phase.label] = result.figures;
      }
      lines.push(`cases in the store: ${(await store.listCases()).length}`);
      return { lines, figures: out };
    } finally {
      for (const ws of sockets) ws.close();
      for (const i of instances) await i.app.stop();
      await store.close();
      await deleteKeysUnder(REDIS_URL, prefix);
    }
  },
};
