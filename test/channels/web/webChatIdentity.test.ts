import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CUSTOMER_COOKIE } from '../../../src/channels/web/customerIdentity';
import { launchChromium, openPage } from '../../helpers/browser';
import { createWebEchoBot, GREETING } from '../../fakes/webEchoBot';
import { startWebServer, waitFor, type RunningWebServer } from './helpers/webServer';

/*
 * The customer id in a real browser comes from the server's HttpOnly cookie: a reload and a
 * later visit of the same browser are the same customer (even with the page's storage gone),
 * another browser is another customer, and what the page keeps in localStorage cannot make
 * it someone else.
 */

const USER_KEY = 'complaint-desk.web.userId';

describe('web chat customer identity in Chromium', () => {
  let browser: Browser;
  let web: RunningWebServer;
  const bot = createWebEchoBot();

  beforeAll(async () => {
    browser = await launchChromium();
    web = await startWebServer({ bot });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const newDevice = (): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });

  /** Conversations the bot was told this customer joined, in order. */
  const joinsOf = (userId: string) =>
    bot.seen.filter((a) => a.type === 'conversationUpdate' && a.membersAdded?.[0]?.id === userId).map((a) => a.conversation?.id);

  /** Loads the chat and answers the customer id the server bound into the page's token. */
  async function visit(page: Page, how: 'goto' | 'reload' = 'goto'): Promise<string> {
    if (how === 'goto') await page.goto(`${web.url}/`);
    else await page.reload();
    await page.getByText(GREETING, { exact: true }).first().waitFor({ timeout: 30_000 });
    return waitFor(() => page.evaluate((key) => localStorage.getItem(key), USER_KEY), 10_000, 'the stored customer id');
  }

  it('keeps the customer across a reload and a new visit of the same browser; another browser is another customer', async () => {
    const device = await newDevice();
    const { page, problems } = await openPage(device);
    const id = await visit(page);
    expect(id).toMatch(/^dl_[A-Za-z0-9_-]{22}$/);

    const [cookie] = (await device.cookies(web.url)).filter((c) => c.name === CUSTOMER_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    expect(cookie.value.startsWith(`${id}.`)).toBe(true);
    expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(179 * 86400_000);
    // HttpOnly: the page's scripts (and anything injected into them) cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain(CUSTOMER_COOKIE);

    expect(await visit(page, 'reload')).toBe(id);
    expect(joinsOf(id)).toHaveLength(1);

    // A new visit after the page's own storage is gone: a new conversation, the same customer,
    // because the browser sent the cookie.
    await page.evaluate(() => localStorage.clear());
    await page.close();
    const later = await openPage(device);
    expect(await visit(later.page)).toBe(id);
    expect(joinsOf(id)).toHaveLength(2);
    expect(new Set(joinsOf(id)).size).toBe(2);
    expect([...problems, ...later.problems]).toEqual([]);

    const other = await newDevice();
    const stranger = await openPage(other);
    const otherId = await visit(stranger.page);
    expect(otherId).toMatch(/^dl_/);
    expect(otherId).not.toBe(id);
    await other.close();

    // A browser whose storage names the first customer is still a customer of its own.
    const impostor = await newDevice();
    await impostor.addInitScript(([key, value]) => localStorage.setItem(key, value), [USER_KEY, id]);
    const posing = await openPage(impostor);
    await posing.page.goto(`${web.url}/`);
    await posing.page.getByText(GREETING, { exact: true }).first().waitFor({ timeout: 30_000 });
    const posingId = await waitFor(
      async () => {
        const stored = await posing.page.evaluate((key) => localStorage.getItem(key), USER_KEY);
        return stored && stored !== id ? stored : undefined;
      },
      10_000,
      'the impostor’s own customer id',
    );
    expect(posingId).toMatch(/^dl_/);
    expect(joinsOf(id)).toHaveLength(2);
    await impostor.close();
    await device.close();
  }, 120_000);
});
