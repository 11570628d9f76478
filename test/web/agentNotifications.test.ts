import type { Activity } from 'botframework-directlinejs';
import type { Page } from 'playwright-core';
import { agentDesk, handedOver } from '../helpers/agentDesk';
import { expectText, openPage } from '../helpers/browser';

const BOSS = { username: 'boss', password: 'pass-boss-secret' };

type Recorded = { shown: { title: string; body: string }[]; asked: number; tones: number };

/**
 * Notifications on the agent console in Chromium, from real events: a case offered by
 * auto-assignment, a customer's lines, a supervisor's whisper. The desktop notification and the
 * tone are observed in the page (the real Notification and Web Audio, wrapped to count).
 */
describe('agent console notifications in Chromium', () => {
  const desk = agentDesk({
    env: {
      BOOTSTRAP_USERS: `agent07:agent:pass-07-secret,${BOSS.username}:supervisor:${BOSS.password}`,
      AGENT_MAX_CASES: '10',
      ASSIGN_SCAN_SECONDS: '0.5',
      // No second offer of the same case while the test runs.
      ASSIGN_ACCEPT_SECONDS: '600',
    },
    permissions: ['notifications'],
  });

  async function recordAlerts(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const w = window as unknown as { __alerts: Recorded; __notifications: Notification[]; Notification: typeof Notification };
      w.__alerts = { shown: [], asked: 0, tones: 0 };
      w.__notifications = [];
      const Native = window.Notification;
      class Counted extends Native {
        constructor(title: string, options?: NotificationOptions) {
          w.__alerts.shown.push({ title, body: options?.body ?? '' });
          super(title, options);
          w.__notifications.push(this);
        }
      }
      Object.defineProperty(Counted, 'permission', { get: () => Native.permission });
      Object.defineProperty(Counted, 'requestPermission', {
        value: (...args: Parameters<typeof Notification.requestPermission>) => {
          w.__alerts.asked += 1;
          return Native.requestPermission(...args);
        },
      });
      w.Notification = Counted;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
        w.__alerts.tones += 1;
        return start.apply(this, args);
      };
    });
  }
  const alerts = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: Recorded }).__alerts);
  const titleIs = (page: Page, want: string) => page.waitForFunction((t) => document.title === t, want, { timeout: 8_000 });

  it('counts offers, customer lines and whispers per case and in the title, clears them on opening, and alerts only as the agent chose', async () => {
    const { page, problems } = await openPage(desk.context);
    await recordAlerts(page);
    await desk.logIn(page);
    await page.locator('.live[data-state="open"]').waitFor({ timeout: 10_000 });

    // Nothing asked of the browser on load; the tone is off until the agent turns it on.
    expect(await alerts(page)).toEqual({ shown: [], asked: 0, tones: 0 });
    const sound = page.getByRole('checkbox', { name: '提示音' });
    expect(await sound.isChecked()).toBe(false);
    expect(await page.title()).toBe('坐席工作台');
    await page.getByRole('button', { name: '开启桌面通知' }).click();
    await page.getByRole('button', { name: '关闭桌面通知' }).waitFor();

    // A case offered to me: counted on its row and in the title, a desktop notification, no tone.
    const first = await desk.customer();
    const t1 = await handedOver(first, '我的手机号13812345678这个月被多扣了30元，我根本没订过这个业务');
    const waiting = page.getByRole('list', { name: /待接单/ });
    const row1 = waiting.getByRole('button', { name: new RegExp(t1) });
    await row1.locator('.badge--offer').waitFor({ timeout: 8_000 });
    await expectText(row1.locator('.badge--unread'), '1');
    await titleIs(page, '(1) 坐席工作台');
    const offered = await alerts(page);
    expect(offered.shown).toEqual([{ title: '有新工单分配给您', body: expect.stringContaining(t1) as unknown as string }]);
    expect(offered.tones).toBe(0);

    // Opening the case clears it.
    await row1.click();
    await expectText(page.locator('.case-header'), t1);
    await row1.locator('.badge--unread').waitFor({ state: 'detached' });
    await titleIs(page, '坐席工作台');
    await page.getByRole('button', { name: '接单', exact: true }).click();
    await page.locator('.case-header [data-status="active"]').waitFor();

    // With the tone on, the next offer (of a case not open) sounds.
    await sound.check();
    const second = await desk.customer();
    const t2 = await handedOver(second, '家里手机信号特别差，打电话老是断线');
    const row2 = waiting.getByRole('button', { name: new RegExp(t2) });
    await expectText(row2.locator('.badge--unread'), '1', 8_000);
    await titleIs(page, '(1) 坐席工作台');
    expect((await alerts(page)).tones).toBeGreaterThan(0);

    // A line in the open case, with the tab in front, is seen as it comes: no count, no notification.
    const shownBefore = (await alerts(page)).shown.length;
    await first.client.post({ type: 'message', from: { id: first.userId }, text: '我等着呢' } as Activity);
    await page
      .getByRole('log', { name: '对话记录' })
      .locator('[data-from="customer"]', { hasText: '我等着呢' })
      .waitFor({ timeout: 5_000 });
    const mineList = page.getByRole('list', { name: /我的会话/ });
    const mine1 = mineList.getByRole('button', { name: new RegExp(t1) });
    expect(await mine1.locator('.badge--unread').count()).toBe(0);
    expect((await alerts(page)).shown).toHaveLength(shownBefore);

    // The same with the tab in the background: counted and notified; coming back to it clears the count.
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await first.client.post({ type: 'message', from: { id: first.userId }, text: '人呢' } as Activity);
    await expectText(mine1.locator('.badge--unread'), '1', 5_000);
    // With the second case's offer, still unread.
    await titleIs(page, '(2) 坐席工作台');
    expect((await alerts(page)).shown.slice(shownBefore).map((n) => n.title)).toEqual(['客户发来新消息']);
    await setHidden(false);
    await mine1.locator('.badge--unread').waitFor({ state: 'detached' });
    await titleIs(page, '(1) 坐席工作台');

    // Another case open: the customer's lines in mine count up, each notified without its words.
    await row2.click();
    await titleIs(page, '坐席工作台');
    await first.client.post({ type: 'message', from: { id: first.userId }, text: '怎么还没人理我' } as Activity);
    await expectText(mine1.locator('.badge--unread'), '1', 5_000);
    await first.client.post({ type: 'message', from: { id: first.userId }, text: '我的号码是13812345678' } as Activity);
    await expectText(mine1.locator('.badge--unread'), '2', 5_000);
    await titleIs(page, '(2) 坐席工作台');
    const lines = (await alerts(page)).shown.slice(shownBefore + 1).filter((n) => n.title === '客户发来新消息');
    expect(lines).toHaveLength(2);
    expect(lines.every((n) => n.body.includes(t1) && !n.body.includes('13812345678') && !n.body.includes('怎么还没人理我'))).toBe(true);

    // A supervisor's whisper on my case counts too.
    const login = await fetch(`${desk.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BOSS),
    });
    const { token } = (await login.json()) as { token: string };
    const id1 = (await desk.app.store.getCaseByTicket(t1))!.id;
    const note = await fetch(`${desk.base}/api/cases/${id1}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: '客户很着急，先安抚一下' }),
    });
    expect(note.status).toBe(201);
    await expectText(mine1.locator('.badge--unread'), '3', 5_000);
    await titleIs(page, '(3) 坐席工作台');
    expect((await alerts(page)).shown.some((n) => n.title === '值班主管给您发来悄悄话')).toBe(true);

    // Clicking the latest desktop notification brings that case up.
    await page.evaluate(() => {
      const shown = (window as unknown as { __notifications: Notification[] }).__notifications;
      shown[shown.length - 1].onclick?.(new Event('click'));
    });
    await expectText(page.locator('.case-header'), t1);
    await mine1.locator('.badge--unread').waitFor({ state: 'detached' });
    await titleIs(page, '坐席工作台');

    // The choices are this browser's: still there after a reload, and still no prompt.
    await page.reload();
    await page.getByRole('heading', { name: '坐席工作台' }).waitFor();
    expect(await page.getByRole('checkbox', { name: '提示音' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '关闭桌面通知' }).waitFor();
    expect((await alerts(page)).asked).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
