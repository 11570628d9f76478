import './helpers/nodeGlobals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { RedisStore } from '../../../src/store/redisStore';
import { echoOf, GREETING } from '../../fakes/webEchoBot';
import { RecordingClient } from './helpers/directLineClient';
import { generateToken, startConversation, startWebServer, waitFor, type RunningWebServer } from './helpers/webServer';
import { TEST_STORE_PROTECTION } from '../../helpers/redis';
import { topicFor } from '../../../src/channels/web/conversationLog';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Frame = { activities: { id: string; text?: string; from: { role?: string } }[]; watermark: string };

/**
 * Two instances over one Redis: whatever instance a request lands on, every open socket sees
 * the same activities in the same order with the same watermarks.
 */
describe('web channel on two instances sharing Redis', () => {
  const prefix = `cdtest:web:${process.pid}:${randomBytes(4).toString('hex')}:`;
  let storeA: RedisStore;
  let storeB: RedisStore;
  let a: RunningWebServer;
  let b: RunningWebServer;
  const sockets: WebSocket[] = [];
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    storeA = new RedisStore({ url: REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    storeB = new RedisStore({ url: REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    // No skipping: without Redis this suite must fail, loudly.
    await Promise.all([storeA.ready(), storeB.ready()]);
    a = await startWebServer({ store: storeA });
    b = await startWebServer({ store: storeB });
  });

  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    for (const c of clients) c.end();
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([storeA?.close(), storeB?.close()]);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  function openStream(url: string): Promise<WebSocket & { frames: Frame[] }> {
    return new Promise((resolve, reject) => {
      const ws = Object.assign(new WebSocket(url), { frames: [] as Frame[] });
      sockets.push(ws);
      ws.on('message', (data) => ws.frames.push(JSON.parse(String(data))));
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  const texts = (frames: Frame[]) => frames.flatMap((f) => f.activities.map((x) => x.text));

  async function post(base: string, s: { conversationId: string; token: string }, text: string): Promise<string> {
    const res = await fetch(`${base}/v3/directline/conversations/${s.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  }

  it('a socket on instance B receives the reply the bot produced on instance A', async () => {
    const s = await startConversation(a.url);
    // Reconnect through B: B knows the conversation A started and hands out its own stream URL.
    const viaB = await fetch(`${b.url}/v3/directline/conversations/${s.conversationId}`, {
      headers: { Authorization: `Bearer ${s.token}` },
    });
    expect(viaB.status).toBe(200);
    const { streamUrl } = (await viaB.json()) as { streamUrl: string };
    expect(streamUrl.startsWith(b.url.replace('http', 'ws'))).toBe(true);
    const ws = await openStream(streamUrl);
    await waitFor(() => texts(ws.frames).includes(GREETING), 5000, 'greeting on B');

    const started = Date.now();
    const id = await post(a.url, s, '在A上发的');
    await waitFor(() => texts(ws.frames).includes(echoOf('在A上发的')), 5000, 'reply on B');
    console.info(`cross-instance post-to-reply on the other instance's socket: ${Date.now() - started} ms`);
    const all = ws.frames.flatMap((f) => f.activities);
    expect(all.map((x) => x.text)).toEqual([GREETING, '在A上发的', echoOf('在A上发的')]);
    expect(all[1].id).toBe(id);
    expect(ws.frames[ws.frames.length - 1].watermark).toBe('3');
  });

  it('keeps order and watermarks consistent when posts alternate between instances', async () => {
    const s = await startConversation(a.url);
    const onA = await openStream(s.streamUrl!);
    const viaB = (await (
      await fetch(`${b.url}/v3/directline/conversations/${s.conversationId}`, {
        headers: { Authorization: `Bearer ${s.token}` },
      })
    ).json()) as { streamUrl: string };
    const onB = await openStream(viaB.streamUrl);

    for (let i = 0; i < 6; i += 1) await post(i % 2 ? b.url : a.url, s, `第${i}条`);
    // An agent's proactive message, pushed through B's adapter.
    await b.channel.adapter.sendToConversation(s.conversationId, { type: 'message', text: '客服已接入' });

    const expectedCount = 1 + 6 * 2 + 1;
    const flat = (frames: Frame[]) => frames.flatMap((f) => f.activities);
    await waitFor(
      () => flat(onA.frames).length >= expectedCount && flat(onB.frames).length >= expectedCount,
      10_000,
      'all activities on both sockets',
    );

    const poll = (await (
      await fetch(`${a.url}/v3/directline/conversations/${s.conversationId}/activities`, {
        headers: { Authorization: `Bearer ${s.token}` },
      })
    ).json()) as { activities: { id: string }[]; watermark: string };
    expect(poll.watermark).toBe(String(expectedCount));
    const logIds = poll.activities.map((x) => x.id);
    expect(flat(onA.frames).map((x) => x.id)).toEqual(logIds);
    expect(flat(onB.frames).map((x) => x.id)).toEqual(logIds);
    // Each frame's watermark is the count delivered so far, strictly increasing.
    for (const frames of [onA.frames, onB.frames]) {
      let count = 0;
      for (const f of frames) {
        count += f.activities.length;
        expect(f.watermark).toBe(String(count));
      }
    }
    // Every user message is followed (not necessarily immediately) by its echo reply.
    const seq = flat(onA.frames).map((x) => x.text);
    for (let i = 0; i < 6; i += 1) expect(seq.indexOf(echoOf(`第${i}条`))).toBeGreaterThan(seq.indexOf(`第${i}条`));
  });

  it('gets every entry to a socket in order when a notice is lost or comes from an older instance', async () => {
    const s = await startConversation(a.url);
    const ws = await openStream(s.streamUrl!);
    await waitFor(() => texts(ws.frames).includes(GREETING), 5000, 'greeting');
    const entry = (text: string) => ({ type: 'message', id: `${s.conversationId}|${text}`, from: { id: 'bot', role: 'bot' }, text });
    // An entry whose notice never came, then one announced: the socket sees the gap and reads both.
    await storeB.appendActivity(s.conversationId, entry('无通知'));
    await storeB.appendAndAnnounce(s.conversationId, entry('有通知'), topicFor(s.conversationId));
    await waitFor(() => texts(ws.frames).includes('有通知'), 5000, 'the announced entry');
    // An older instance announces the watermark alone.
    await storeA.appendActivity(s.conversationId, entry('旧版通知'));
    await storeA.publish(topicFor(s.conversationId), { watermark: 3 });
    await waitFor(() => texts(ws.frames).includes('旧版通知'), 5000, "the older instance's entry");
    // A stale notice sends nothing twice.
    await storeA.publish(topicFor(s.conversationId), { watermark: 1 });
    await storeB.appendAndAnnounce(s.conversationId, entry('最后'), topicFor(s.conversationId));
    await waitFor(() => texts(ws.frames).includes('最后'), 5000, 'the last entry');
    expect(texts(ws.frames)).toEqual([GREETING, '无通知', '有通知', '旧版通知', '最后']);
    let count = 0;
    for (const f of ws.frames) {
      count += f.activities.length;
      expect(f.watermark).toBe(String(count));
    }
  });

  it('passes an announced entry on without reading the log, and trusts nothing else on the bus', async () => {
    const victim = await startConversation(a.url);
    const other = await startConversation(a.url);
    const ws = await openStream(victim.streamUrl!);
    await waitFor(() => texts(ws.frames).includes(GREETING), 5000, 'greeting');
    const entry = (conversationId: string, text: string) => ({
      type: 'message',
      id: `${conversationId}|${text}`,
      conversation: { id: conversationId },
      from: { id: 'bot', role: 'bot' },
      text,
    });
    const reads = jest.spyOn(storeA, 'readActivities');
    try {
      await storeB.appendAndAnnounce(victim.conversationId, entry(victim.conversationId, '直接送达'), topicFor(victim.conversationId));
      await waitFor(() => texts(ws.frames).includes('直接送达'), 5000, 'the announced entry');
      expect(reads).not.toHaveBeenCalled();

      // Someone who can publish on Redis forges the next entry in plain JSON, and replays another
      // conversation's sealed announcement here: neither reaches the socket, and the real next
      // entry still does.
      const raw = new Redis(REDIS_URL);
      const sealed: string[] = [];
      try {
        await raw.subscribe(`${prefix}topic:${topicFor(other.conversationId)}`);
        raw.on('message', (_channel: string, message: string) => sealed.push(message));
        await storeB.appendAndAnnounce(
          other.conversationId,
          entry(other.conversationId, '别人的电话13812345678'),
          topicFor(other.conversationId),
        );
        await waitFor(() => sealed.length === 1, 5000, "the other conversation's announcement");
      } finally {
        await raw.quit();
      }
      const next = JSON.parse(sealed[0]) as { watermark: number; sealed: string };
      const publisher = new Redis(REDIS_URL);
      try {
        const channel = `${prefix}topic:${topicFor(victim.conversationId)}`;
        // One at a time: a read of the log that one of them starts would hide the next.
        await publisher.publish(channel, JSON.stringify({ watermark: 2, sealed: next.sealed }));
        await new Promise((r) => setTimeout(r, 200));
        await publisher.publish(channel, JSON.stringify({ watermark: 2, activity: entry(victim.conversationId, '伪造：请转账') }));
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        await publisher.quit();
      }
      await storeB.appendAndAnnounce(victim.conversationId, entry(victim.conversationId, '真的下一条'), topicFor(victim.conversationId));
      await waitFor(() => texts(ws.frames).includes('真的下一条'), 5000, 'the real next entry');
      await new Promise((r) => setTimeout(r, 200));
      expect(texts(ws.frames)).toEqual([GREETING, '直接送达', '真的下一条']);
      expect(ws.frames[ws.frames.length - 1].watermark).toBe('3');
    } finally {
      reads.mockRestore();
    }
  });

  it('a DirectLineJS client connected to B talks to a conversation started on A', async () => {
    const s = await generateToken(a.url);
    const startOnA = await fetch(`${a.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(startOnA.status).toBe(201);
    const c = new RecordingClient({ domain: `${b.url}/v3/directline`, token: s.token, conversationId: s.conversationId });
    clients.push(c);
    await c.waitForText(GREETING);
    await c.post({ type: 'message', from: { id: s.userId }, text: '经B发送' } as never);
    await c.waitForText(echoOf('经B发送'));
    expect(c.errors).toEqual([]);
  });
});
