import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TokenService } from '../../../src/channels/web';
import { launchChromium, openPage } from '../../helpers/browser';
import { createWebEchoBot, echoOf, GREETING, type WebEchoBot } from '../../fakes/webEchoBot';
import { startWebServer, TEST_SECRET, tokenUser, waitFor, type RunningWebServer } from './helpers/webServer';

/*
 * A reload keeps the customer's conversation (and so the case): the page resumes it from
 * localStorage, shows its history and what agents post into it afterwards.
 */

const USER_KEY = 'complaint-desk.web.userId';
const SESSION_PREFIX = 'complaint-desk.web.session.';

interface StoredSession {
  userId: string;
  conversationId: string;
  token: string;
}

describe('web chat page resumes the conversation after a reload (Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A phone-sized context: its own localStorage, like one customer's device. */
  async function newDevice(): Promise<BrowserContext> {
    return browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  }

  async function stored(page: Page): Promise<StoredSession> {
    return page.evaluate(
      ([userKey, prefix]) => {
        const userId = localStorage.getItem(userKey)!;
        return { userId, ...JSON.parse(localStorage.getItem(prefix + userId) ?? 'null') };
      },
      [USER_KEY, SESSION_PREFIX],
    );
  }

  async function say(page: Page, text: string): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.click();
    await input.fill(text);
    await input.press('Enter');
    await page.getByText(echoOf(text), { exact: true }).first().waitFor({ timeout: 15_000 });
  }

  const transcriptText = (page: Page) => page.locator('#webchat').innerText();
  const joinsOf = (bot: WebEchoBot, userId: string) =>
    bot.seen.filter((a) => a.type === 'conversationUpdate' && a.membersAdded?.[0]?.id === userId);
  const appears = (page: Page, text: string) => page.getByText(text, { exact: true }).first().waitFor({ timeout: 15_000 });

  describe('with the usual token lifetime', () => {
    let web: RunningWebServer;
    const bot = createWebEchoBot();

    beforeAll(async () => {
      web = await startWebServer({ bot });
    });

    afterAll(async () => {
      await web?.close();
    });

    it('shows the earlier messages after a reload, and what an agent posts into the same conversation', async () => {
      const context = await newDevice();
      const { page, problems } = await openPage(context);
      await page.goto(`${web.url}/`);
      await appears(page, GREETING);
      await say(page, '我的快递三天没有更新');
      const before = await stored(page);
      expect(before.conversationId).toBeTruthy();
      expect(tokenUser(before.token)).toBe(before.userId);

      await page.reload();
      await appears(page, echoOf('我的快递三天没有更新'));
      const body = await transcriptText(page);
      expect(body).toContain(GREETING);
      expect(body).toContain('我的快递三天没有更新');
      const after = await stored(page);
      expect(after.conversationId).toBe(before.conversationId);
      // Resumed, not started again: the bot was told of this customer joining once (so greeted once).
      expect(joinsOf(bot, before.userId)).toHaveLength(1);

      // An agent's reply goes to the conversation the case is tied to, and reaches the reloaded page.
      await web.channel.adapter.sendToConversation(before.conversationId, {
        type: 'message',
        text: '您好，我是客服小王，已为您催促快递公司。',
      });
      await appears(page, '您好，我是客服小王，已为您催促快递公司。');

      // The customer can keep writing in the resumed conversation.
      await say(page, '谢谢，等您消息');
      const seenAfterReload = bot.seen.filter((a) => a.type === 'message' && a.text === '谢谢，等您消息');
      expect(seenAfterReload.map((a) => a.conversation?.id)).toEqual([before.conversationId]);
      await page.waitForTimeout(500);
      expect(await transcriptText(page)).not.toMatch(/Send failed|发送失败|无法发送/);
      expect(problems).toEqual([]);
      await context.close();
    }, 90_000);

    it('「开始新的对话」 starts a fresh conversation for the same customer', async () => {
      const context = await newDevice();
      const { page, problems } = await openPage(context, { acceptDialogs: true });
      await page.goto(`${web.url}/`);
      await appears(page, GREETING);
      await say(page, '旧对话里的消息');
      const before = await stored(page);

      // The page reloads itself after the confirm; wait for that load from before the click, or a
      // fast reload fires before the wait is registered.
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '开始新的对话' }).click()]);
      await appears(page, GREETING);
      const after = await waitFor(
        async () => {
          const s = await stored(page);
          return s.conversationId && s.conversationId !== before.conversationId ? s : undefined;
        },
        10_000,
        'a new stored conversation',
      );
      expect(after.userId).toBe(before.userId);
      expect(await transcriptText(page)).not.toContain('旧对话里的消息');
      expect(joinsOf(bot, before.userId).map((a) => a.conversation?.id)).toEqual([before.conversationId, after.conversationId]);
      expect(problems).toEqual([]);
      await context.close();
    }, 90_000);

    it('starts a new conversation when the stored one is unknown (404) or its token expired (403)', async () => {
      const context = await newDevice();
      const { page, problems } = await openPage(context);
      await page.goto(`${web.url}/`);
      await appears(page, GREETING);
      const first = await stored(page);
      const tokens = new TokenService(TEST_SECRET, 60, () => Date.now() - 3600_000);
      const cases: [string, { conversationId: string; token: string }][] = [
        [
          'unknown conversation',
          {
            conversationId: 'never-started-0000',
            token: new TokenService(TEST_SECRET, 600).issue('never-started-0000', first.userId).token,
          },
        ],
        ['expired token', { conversationId: first.conversationId, token: tokens.issue(first.conversationId, first.userId).token }],
      ];
      let previous = first.conversationId;
      for (const [what, session] of cases) {
        await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SESSION_PREFIX + first.userId, JSON.stringify(session)]);
        await page.reload();
        await appears(page, GREETING);
        const now = await waitFor(
          async () => {
            const s = await stored(page);
            return s.conversationId && s.conversationId !== session.conversationId && s.conversationId !== previous ? s : undefined;
          },
          10_000,
          `a new conversation after the ${what}`,
        );
        expect(now.userId).toBe(first.userId);
        previous = now.conversationId;
        await say(page, `新对话：${what}`);
      }
      // The only failures are the two refused resumes.
      expect(problems.filter((p) => p.startsWith('HTTP'))).toEqual([
        expect.stringMatching(/^HTTP 404 GET \/v3\/directline\/conversations\/never-started-0000$/),
        expect.stringMatching(/^HTTP 403 GET \/v3\/directline\/conversations\//),
      ]);
      expect(problems.filter((p) => !p.startsWith('HTTP') && !/Failed to load resource/.test(p))).toEqual([]);
      await context.close();
    }, 90_000);
  });

  describe('with tokens shorter-lived than the time between visits', () => {
    const TTL_SECONDS = 4;
    let web: RunningWebServer;
    const bot = createWebEchoBot();

    beforeAll(async () => {
      web = await startWebServer({ bot, tokenTtlSeconds: TTL_SECONDS });
    });

    afterAll(async () => {
      await web?.close();
    });

    it('keeps the stored token fresh while the page is open, so a reload after the lifetime still resumes', async () => {
      const context = await newDevice();
      const { page, problems } = await openPage(context);
      await page.goto(`${web.url}/`);
      await appears(page, GREETING);
      const first = await stored(page);

      // Well past the first token's lifetime; the page renews the stored one every TTL/2.
      await page.waitForTimeout((TTL_SECONDS + 2) * 1000);
      const renewed = await stored(page);
      expect(renewed.conversationId).toBe(first.conversationId);
      expect(renewed.token).not.toBe(first.token);
      const check = await fetch(`${web.url}/v3/directline/conversations/${first.conversationId}`, {
        headers: { Authorization: `Bearer ${first.token}` },
      });
      expect(check.status).toBe(403); // the first token really has expired

      await page.reload();
      await appears(page, GREETING);
      await page.waitForTimeout(300);
      expect((await stored(page)).conversationId).toBe(first.conversationId);
      expect(joinsOf(bot, first.userId)).toHaveLength(1);
      await web.channel.adapter.sendToConversation(first.conversationId, { type: 'message', text: '客服：您的问题已登记。' });
      await appears(page, '客服：您的问题已登记。');
      expect(problems.filter((p) => !/tokens\/refresh/.test(p))).toEqual([]);
      await context.close();
    }, 90_000);
  });
});
