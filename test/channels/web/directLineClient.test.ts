import './helpers/nodeGlobals';
import type { Socket } from 'node:net';
import { ConnectionStatus } from 'botframework-directlinejs';
import { echoOf, GREETING } from '../../fakes/webEchoBot';
import { RecordingClient } from './helpers/directLineClient';
import { generateToken, startWebServer, type RunningWebServer } from './helpers/webServer';

/** The official DirectLineJS client against our endpoint, over WebSocket and over polling. */
describe('web channel with DirectLineJS', () => {
  let web: RunningWebServer;
  const clients: RecordingClient[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    web = await startWebServer();
  });

  afterEach(() => {
    while (clients.length) clients.pop()!.end();
  });

  afterAll(async () => {
    await web.close();
    // Figures for the hand-over note (milliseconds, this machine).
    console.info(`DirectLineJS timings (ms): ${JSON.stringify(timings)}`);
  });

  function client(options: ConstructorParameters<typeof RecordingClient>[0]): RecordingClient {
    const c = new RecordingClient({ domain: `${web.url}/v3/directline`, ...options });
    clients.push(c);
    return c;
  }

  it('connects over WebSocket, greets, echoes the message with its channelData and replies', async () => {
    const session = await generateToken(web.url);
    const started = Date.now();
    const c = client({ token: session.token, webSocket: true });
    const greeting = await c.waitForText(GREETING);
    timings.connectToGreetingWs = Date.now() - started;
    expect(greeting.from.id).toBe('complaint-desk');
    expect(greeting.from.name).toBe('投诉助手');

    const sentAt = Date.now();
    const id = await c.post({
      type: 'message',
      from: { id: session.userId, name: '张先生' },
      text: '我的话费扣多了',
      channelData: { clientActivityID: 'client-1' },
    } as never);
    const reply = await c.waitForText(echoOf('我的话费扣多了'));
    timings.sendToReplyWs = Date.now() - sentAt;

    const echo = c.received.find((a) => a.id === id)!;
    expect(echo).toBeDefined();
    expect(echo.from.id).toBe(session.userId);
    expect(echo.from.role).toBe('user');
    expect(echo.channelData).toEqual({ clientActivityID: 'client-1' });
    expect(reply.replyToId).toBe(id);
    expect(reply.conversation!.id).toBe(session.conversationId);
    expect(c.received.indexOf(echo)).toBeLessThan(c.received.indexOf(reply));
    expect(c.dl.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
    expect(c.errors).toEqual([]);
  });

  it('works the same by polling (webSocket: false)', async () => {
    const session = await generateToken(web.url);
    const c = client({ token: session.token, webSocket: false, pollingInterval: 200 });
    await c.waitForText(GREETING);
    const sentAt = Date.now();
    const id = await c.post({ type: 'message', from: { id: session.userId }, text: '网络信号差' } as never);
    await c.waitForText(echoOf('网络信号差'));
    timings.sendToReplyPolling = Date.now() - sentAt;
    expect(c.received.map((a) => a.id)).toContain(id);
    // Polling must not deliver anything twice.
    const ids = c.received.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resumes a conversation from a watermark and gets only what it missed', async () => {
    const session = await generateToken(web.url);
    const first = client({ token: session.token });
    await first.waitForText(GREETING);
    await first.post({ type: 'message', from: { id: session.userId }, text: '第一条' } as never);
    await first.waitForText(echoOf('第一条'));
    const watermark = (first.dl as unknown as { watermark: string }).watermark;
    expect(watermark).toBe('3'); // greeting, echo, reply
    first.end();

    // While the customer is away an agent answers through the adapter.
    await web.channel.adapter.sendToConversation(session.conversationId, { type: 'message', text: '客服：已为您核实' });

    const resumed = client({ token: session.token, conversationId: session.conversationId, watermark });
    const missed = await resumed.waitForText('客服：已为您核实');
    expect(resumed.received.map((a) => a.text)).toEqual(['客服：已为您核实']);
    expect(missed.from.role).toBe('bot');

    await resumed.post({ type: 'message', from: { id: session.userId }, text: '第二条' } as never);
    await resumed.waitForText(echoOf('第二条'));
  });

  it('reconnects by itself when the server drops the socket, without losing messages', async () => {
    const dropped: Socket[] = [];
    const track = (_req: unknown, socket: Socket) => dropped.push(socket);
    web.server.server.on('upgrade', track);
    try {
      const session = await generateToken(web.url);
      // random: () => 0 makes DirectLineJS wait its minimum 3 s before reconnecting.
      const c = client({ token: session.token, random: () => 0 });
      await c.waitForText(GREETING);
      expect(dropped).toHaveLength(1);
      dropped[0].destroy();
      const droppedAt = Date.now();
      // Sent while the client is between sockets.
      await web.channel.adapter.sendToConversation(session.conversationId, { type: 'message', text: '断线期间的消息' });
      await c.waitForText('断线期间的消息', 15_000);
      timings.reconnectAfterDrop = Date.now() - droppedAt;
      expect(dropped.length).toBeGreaterThanOrEqual(2);
      const ids = c.received.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      await c.post({ type: 'message', from: { id: session.userId }, text: '重连后' } as never);
      await c.waitForText(echoOf('重连后'));
    } finally {
      web.server.server.off('upgrade', track);
    }
  }, 30_000);

  it('refreshes its token with POST /tokens/refresh', async () => {
    const session = await generateToken(web.url);
    const res = await fetch(`${web.url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; conversationId: string; expires_in: number };
    expect(body.conversationId).toBe(session.conversationId);
    expect(body.expires_in).toBe(1800);
    expect(typeof body.token).toBe('string');
  });
});
