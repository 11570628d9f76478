import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';
import { agentConsoleDir } from '../../src/http/pages/agentPage';
import { createApp, type App } from '../../src/index';
import { expectText, launchChromium, openPage, submitLogin } from '../helpers/browser';

const AGENT = { username: 'agent07', password: 'pass-07-secret' };
const TICKET_IN_TEXT = new RegExp(TICKET_ID_PATTERN.source.replace(/^\^|\$$/g, ''));

/**
 * Typing indicators between two real pages in Chromium: the customer on the web chat page
 * (the official Web Chat) and the agent on the console. Needs the built console (`npm run build`).
 */
describe('typing indicators in Chromium', () => {
  let app: App;
  let base: string;
  let browser: Browser;
  /** A phone for the customer, a laptop for the agent. */
  const contexts = {} as Record<'customer' | 'agent', BrowserContext>;

  beforeAll(async () => {
    if (!existsSync(path.join(agentConsoleDir(), 'main.js'))) {
      throw new Error(`the agent console is not built (${agentConsoleDir()}): run \`npm run build\` first (npm test does)`);
    }
    app = createApp({
      port: 0,
      host: '127.0.0.1',
      env: { LOG_LEVEL: 'silent', BOOTSTRAP_USERS: `${AGENT.username}:agent:${AGENT.password}` },
    });
    await app.start();
    base = `http://127.0.0.1:${app.port}`;
    browser = await launchChromium();
    contexts.customer = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    contexts.agent = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  }, 60_000);

  afterAll(async () => {
    for (const context of Object.values(contexts)) await context.close();
    await browser?.close();
    await app?.stop();
  });

  async function customerAsksForAPerson(page: Page): Promise<string> {
    await page.goto(`${base}/`);
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('转人工');
    await input.press('Enter');
    await expectText(page.locator('#webchat'), TICKET_IN_TEXT, 15_000);
    return (await page.locator('#webchat').innerText()).match(TICKET_IN_TEXT)![0];
  }

  it('shows 「客服正在输入…」 to the customer while the agent types, and 「客户正在输入…」 to the agent while the customer types', async () => {
    const customer = await openPage(contexts.customer);
    const agent = await openPage(contexts.agent);
    const ticketId = await customerAsksForAPerson(customer.page);

    await submitLogin(agent.page, `${base}/agent`, AGENT);
    await agent.page
      .getByRole('list', { name: /待接单/ })
      .getByRole('button', { name: new RegExp(ticketId) })
      .click();
    await agent.page.getByRole('button', { name: '接单', exact: true }).click();
    await agent.page.locator('.case-header [data-status="active"]').waitFor();

    // The agent types: the customer's title bar says so, in words, in place of the subtitle.
    const typing = customer.page.locator('#typing');
    expect(await typing.isVisible()).toBe(false);
    await agent.page.getByLabel('回复内容').pressSequentially('您好，我来帮您查', { delay: 30 });
    await typing.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await typing.innerText()).toBe('客服正在输入…');
    expect(await customer.page.locator('.bar__subtitle:not(.bar__typing)').isVisible()).toBe(false);
    // The agent's message ends it at once.
    await agent.page.getByRole('button', { name: '发送', exact: true }).click();
    await expectText(customer.page.locator('#webchat'), '您好，我来帮您查', 10_000);
    await typing.waitFor({ state: 'hidden', timeout: 2_000 });

    // The customer types (without sending): the console shows it under the transcript, then it fades.
    const hint = agent.page.locator('.typing-hint');
    expect(await hint.innerText()).toBe('');
    await customer.page.locator('[data-id="webchat-sendbox-input"]').pressSequentially('我家宽带', { delay: 30 });
    await expectText(hint, '客户正在输入…', 5_000);
    await expectText(hint, /^$/, 10_000);

    expect(customer.problems).toEqual([]);
    expect(agent.problems).toEqual([]);
  }, 90_000);
});
