import '../channels/web/helpers/nodeGlobals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { builtPageDir } from '../../src/http/pages/agentPage';
import { percent } from '../../src/web/reports/model';
import { api, AGENT07, BOSS, Customer, logIn, NO_AGENT_ONLINE, queuedCaseOf, startDesk, type Desk } from '../api/caseHelpers';
import { launchChromium, expectText, openPage as openRecordedPage, submitLogin } from '../helpers/browser';

const CAUSE = '增值业务未经客户确认开通';

/**
 * The reports page in a real Chromium against the whole service: a web-chat customer on
 * DirectLineJS complains and asks for a person, an agent claims and resolves the case over
 * HTTP, and a supervisor opens /reports and sees the charts drawn and the KPIs the API gives.
 * Needs the built page (`npm test` builds it first).
 */
describe('reports page in Chromium', () => {
  let desk: Desk;
  let browser: Browser;
  let context: BrowserContext;
  const customers: Customer[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(builtPageDir('reports'), 'main.js'))) {
      throw new Error(`the reports page is not built (${builtPageDir('reports')}): run \`npm run build:web\` first (npm test does)`);
    }
    desk = await startDesk();
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
  }, 60_000);

  afterAll(async () => {
    for (const c of customers) c.end();
    await context?.close();
    await browser?.close();
    await desk?.stop();
  });

  const openPage = (): Promise<{ page: Page; problems: string[] }> => openRecordedPage(context);

  /** A web-chat customer complains and asks for a person; agent07 claims the case over HTTP. */
  async function claimedComplaint(text: string): Promise<{ customer: Customer; agent: Awaited<ReturnType<typeof logIn>>; caseId: string }> {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    await customer.say(text);
    await customer.expectMessage((t) => t.length > 0, 'a reply to the complaint');
    await customer.say('转人工');
    // Nobody has a console open in this test, so the customer hears that no colleague is online.
    await customer.expectMessage((t) => t.includes(NO_AGENT_ONLINE), 'the queue notice');
    const agent = await logIn(desk.base, AGENT07);
    const caseId = await queuedCaseOf(desk.base, agent.token, customer.conversationId);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token, {})).status).toBe(200);
    return { customer, agent, caseId };
  }

  it('draws the charts and the KPI tiles for a case taken from complaint to resolved through the real service', async () => {
    // A customer complains on web chat and asks for a person; an agent claims and resolves it over HTTP.
    const { agent, caseId } = await claimedComplaint('我这个月话费被多扣了30元，我根本没订过这个业务');
    const resolved = await api(desk.base, 'POST', `/api/cases/${caseId}/resolve`, agent.token, {
      cause: CAUSE,
      solution: '已取消该业务并退还费用',
      compensation: '赠送10元话费',
    });
    expect(resolved.status).toBe(200);

    // What the API says, to compare with what the page shows.
    const boss = await logIn(desk.base, BOSS);
    const summary = (await api(desk.base, 'GET', '/api/reports/summary', boss.token)).body;
    expect(summary.counts.total).toBe(1);
    expect(summary.counts.byCategory.billing_dispute).toBe(1);
    expect(summary.rates.onTime).toMatchObject({ value: 1, met: true });
    expect(summary.rates.resolution).toMatchObject({ value: 1, met: true });
    expect(summary.rates.satisfaction.met).toBeNull();
    expect(summary.topCauses).toEqual([{ cause: CAUSE, count: 1 }]);

    // The supervisor logs in on /reports.
    const { page, problems } = await openPage();
    await submitLogin(page, `${desk.base}/reports`, BOSS);
    await page.getByRole('heading', { name: '投诉报表' }).waitFor();

    // Charts first: every canvas drawn, with a real size and ink on it.
    const names = ['category', 'trend', 'channel', 'firstResponse', 'causes'];
    for (const name of names) {
      const canvas = page.locator(`canvas[data-chart="${name}"]`);
      await canvas.waitFor({ timeout: 10_000 });
      await page.waitForFunction((n) => document.querySelector(`canvas[data-chart="${n}"]`)?.getAttribute('data-drawn') === 'true', name);
      const box = await canvas.boundingBox();
      expect(box && box.width > 100 && box.height > 100).toBe(true);
      const painted = await canvas.evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink += 1;
        return { width: c.width, height: c.height, ink };
      });
      expect(painted.width).toBeGreaterThan(0);
      expect(painted.height).toBeGreaterThan(0);
      expect(painted.ink).toBeGreaterThan(100);
    }
    // The charts come before the tables.
    const order = await page.evaluate(() => {
      const charts = document.querySelector('.charts')!;
      const tables = document.querySelector('.tables')!;
      return Boolean(charts.compareDocumentPosition(tables) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);

    // KPI tiles: the API's values, green when met, grey when there is nothing to judge.
    const tile = (name: string) => page.locator(`[data-kpi="${name}"]`);
    await expectText(tile('onTime'), percent(summary.rates.onTime.value)); // 100%
    await expectText(tile('onTime'), '目标 ≥ 98%');
    expect(await tile('onTime').getAttribute('data-state')).toBe('met');
    expect(await tile('onTime').evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(27, 127, 59)');
    await expectText(tile('resolution'), percent(summary.rates.resolution.value));
    await expectText(tile('resolution'), '目标 ≥ 99%');
    expect(await tile('resolution').getAttribute('data-state')).toBe('met');
    await expectText(tile('satisfaction'), percent(summary.rates.satisfaction.value)); // —: nobody answered the survey yet
    await expectText(tile('satisfaction'), '目标 ≥ 95%');
    expect(await tile('satisfaction').getAttribute('data-state')).toBe('none');
    await expectText(tile('total'), String(summary.counts.total));

    // REPORTS_SCREENSHOT=/tmp/reports.png keeps a picture of the page for a human look.
    if (process.env.REPORTS_SCREENSHOT) await page.screenshot({ path: process.env.REPORTS_SCREENSHOT, fullPage: true });

    // Then the tables.
    await expectText(page.locator('table', { hasText: '主要原因' }), CAUSE);
    await expectText(page.locator('table', { hasText: '按类别' }), '收费争议');

    // The CSV button downloads the export (BOM first, the ticket in it, the phone masked).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toContain(resolved.body.ticketId);
    expect(file.toString('utf8')).toContain(CAUSE);

    // A range that runs backwards is refused on the page itself.
    await page.locator('input[name="from"]').fill('2026-11-10');
    await page.locator('input[name="to"]').fill('2026-11-01');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expectText(page.getByRole('alert'), '结束日期不能早于开始日期');

    // A reload keeps the session of this tab.
    await page.reload();
    await page.locator('canvas[data-chart="category"][data-drawn="true"]').waitFor({ timeout: 10_000 });

    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the per-agent table to a supervisor and opens the cases behind a chart bar and a table cell', async () => {
    // A second complaint, with a phone number: claimed, a quick reply inserted, a message sent; still open.
    const { agent, caseId } = await claimedComplaint('我的手机号13812345678，这个月又多扣了话费，你们到底怎么回事');
    const reply = await api(desk.base, 'POST', '/api/quick-replies', agent.token, {
      title: '致歉',
      text: '非常抱歉给您添麻烦了，工单 {工单号} 我来跟进。',
    });
    expect(reply.status).toBe(201);
    const rendered = await api(desk.base, 'POST', `/api/cases/${caseId}/quick-replies/${reply.body.id}/render`, agent.token, {});
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: rendered.body.text })).status).toBe(201);

    const { page, problems } = await openPage();
    await submitLogin(page, `${desk.base}/reports`, BOSS);

    // The per-agent table: both cases are agent07's, one quick reply, both answered on time.
    const row = page.locator(`[data-table="agents"] tr[data-agent="${AGENT07.username}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expectText(row, `${AGENT07.username}（${agent.agentNo}号）`);
    await expectText(row, '1 次');
    await expectText(row, '100%（2/2）');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe('2');

    // 处理量 opens the agent's two cases, the phone masked.
    await row.getByRole('button', { name: /处理量：2，查看工单/ }).click();
    const dialog = page.getByRole('dialog', { name: '工单明细' });
    await expectText(dialog, '共 2 件');
    await expectText(dialog, `${AGENT07.username}（${agent.agentNo}号）`);
    await expectText(dialog, '138****5678');
    expect(await dialog.innerText()).not.toContain('13812345678');
    expect(await dialog.locator('tbody tr[data-ticket]').count()).toBe(2);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A click on the tallest bar of the category chart (收费争议: both cases) lists them too.
    const canvas = page.locator('canvas[data-chart="category"][data-drawn="true"]');
    await canvas.waitFor();
    const marks = JSON.parse((await canvas.getAttribute('data-marks'))!) as [number, number][];
    const [x, y] = marks.reduce((best, m) => (m[1] < best[1] ? m : best));
    await canvas.click({ position: { x, y: y + 8 } });
    await expectText(dialog, '收费争议 · 共 2 件');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The 及时率 row of the quality table opens the late ones: none here.
    await page
      .locator('table', { hasText: '服务质量指标' })
      .getByRole('button', { name: /2 \/ 2，查看工单/ })
      .click();
    await expectText(dialog, '未及时响应 · 共 0 件');
    await expectText(dialog, '没有符合条件的工单');
    await page.keyboard.press('Escape');

    expect(problems).toEqual([]);
    await page.close();

    // An agent sees the desk's figures but neither the per-agent table nor clickable figures.
    const agentView = await openPage();
    await submitLogin(agentView.page, `${desk.base}/reports`, AGENT07);
    await agentView.page.locator('canvas[data-chart="category"][data-drawn="true"]').waitFor({ timeout: 10_000 });
    expect(await agentView.page.locator('[data-table="agents"]').count()).toBe(0);
    expect(await agentView.page.locator('.cell-link').count()).toBe(0);
    expect(agentView.problems).toEqual([]);
    await agentView.page.close();
  }, 60_000);
});
