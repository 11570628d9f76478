/**
 * Server memory per idle web conversation: N customers (IDLE_CONVERSATIONS, default 10,000) each
 * start a Direct Line conversation, send one message, get the bot's answer and go quiet. Heap
 * used after a forced GC, after − before, divided by N; on the memory store (which keeps the
 * logs and state in the heap by design) and, when Redis answers, on Redis (where everything the
 * heap still holds per conversation is ours to cut).
 *
 * The clients run in this process over plain HTTP (answers read by polling, no sockets) and are
 * all finished and released before the second measurement, so what remains is the server's.
 */
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startOpenDesk } from '../benchDesk';
import type { BenchModule, BenchResult } from '../benchModule';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';

const CONVERSATIONS = Number(process.env.IDLE_CONVERSATIONS ?? 10_000);
/** Customers at once while the conversations are being opened. */
const PARALLEL = 50;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function heapAfterGc(): Promise<number> {
  // Several rounds with a pause between: weak references and finalizers let go in a later cycle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

async function json(res: Response): Promise<Record<string, unknown>> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** One customer: start, one message, wait (polling) until the bot answered it. */
async function oneConversation(base: string): Promise<void> {
  const dl = `${base}/v3/directline`;
  const headers = { 'content-type': 'application/json' };
  let res = await fetch(`${dl}/tokens/generate`, { method: 'POST', headers, body: '{}' });
  // All customers come from one address: past the token limit (10,000 a minute at most) wait a window.
  while (res.status === 429) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    res = await fetch(`${dl}/tokens/generate`, { method: 'POST', headers, body: '{}' });
  }
  const generated = await json(res);
  const auth = { ...headers, authorization: `Bearer ${generated.token}` };
  const started = await json(await fetch(`${dl}/conversations`, { method: 'POST', headers: auth, body: '{}' }));
  const conversation = `${dl}/conversations/${started.conversationId}/activities`;
  const bearer = { ...headers, authorization: `Bearer ${started.token}` };
  const { id } = await json(
    await fetch(conversation, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ type: 'message', text: '我家宽带老是断线，好几天了', locale: 'zh-CN' }),
    }),
  );
  for (let tries = 0; tries < 400; tries++) {
    const set = (await json(await fetch(`${conversation}?watermark=0`, { headers: bearer }))) as { activities: { replyToId?: string }[] };
    if (set.activities.some((a) => a.replyToId === id)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no answer within 20 s');
}

async function openConversations(base: string, count: number): Promise<number> {
  let next = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) {
        next++;
        await oneConversation(base).catch(() => errors++);
      }
    }),
  );
  return errors;
}

async function measure(redisPrefix?: string): Promise<{ line: string; kbPerConversation: number }> {
  const { app, base } = await startOpenDesk(redisPrefix ? { url: REDIS_URL, prefix: redisPrefix } : undefined);
  try {
    // Warm-up: the classifier, the dialogs and the HTTP stack load lazily and are not per conversation.
    await openConversations(base, 200);
    const before = await heapAfterGc();
    const errors = await openConversations(base, CONVERSATIONS);
    // Let the inbox sweep and any timers of the last turns run out.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await heapAfterGc();
    const perConversation = (after - before) / CONVERSATIONS;
    const line = `${(perConversation / 1024).toFixed(1)} KB heap per idle conversation (heap ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MB, errors ${errors})`;
    return { line, kbPerConversation: perConversation / 1024 };
  } finally {
    await app.stop();
  }
}

export const idleMemory: BenchModule = {
  name: 'idle-memory',
  description: `${CONVERSATIONS} web conversations that said one thing and went idle: server heap per conversation after a forced GC`,
  async run(): Promise<BenchResult> {
    const memory = await measure();
    const lines = [`memory store: ${memory.line}`];
    const figures: Record<string, unknown> = { conversations: CONVERSATIONS, memoryKb: memory.kbPerConversation };
    if (await redisAnswers(REDIS_URL)) {
      const prefix = `cdbench:idle:${randomUUID().slice(0, 8)}:`;
      try {
        const redis = await measure(prefix);
        lines.push(`Redis: ${redis.line}`);
        figures.redisKb = redis.kbPerConversation;
      } finally {
        await deleteKeysUnder(REDIS_URL, prefix);
      }
    } else lines.push(`Redis at ${REDIS_URL} does not answer: the Redis figure was skipped`);
    return { lines, figures };
  },
};
