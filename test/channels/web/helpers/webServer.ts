import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { BotLogic } from '../../../../src/bot/botLogic';
import { mountWebChannel, type WebChannel } from '../../../../src/channels/web';
import { createHttpServer } from '../../../../src/http/httpServer';
import { createLogger } from '../../../../src/logging/logger';
import { MemoryStore } from '../../../../src/store/memoryStore';
import type { Store } from '../../../../src/store/store';
import { createWebEchoBot } from '../../../fakes/webEchoBot';

export const TEST_SECRET = 'test-secret-for-the-web-channel-0123456789';

export interface WebServerOptions {
  store?: Store;
  bot?: BotLogic;
  tokenSecret?: string;
  tokenTtlSeconds?: number;
  tokenRatePerMinute?: number;
  maxMessageChars?: number;
  messagesPerConversationPerMinute?: number;
  messagesPerAddressPerMinute?: number;
}

export interface RunningWebServer {
  url: string;
  server: Server;
  channel: WebChannel;
  store: Store;
  close(): Promise<void>;
}

/** A real restify server with only the web channel mounted, on a free port. */
export async function startWebServer(options: WebServerOptions = {}): Promise<RunningWebServer> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const server = createHttpServer({ logger });
  const store = options.store ?? new MemoryStore();
  const channel = mountWebChannel(server, {
    store,
    bot: options.bot ?? createWebEchoBot({ maxMessageChars: options.maxMessageChars }),
    logger,
    tokenSecret: options.tokenSecret ?? TEST_SECRET,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
    tokenRatePerMinute: options.tokenRatePerMinute ?? 1000,
    maxMessageChars: options.maxMessageChars ?? 4000,
    messagesPerConversationPerMinute: options.messagesPerConversationPerMinute ?? 1000,
    messagesPerAddressPerMinute: options.messagesPerAddressPerMinute ?? 10000,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    channel,
    store,
    async close() {
      await channel.close();
      server.server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.store) await store.close();
    },
  };
}

export interface Session {
  conversationId: string;
  token: string;
  streamUrl?: string;
  expires_in: number;
}

/**
 * POST /tokens/generate as a browser would: with this customer's cookie if they have one.
 * The answer carries the cookie the server set (the same one for a recognised customer).
 */
export async function generateToken(baseUrl: string, cookie?: string): Promise<Session & { userId: string; cookie: string }> {
  const res = await fetch(`${baseUrl}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: '{}',
  });
  if (res.status !== 200) throw new Error(`tokens/generate answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as Session;
  return { ...body, userId: tokenUser(body.token), cookie: customerCookie(res) };
}

/** `cd_customer=…` from a tokens/generate answer, ready to send back as a Cookie header. */
export function customerCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('cd_customer='));
  if (!set) throw new Error('tokens/generate set no customer cookie');
  return set.split(';')[0];
}

export function tokenUser(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).user;
}

/** Token + started conversation, the way DirectLineJS does it, with plain fetch. */
export async function startConversation(baseUrl: string, cookie?: string): Promise<Session & { userId: string; cookie: string }> {
  const generated = await generateToken(baseUrl, cookie);
  const res = await fetch(`${baseUrl}/v3/directline/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${generated.token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`POST /conversations answered ${res.status}: ${await res.text()}`);
  return { ...((await res.json()) as Session), userId: generated.userId, cookie: generated.cookie };
}

export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
