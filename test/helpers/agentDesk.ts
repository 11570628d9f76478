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
      await client.waitForActivity(
        (a) => client.received.indexOf(a) >= before && a.type === 'message' && a.from.id !== userId,
        10_000,
        `a reply to "${text}"`,
      );
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

/** The page's waiting list (待接单) and the agent's own list (我的会话). */
export const waitingList = (page: Page) => page.getByRole('list', { name: /待接单/ });
export const mineList = (page: Page) => page.getByRole('list', { name: /我的会话/ });

/** Opens a case from the queue and takes it with the page's 接单, waiting until it is the agent's. */
export async function takeCase(page: Page, ticketId: string): Promise<void> {
  await waitingList(page)
    .getByRole('button', { name: new RegExp(ticketId) })
    .click();
  await page.locator('.case-header', { hasText: ticketId }).waitFor();
  await page.getByRole('button', { name: '接单', exact: true }).click();
  await page.locator('.case-header [data-status="active"]').waitFor();
  await mineList(page)
    .getByRole('button', { name: new RegExp(ticketId) })
    .waitFor({ timeout: 5_000 });
}

export interface Resolution {
  cause: string;
  solution: string;
  compensation?: string;
}

/** Opens one of the agent's cases and resolves it through the 办结 dialog, waiting until it is resolved. */
export async function resolveCase(page: Page, ticketId: string, resolution: Resolution): Promise<void> {
  await mineList(page)
    .getByRole('button', { name: new RegExp(ticketId) })
    .click();
  const header = page.locator('.case-header', { hasText: ticketId });
  await header.locator('[data-status="active"]').waitFor();
  await page.getByRole('button', { name: '办结', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '办结工单' });
  await dialog.getByLabel('原因').fill(resolution.cause);
  await dialog.getByLabel('解决方案').fill(resolution.solution);
  if (resolution.compensation) await dialog.getByLabel(/补偿/).fill(resolution.compensation);
  await dialog.getByRole('button', { name: '确认办结' }).click();
  await header.locator('[data-status="resolved"]').waitFor();
}
