import '../channels/web/helpers/nodeGlobals';
import type { Activity } from 'botframework-directlinejs';
import { createApp, type App } from '../../src/index';
import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';
import { RecordingClient } from '../channels/web/helpers/directLineClient';
import { generateToken } from '../channels/web/helpers/webServer';
import { talkUntilReceipt, type ChannelSession } from '../helpers/customerScript';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, TEST_SECURE_ENV, uniquePrefix } from '../helpers/redis';

/**
 * The whole service as a customer meets it: createApp, the Direct Line endpoint, the real bot
 * and recognizer, driven by the official DirectLineJS client.
 */
const SIGNAL = {
  opening: '我家里手机信号特别差，打电话老是掉线',
  facts: '在朝阳区建国路88号小区家里，上周一开始的，晚上最严重，手机是华为Mate60，邻居也一样',
};

async function startApp(extra: Parameters<typeof createApp>[0] = {}): Promise<App> {
  const app = createApp({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent', ...TEST_SECURE_ENV }, ...extra });
  await app.start();
  return app;
}

/** A token for a new browser: the server makes up the customer id (and says which in the token). */
async function openConversation(base: string) {
  const generated = await generateToken(base);
  expect(generated.userId).toMatch(/^dl_/);
  return generated;
}

/** Adapts a DirectLineJS client to the scripted customer: texts (or card summaries) from the bot. */
function sessionOf(client: RecordingClient, userId: string): ChannelSession & { seen: number } {
  const botMessages = () => client.received.filter((a) => a.type === 'message' && a.from.id !== userId);
  const s = {
    seen: botMessages().length,
    async say(text: string) {
      await client.post({ type: 'message', from: { id: userId }, text } as Activity);
    },
    async replies() {
      const start = Date.now();
      let count = botMessages().length;
      let quietSince = Date.now();
      // Wait for at least one reply, then until the bot has been quiet for 400 ms.
      while (Date.now() - start < 10_000) {
        await new Promise((r) => setTimeout(r, 50));
        const now = botMessages().length;
        if (now !== count) {
          count = now;
          quietSince = Date.now();
        }
        if (count > s.seen && Date.now() - quietSince > 400) break;
      }
      const fresh = botMessages().slice(s.seen);
      s.seen = botMessages().length;
      return fresh.map((a) => (a as { text?: string; summary?: string }).text ?? (a as { summary?: string }).summary ?? '');
    },
  };
  return s;
}

describe('web chat intake, end to end', () => {
  it('takes a complaint from the first message to a receipt card with the receipt data', async () => {
    const app = await startApp();
    const base = `http://127.0.0.1:${app.port}`;
    const { token, userId } = await openConversation(base);
    const client = new RecordingClient({ token, domain: `${base}/v3/directline`, webSocket: true });
    try {
      await client.waitForActivity((a) => a.type === 'message', 10_000, 'the greeting');
      const session = sessionOf(client, userId);
      const result = await talkUntilReceipt(session, SIGNAL);

      const receipt = client.received.find((a) => (a as { channelData?: { receipt?: unknown } }).channelData?.receipt) as Activity & {
        channelData: { receipt: { ticketId: string; category: string; acceptedAt: string; responseDueAt: string } };
      };
      expect(receipt).toBeDefined();
      expect(receipt.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
      const data = receipt.channelData.receipt;
      expect(data.ticketId).toMatch(TICKET_ID_PATTERN);
      expect(data.ticketId).toBe(result.ticketId);
      expect(data.category).toBe('product_quality');
      // Signal problems are simple complaints: first response within one hour by default.
      expect(Date.parse(data.responseDueAt) - Date.parse(data.acceptedAt)).toBe(3600_000);

      const stored = await app.store.getCaseByTicket(data.ticketId);
      expect(stored).toMatchObject({ channel: 'web', customerId: userId, category: 'product_quality', status: 'open' });
      expect(stored!.transcript.some((t) => t.from === 'customer' && t.text === SIGNAL.opening)).toBe(true);
      // One fact-rich answer is enough: the bot asks nothing twice and confirms what it heard.
      expect(result.turns).toBeLessThanOrEqual(4);
      const botLines = result.transcript.filter((l) => l.startsWith('机器人'));
      expect(new Set(botLines).size).toBe(botLines.length);
      const confirmation = botLines.find((l) => l.includes('核对'));
      expect(confirmation).toContain('建国路88号');
      expect(confirmation).toContain('Mate60');
    } finally {
      client.end();
      await app.stop();
    }
  });

  it('carries on after a restart in the middle of intake when the store is Redis', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('e2e-restart');
    const first = await startApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix });
    let second: App | undefined;
    let client: RecordingClient | undefined;
    try {
      const base1 = `http://127.0.0.1:${first.port}`;
      const { token, conversationId, userId } = await openConversation(base1);
      client = new RecordingClient({ token, domain: `${base1}/v3/directline`, webSocket: false, pollingInterval: 100 } as never);
      await client.waitForActivity((a) => a.type === 'message', 10_000, 'the greeting');
      const session1 = sessionOf(client, userId);
      await session1.say(SIGNAL.opening);
      const firstReplies = await session1.replies();
      expect(firstReplies.length).toBeGreaterThan(0);
      client.end();
      await first.stop();

      // A new process on the same Redis: the customer's page reconnects with its token.
      second = await startApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix });
      const base2 = `http://127.0.0.1:${second.port}`;
      client = new RecordingClient({
        token,
        conversationId,
        domain: `${base2}/v3/directline`,
        webSocket: false,
        pollingInterval: 100,
      } as never);
      const session2 = sessionOf(client, userId);
      await new Promise((r) => setTimeout(r, 500));
      session2.seen = client.received.filter((a) => a.type === 'message' && a.from.id !== userId).length;
      const result = await talkUntilReceipt(session2, { opening: SIGNAL.facts, facts: SIGNAL.facts });
      const stored = await second.store.getCaseByTicket(result.ticketId);
      expect(stored?.category).toBe('product_quality');
      // The first message, told before the restart, is on the case.
      expect(stored!.transcript.some((t) => t.text === SIGNAL.opening)).toBe(true);
    } finally {
      client?.end();
      await second?.stop();
      await flushPrefix(prefix);
    }
  });
});
