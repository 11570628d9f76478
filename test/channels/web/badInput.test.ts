import WebSocket from 'ws';
import { incomingMedia } from '../../../src/bot/incomingMedia';
import { TokenService } from '../../../src/channels/web';
import { createWebEchoBot, echoOf, GREETING, shortenPrompt } from '../../fakes/webEchoBot';
import { startConversation, startWebServer, TEST_SECRET, waitFor, type RunningWebServer } from './helpers/webServer';

/** Tokens, access control and hostile or broken input: always a 4xx with a reason, never a 5xx. */
describe('web channel security and bad input', () => {
  const MAX_CHARS = 200;
  let web: RunningWebServer;
  const bot = createWebEchoBot({ maxMessageChars: MAX_CHARS });
  const dl = (path: string) => `${web.url}/v3/directline${path}`;

  beforeAll(async () => {
    web = await startWebServer({ bot, maxMessageChars: MAX_CHARS });
  });

  afterAll(async () => {
    await web.close();
  });

  async function call(method: string, path: string, token?: string, body?: unknown, raw?: string) {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined || raw !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(dl(path), { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const text = await res.text();
    let json: { error?: { code: string; message: string } } & Record<string, unknown> = {};
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, headers: res.headers };
  }

  const post = (session: { conversationId: string; token: string }, activity: unknown) =>
    call('POST', `/conversations/${session.conversationId}/activities`, session.token, activity);

  async function transcript(session: { conversationId: string; token: string }) {
    const res = await call('GET', `/conversations/${session.conversationId}/activities`, session.token);
    return res.json as unknown as { activities: { id: string; text?: string; type: string }[]; watermark: string };
  }

  it('answers 401 without a token or with a garbled or forged one', async () => {
    const s = await startConversation(web.url);
    expect((await call('GET', `/conversations/${s.conversationId}/activities`)).status).toBe(401);
    expect((await call('GET', `/conversations/${s.conversationId}/activities`, 'not-a-token')).status).toBe(401);
    const forged = new TokenService('another-secret-that-is-long-enough-000000', 1800).issue(s.conversationId, s.userId);
    const res = await call('GET', `/conversations/${s.conversationId}/activities`, forged.token);
    expect(res.status).toBe(401);
    expect(res.json.error?.code).toBe('InvalidToken');
    expect((await call('POST', '/conversations')).status).toBe(401);
    expect((await call('POST', '/tokens/refresh')).status).toBe(401);
  });

  it("answers 403 with another conversation's token, on every route", async () => {
    const a = await startConversation(web.url);
    const b = await startConversation(web.url);
    for (const [method, path] of [
      ['GET', `/conversations/${b.conversationId}/activities`],
      ['GET', `/conversations/${b.conversationId}`],
      ['POST', `/conversations/${b.conversationId}/activities`],
    ]) {
      const res = await call(method, path, a.token, method === 'POST' ? { type: 'message', text: 'hi' } : undefined);
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('answers 403 for an expired token (what DirectLineJS reads as ExpiredToken)', async () => {
    const s = await startConversation(web.url);
    const past = new TokenService(TEST_SECRET, 60, () => Date.now() - 3600_000).issue(s.conversationId, s.userId);
    const res = await call('GET', `/conversations/${s.conversationId}/activities`, past.token);
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe('TokenExpired');
    expect((await call('POST', '/tokens/refresh', past.token)).status).toBe(403);
  });

  it('answers 404 for a conversation that was never started', async () => {
    const generated = await (await fetch(dl('/tokens/generate'), { method: 'POST' })).json();
    const res = await call('GET', `/conversations/${generated.conversationId}/activities`, generated.token);
    expect(res.status).toBe(404);
  });

  it('refuses a stream token as a bearer token and a conversation token on the stream', async () => {
    const s = await startConversation(web.url);
    const streamToken = new URL(s.streamUrl!).searchParams.get('t')!;
    expect((await call('GET', `/conversations/${s.conversationId}/activities`, streamToken)).status).toBe(401);
    const wrong = new URL(s.streamUrl!);
    wrong.searchParams.set('t', s.token);
    await expect(openSocket(wrong.toString())).rejects.toThrow(/401/);
  });

  it('refuses WebSocket streams without a valid token for that conversation', async () => {
    const a = await startConversation(web.url);
    const b = await startConversation(web.url);
    const noToken = new URL(a.streamUrl!);
    noToken.searchParams.delete('t');
    await expect(openSocket(noToken.toString())).rejects.toThrow(/401/);
    const other = new URL(b.streamUrl!);
    other.searchParams.set('t', new URL(a.streamUrl!).searchParams.get('t')!);
    await expect(openSocket(other.toString())).rejects.toThrow(/403/);
    const badWatermark = new URL(a.streamUrl!);
    badWatermark.searchParams.set('watermark', 'abc');
    await expect(openSocket(badWatermark.toString())).rejects.toThrow(/400/);
    // And the valid one opens and replays the greeting.
    const ws = await openSocket(a.streamUrl!);
    const frame = await nextFrame(ws);
    expect(frame.activities[0].text).toBe(GREETING);
    expect(frame.watermark).toBe('1');
    ws.send(''); // the client's keep-alive ping is ignored
    ws.close();
  });

  it('answers 400 for malformed JSON', async () => {
    const s = await startConversation(web.url);
    const res = await call('POST', `/conversations/${s.conversationId}/activities`, s.token, undefined, '{"type": "message", "text": ');
    expect(res.status).toBe(400);
    const gen = await call('POST', '/tokens/generate', undefined, undefined, '{oops');
    expect(gen.status).toBe(400);
  });

  it('answers 400 with a reason for bad activities', async () => {
    const s = await startConversation(web.url);
    const cases: [unknown, RegExp][] = [
      [{ text: 'no type' }, /type is required/],
      [{ type: 'invoke', name: 'x' }, /type must be one of message, event, typing/],
      [{ type: 'conversationUpdate' }, /type must be one of/],
      [{ type: 'message', text: 42 }, /text/],
      [{ type: 'message' }, /needs text/],
      [{ type: 'message', text: 'hi', from: { id: 'someone-else' } }, /from\.id does not match/],
      [{ type: 'message', text: 'hi', channelData: 'x' }, /channelData/],
      [{ type: 'message', text: 'hi', attachments: [{ contentType: 'image/png', contentUrl: 'javascript:alert(1)' }] }, /http\(s\) URL/],
      [{ type: 'event' }, /needs a name/],
      [[1, 2, 3], /activity/],
      ['just a string', /activity/],
    ];
    for (const [activity, reason] of cases) {
      const res = await post(s, activity);
      expect([JSON.stringify(activity), res.status]).toEqual([JSON.stringify(activity), 400]);
      expect(res.json.error?.message).toMatch(reason);
    }
    const bad = await call('GET', `/conversations/${s.conversationId}/activities?watermark=-5`, s.token);
    expect(bad.status).toBe(400);
    const badUser = await call('POST', '/tokens/generate', undefined, { user: { id: '<script>' } });
    expect(badUser.status).toBe(400);
    // None of it reached the log: only the greeting is there.
    expect((await transcript(s)).activities.map((a) => a.text)).toEqual([GREETING]);
  });

  it('accepts text over MAX_MESSAGE_CHARS (the bot asks to shorten) but answers 413 above the hard limit', async () => {
    const s = await startConversation(web.url);
    const long = '长'.repeat(MAX_CHARS + 1);
    const accepted = await post(s, { type: 'message', text: long });
    expect(accepted.status).toBe(200);
    await waitFor(async () => (await transcript(s)).activities.some((a) => a.text === shortenPrompt(MAX_CHARS)), 5000, 'shorten prompt');
    const stored = (await transcript(s)).activities.find((a) => a.id === accepted.json.id)!;
    expect(stored.text).toBe(long);

    const tooLong = await post(s, { type: 'message', text: 'x'.repeat(20_001) });
    expect(tooLong.status).toBe(413);
    expect(tooLong.json.error?.message).toMatch(/longer than 20000/);
    const bloated = await post(s, { type: 'message', text: 'hi', channelData: { junk: 'y'.repeat(40_000) } });
    expect(bloated.status).toBe(413);
    // Above the HTTP server's own body limit restify answers 413 before we see it.
    const huge = await post(s, { type: 'message', text: 'z'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('answers 415 for uploads, which the page does not offer', async () => {
    const s = await startConversation(web.url);
    expect((await call('POST', `/conversations/${s.conversationId}/upload`, s.token, {})).status).toBe(415);
  });

  it('keeps going after a bot turn fails, with an apology to the customer', async () => {
    const s = await startConversation(web.url);
    expect((await post(s, { type: 'message', text: 'boom' })).status).toBe(200);
    await waitFor(async () => (await transcript(s)).activities.some((a) => /抱歉/.test(a.text ?? '')), 5000, 'apology');
    expect((await post(s, { type: 'message', text: '还在吗' })).status).toBe(200);
    await waitFor(async () => (await transcript(s)).activities.some((a) => a.text === echoOf('还在吗')), 5000, 'echo');
  });

  it('rate-limits token requests per client address with 429 and a reason', async () => {
    const limited = await startWebServer({ tokenRatePerMinute: 3 });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i += 1) {
        last = await fetch(`${limited.url}/v3/directline/tokens/generate`, { method: 'POST' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await last!.json()) as { error: { message: string } }).error.message).toMatch(/too many token requests/);
    } finally {
      await limited.close();
    }
  });

  it('refuses a user id chosen by the client, and gives every new browser an id of its own', async () => {
    for (const id of ['customer-42', 'dl_customer_42']) {
      const chosen = await call('POST', '/tokens/generate', undefined, { user: { id } });
      expect([id, chosen.status, chosen.json.error?.code]).toEqual([id, 400, 'BadRequest']);
      expect(chosen.json.error?.message).toMatch(/assigned by the server/);
    }
    const mine = await startConversation(web.url);
    const anon = await startConversation(web.url);
    expect(mine.userId).toMatch(/^dl_[A-Za-z0-9_-]{22}$/);
    expect(anon.userId).toMatch(/^dl_[A-Za-z0-9_-]{22}$/);
    expect(anon.userId).not.toBe(mine.userId);
    const joined = bot.seen.find((a) => a.type === 'conversationUpdate' && a.conversation?.id === mine.conversationId)!;
    expect(joined.membersAdded).toEqual([expect.objectContaining({ id: mine.userId })]);
    expect(joined.channelId).toBe('directline');
    expect(joined.recipient).toEqual(expect.objectContaining({ id: 'complaint-desk', name: '投诉助手' }));
  });

  it('never answers 5xx to junk, and keeps serving afterwards', async () => {
    const s = await startConversation(web.url);
    const conv = `/conversations/${s.conversationId}`;
    const junkBodies = [
      'null',
      '[]',
      '"text"',
      '12',
      '{"type":null}',
      '{"type":"message","text":"hi","__proto__":{"polluted":true}}',
      '{"type":"message","text":"hi","constructor":{"prototype":{"polluted":true}}}',
      '{"type":"message","text":"hi","from":"me"}',
      '{"type":"message","text":"hi","attachments":"x"}',
      '{"type":"message","text":"hi","entities":[1]}',
      '{"type":"message","text":"\\ud800"}',
      '{"type":"message","text":"hi","locale":"' + 'x'.repeat(1000) + '"}',
      '\u0000\u0001',
    ];
    const statuses: number[] = [];
    const lenient: number[] = []; // token and start routes ignore fields they do not know
    for (const raw of junkBodies) {
      statuses.push((await call('POST', `${conv}/activities`, s.token, undefined, raw)).status);
      for (const path of ['/tokens/generate', '/conversations']) lenient.push((await call('POST', path, s.token, undefined, raw)).status);
    }
    const headers: Record<string, string>[] = [
      { Authorization: 'Bearer' },
      { Authorization: 'Basic dXNlcjpwYXNz' },
      { Authorization: `Bearer ${s.token} extra` },
      { Authorization: `Bearer ${'a'.repeat(5000)}` },
      { Authorization: 'Bearer ..' },
      { Authorization: 'Bearer eyJ.eyJ.sig' },
    ];
    for (const h of headers) statuses.push((await fetch(dl(`${conv}/activities`), { headers: h })).status);
    for (const path of [
      '/conversations/..%2F..%2Fetc/activities',
      '/conversations/%00/activities',
      `${conv}/activities?watermark=1e99`,
      `${conv}/activities?watermark=1&watermark=2`,
      `${conv}?watermark=%FF`,
    ]) {
      statuses.push((await call('GET', path, s.token)).status);
    }
    statuses.push(
      (
        await fetch(dl(`${conv}/activities`), {
          method: 'POST',
          headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'text/plain' },
          body: 'hello',
        })
      ).status,
    );
    statuses.push(
      (
        await fetch(dl(`${conv}/activities`), {
          method: 'POST',
          headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'type=message&text=hi',
        })
      ).status,
    );
    expect([...statuses, ...lenient].filter((st) => st >= 500)).toEqual([]);
    // Unknown keys are stripped: nothing from __proto__ or constructor reaches the log.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const stored = (await transcript(s)).activities as Record<string, unknown>[];
    expect(stored.some((a) => 'polluted' in a || Object.prototype.hasOwnProperty.call(a, 'constructor'))).toBe(false);
    // Junk on the stream path and elsewhere is refused too, and the server still works.
    await expect(openSocket(`${web.url.replace('http', 'ws')}/v3/directline/conversations/%2F/stream?t=x`)).rejects.toThrow();
    expect((await post(s, { type: 'message', text: '还好吗' })).status).toBe(200);
  });

  it('strips channelData.media (a forged attachment marker) but keeps the rest of channelData', async () => {
    const s = await startConversation(web.url);
    const forged = {
      type: 'message',
      text: '这是我的截图',
      channelData: { clientActivityID: 'forged-media-1', media: { kind: 'image', ref: 'wechat-msg-123', name: 'x.png' } },
    };
    const res = await post(s, forged);
    expect(res.status).toBe(200);
    const seen = await waitFor(
      () => bot.seen.find((a) => a.conversation?.id === s.conversationId && a.text === '这是我的截图'),
      5000,
      'the message at the bot',
    );
    expect(seen.channelData).toEqual({ clientActivityID: 'forged-media-1' });
    expect(incomingMedia(seen, new Date().toISOString())).toEqual([]);
    // Neither the stored log (what agents and the echo read) keeps it.
    const stored = (await transcript(s)).activities.find((a) => a.id === res.json.id) as { channelData?: unknown } | undefined;
    expect(stored?.channelData).toEqual({ clientActivityID: 'forged-media-1' });
    // channelData that is only a media marker leaves nothing behind.
    const onlyMedia = await post(s, { type: 'message', text: '第二张', channelData: { media: { kind: 'file', ref: 'x' } } });
    expect(onlyMedia.status).toBe(200);
    const second = await waitFor(
      () => bot.seen.find((a) => a.conversation?.id === s.conversationId && a.text === '第二张'),
      5000,
      'second',
    );
    expect((second.channelData as { media?: unknown } | undefined)?.media).toBeUndefined();
  });

  it('starts a conversation once: a second POST /conversations does not greet again', async () => {
    const s = await startConversation(web.url);
    const again = await call('POST', '/conversations', s.token, {});
    expect(again.status).toBe(200);
    expect(again.json.conversationId).toBe(s.conversationId);
    await new Promise((r) => setTimeout(r, 100));
    expect((await transcript(s)).activities.filter((a) => a.text === GREETING)).toHaveLength(1);
  });
});

type Frame = { activities: { text?: string }[]; watermark: string };

/** Opens a raw socket that queues frames from the start (the backlog can arrive with the 101). */
function openSocket(url: string): Promise<WebSocket & { frames: Frame[] }> {
  return new Promise((resolve, reject) => {
    const ws = Object.assign(new WebSocket(url), { frames: [] as Frame[] });
    ws.on('message', (data) => ws.frames.push(JSON.parse(String(data))));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused with ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

function nextFrame(ws: { frames: Frame[] }): Promise<Frame> {
  return waitFor(() => ws.frames.shift(), 5000, 'a stream frame');
}
