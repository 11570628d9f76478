import '../channels/web/helpers/nodeGlobals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botframework-directlinejs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';
import { agentConsoleDir } from '../../src/http/pages/agentPage';
import { createApp, type App } from '../../src/index';
import { RecordingClient } from '../channels/web/helpers/directLineClient';
import { generateToken } from '../channels/web/helpers/webServer';
import { launchChromium, submitLogin } from './browser';

/**
 * What the agent console's Chromium suites share: the whole service (createApp: the bot, the
 * handoff, the case and assist API, the staff stream), a Chromium on a laptop-sized screen, the
 * console's login, and web-chat customers on DirectLineJS. Needs the built console (`npm run build`).
 */

export const AGENT = { username: 'agent07', password: 'pass-07-secret' };
export const TICKET_IN_TEXT = new RegExp(TICKET_ID_PATTERN.source.replace(/^\^|\$$/g, ''));

export const textOf = (a: Activity): string => (a as { text?: string }).text ?? '';

export interface WebCustomer {
  client: RecordingClient;
  userId: string;
  /** Says something and waits for the answer. */
  say(text: string): Promise<void>;
}

export interface AgentDesk {
  app: App;
  base: string;
  browser: Browser;
  context: BrowserContext;
  /** A new customer on the web chat, greeted and ready to talk. */
  customer(): Promise<WebCustomer>;
  /** Logs the page in to /agent as `who` (AGENT unless said) and waits for the console. */
  logIn(page: Page, who?: { username: string; password: string }): Promise<void>;
}

export interface AgentDeskOptions {
  /** Settings on top of the silent log and AGENT's account (BOOTSTRAP_USERS replaces the account list). */
  env?: Record<string, string>;
  /** Browser permissions granted to the console's origin (e.g. notifications). */
  permissions?: string[];
}

/** Registers the suite's beforeAll/afterAll; the fields are filled in by beforeAll. */
export function agentDesk(options: AgentDeskOptions = {}): AgentDesk {
  const customers: RecordingClient[] = [];
  const desk = {} as AgentDesk;

  beforeAll(async () => {
    if (!existsSync(path.join(agentConsoleDir(), 'main.js'))) {
      throw new Error(`the agent console is not built (${agentConsoleDir()}): run \`npm run build\` first (npm test does)`);
    }
    desk.app = createApp({
      port: 0,
      host: '127.0.0.1',
      env: { LOG_LEVEL: 'silent', BOOTSTRAP_USERS: `${AGENT.username}:agent:${AGENT.password}`, ...options.env },
    });
    await desk.app.start();
    desk.base = `http://127.0.0.1:${desk.app.port}`;
    desk.browser = await launchChromium();
    // A laptop screen.
    desk.context = await desk.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    if (options.permissions) await desk.context.grantPermissions(options.permissions, { origin: desk.base });
  }, 60_000);

  afterAll(async () => {
    for (const c of customers) c.end();
    await desk.context?.close();
    await desk.browser?.close();
    await desk.app?.stop();
  });

  desk.logIn = async (page, who = AGENT) => {
    await submitLogin(page, `${desk.base}/agent`, who);
    await page.getByRole('heading', { name: '坐席工作台' }).waitFor();
  };

  desk.customer = async () => {
    const { token, userId } = await generateToken(desk.base);
    const client = new RecordingClient({ token, domain: `${desk.base}/v3/directline`, webSocket: true });
    customers.push(client);
    await client.waitForActivity((a) => a.type === 'message', 10_000, 'the greeting');
    const say = async (text: string) => {
      const before = client.received.length;
      await client.post({ type: 'message', from: { id: userId }, text } as Activity);
      await client.waitForActivity((a) => client.received.indexOf(a) >= before && a.type === 'message' && a.from.id !== userId, 10_000, `a reply to "${text}"`);
    };
    return { client, userId, say };
  };

  return desk;
}

/** A customer complains, asks for a person and gets a receipt: its ticket number. */
export async function handedOver(customer: WebCustomer, complaint: string): Promise<string> {
  await customer.say(complaint);
  await customer.say('转人工');
  const receipt = await customer.client.waitForActivity((a) => TICKET_IN_TEXT.test(textOf(a)), 10_000, 'the ticket number');
  return textOf(receipt).match(TICKET_IN_TEXT)![0];
}
