import '../channels/web/helpers/nodeGlobals';
import type { Activity } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import type { StaffEvent } from '../../src/domain/staffEvents';
import { createApp, type App, type AppOptions } from '../../src/index';
import { RecordingClient } from '../channels/web/helpers/directLineClient';
import { generateToken, waitFor } from '../channels/web/helpers/webServer';
import { TEST_SECURE_ENV } from '../helpers/redis';

/**
 * The case API as its users meet it: the customer on the official DirectLineJS client, staff
 * over HTTP with tokens from POST /api/auth/login, the console on the /api/stream WebSocket.
 */

export const AGENT07 = { username: 'agent07', password: 'pass-07-secret' };
export const BOSS = { username: 'boss', password: 'pass-boss-secret' };
export const DESK_USERS = `${AGENT07.username}:agent:${AGENT07.password},${BOSS.username}:supervisor:${BOSS.password}`;

export interface Desk {
  app: App;
  base: string;
  stop(): Promise<void>;
}

export async function startDesk(options: AppOptions = {}): Promise<Desk> {
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    ...options,
    // The Redis secrets too: harmless in memory, required on Redis.
    env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', BOOTSTRAP_USERS: DESK_USERS, ...TEST_SECURE_ENV, ...(options.env ?? {}) },
  });
  await app.start();
  return { app, base: `http://127.0.0.1:${app.port}`, stop: () => app.stop() };
}

export interface StaffSession {
  token: string;
  username: string;
  agentNo: string;
  role: string;
}

export async function logIn(base: string, who: { username: string; password: string }): Promise<StaffSession> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  const body = (await res.json()) as StaffSession;
  if (res.status !== 200) throw new Error(`login of ${who.username} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

export interface ApiAnswer {
  status: number;

  body: any;
}

export async function api(
  base: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  token?: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A web-chat customer on DirectLineJS (WebSocket stream), with helpers over what the bot said. */
export class Customer {
  readonly client: RecordingClient;
  private seen = 0;

  private constructor(
    readonly userId: string,
    readonly conversationId: string,
    /** This browser's customer cookie (`cd_customer=…`): send it again to come back as the same customer. */
    readonly cookie: string,
    client: RecordingClient,
  ) {
    this.client = client;
  }

  /** A new conversation; with `cookie` (another Customer's), the same browser coming back. */
  static async connect(base: string, returning: { cookie?: string } = {}): Promise<Customer> {
    const { token, conversationId, userId, cookie } = await generateToken(base, returning.cookie);
    const client = new RecordingClient({ token, domain: `${base}/v3/directline`, webSocket: true });
    const customer = new Customer(userId, conversationId, cookie, client);
    await client.waitForActivity((a) => a.type === 'message' && a.from.id !== userId, 10_000, 'the greeting');
    customer.seen = customer.botMessages().length;
    return customer;
  }

  botMessages(): Activity[] {
    return this.client.received.filter((a) => a.type === 'message' && a.from.id !== this.userId);
  }

  events(name: string): Activity[] {
    return this.client.received.filter((a) => a.type === 'event' && (a as { name?: string }).name === name);
  }

  async say(text: string): Promise<void> {
    await this.client.post({ type: 'message', from: { id: this.userId }, text } as Activity);
  }

  /** Waits for a bot (or agent) message after the last one consumed that satisfies `match`. */
  async expectMessage(match: (text: string, a: Activity) => boolean, what: string, ms = 10_000): Promise<Activity> {
    const found = await waitFor(
      () =>
        this.botMessages()
          .slice(this.seen)
          .find((a) => match(textOf(a), a)),
      ms,
      `${what}; the customer saw: ${JSON.stringify(this.botMessages().slice(this.seen).map(textOf))}`,
    );
    this.seen = this.botMessages().indexOf(found) + 1;
    return found;
  }

  /** Messages after the last consumed one, once nothing new arrived for `quietMs`. */
  async settle(quietMs = 600): Promise<string[]> {
    let count = this.botMessages().length;
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs) {
      await new Promise((r) => setTimeout(r, 50));
      if (this.botMessages().length !== count) {
        count = this.botMessages().length;
        quietSince = Date.now();
      }
    }
    const fresh = this.botMessages().slice(this.seen).map(textOf);
    this.seen = this.botMessages().length;
    return fresh;
  }

  end(): void {
    this.client.end();
  }
}

/** What a queued customer hears when no agent has a console open (src/handoff/handoffWording.ts). */
export const NO_AGENT_ONLINE = '暂时没有人工客服同事在线';
/** Either queue notice: the place in the queue (agents online) or the no-one-online notice. */
export const ANY_QUEUE_NOTICE = /排在第|暂时没有人工客服同事在线/;

export function textOf(a: Activity): string {
  return (a as { text?: string }).text ?? (a as { summary?: string }).summary ?? '';
}

/** A staff console on /api/stream: every StaffEvent from every instance. */
export class Console {
  readonly events: StaffEvent[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.events.push(JSON.parse(data.toString()) as StaffEvent));
  }

  static async open(base: string, token: string): Promise<Console> {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/stream?token=${encodeURIComponent(token)}`);
    const consoleSocket = new Console(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return consoleSocket;
  }

  waitForEvent(match: (e: StaffEvent) => boolean, what: string, ms = 10_000): Promise<StaffEvent> {
    return waitFor(() => this.events.find(match), ms, what);
  }

  close(): void {
    this.ws.close();
  }
}

/** Waits until at least `count` cases are queued; their ids, in queue order. */
export async function waitForQueued(base: string, token: string, count: number): Promise<string[]> {
  return waitFor(
    async () => {
      const rows = (await api(base, 'GET', '/api/cases?status=queued', token)).body as { id: string }[];
      return rows.length >= count ? rows.map((r) => r.id) : undefined;
    },
    15_000,
    `${count} queued cases`,
  );
}

/** The one queued case of a conversation, found through the API. */
export async function queuedCaseOf(base: string, token: string, conversationId: string): Promise<string> {
  return waitFor(
    async () => {
      const list = await api(base, 'GET', '/api/cases?status=queued', token);
      for (const row of list.body as { id: string }[]) {
        const detail = await api(base, 'GET', `/api/cases/${row.id}`, token);
        if (detail.body.conversationId === conversationId) return row.id;
      }
      return undefined;
    },
    10_000,
    `a queued case for ${conversationId}`,
  );
}

/** A desk with agent07 and the supervisor logged in over HTTP and the supervisor's staff stream open. */
export interface StaffedDesk {
  desk: Desk;
  agent: StaffSession;
  boss: StaffSession;
  consoleSocket: Console;
  /** Customers to end after the suite. */
  customers: Customer[];
}

/**
 * Registers the suite's beforeAll/afterAll: starts the desk, logs in AGENT07 and BOSS and opens the
 * supervisor's console socket; afterwards ends the customers, closes the socket and stops the desk.
 * The fields are filled in by beforeAll.
 */
export function staffedDesk(): StaffedDesk {
  const fx = { customers: [] as Customer[] } as StaffedDesk;
  beforeAll(async () => {
    fx.desk = await startDesk();
    fx.agent = await logIn(fx.desk.base, AGENT07);
    fx.boss = await logIn(fx.desk.base, BOSS);
    fx.consoleSocket = await Console.open(fx.desk.base, fx.boss.token);
  });
  afterAll(async () => {
    for (const c of fx.customers) c.end();
    fx.consoleSocket?.close();
    await fx.desk?.stop();
  });
  return fx;
}
