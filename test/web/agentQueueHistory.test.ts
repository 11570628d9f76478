import type { Page } from 'playwright-core';
import { agentDesk } from '../helpers/agentDesk';
import { expectText, openPage } from '../helpers/browser';
import { makeCase } from '../handoff/caseFactory';

/**
 * The waiting queue's filters and a customer's earlier case opened read-only, in Chromium, over
 * cases put in the store as intake would leave them.
 */
describe('agent console queue filters and earlier cases in Chromium', () => {
  const desk = agentDesk();
  const at = new Date().toISOString();
  const angryBill = makeCase({
    ticketId: 'TS-20261204-7001',
    category: 'billing_dispute',
    escalationRisk: true,
    summary: '【收费争议】扬言投诉到工信部',
  });
  const calmBill = makeCase({ ticketId: 'TS-20261204-7002', category: 'billing_dispute' });
  const signal = makeCase({
    ticketId: 'TS-20261204-7003',
    category: 'product_quality',
    issues: [{ category: 'product_quality', text: '信号差', answers: {} }],
    summary: '【产品质量】信号差',
  });
  const earlier = makeCase({
    ticketId: 'TS-20261101-7004',
    customerId: 'customer-returning',
    status: 'resolved',
    owner: 'agent09',
    acceptedAt: '2026-11-01T02:00:00.000Z',
    summary: '【收费争议】号码13912340000被扣了流量包费用',
    transcript: [
      { from: 'customer', text: '我的号码13912340000被扣了20元流量包的钱', at: '2026-11-01T02:00:00.000Z' },
      { from: 'agent', text: '已为您退订流量包并退回20元', at: '2026-11-01T02:05:00.000Z', by: 'agent09' },
    ],
    resolution: { cause: '误开通流量包', solution: '已退订并退回20元', resolvedAt: '2026-11-01T02:10:00.000Z', resolvedBy: 'agent09' },
    satisfaction: { score: 4, words: '还行', at: '2026-11-02T02:00:00.000Z' },
  });
  const current = makeCase({
    ticketId: 'TS-20261204-7005',
    customerId: 'customer-returning',
    category: 'after_sales',
    issues: [{ category: 'after_sales', text: '光猫坏了', answers: {} }],
    summary: '【售后支持】光猫坏了',
    acceptedAt: at,
  });

  beforeAll(async () => {
    for (const c of [angryBill, calmBill, signal, earlier, current]) await desk.app.store.saveCase(c);
  });

  const shownTickets = async (page: Page) =>
    (
      await page
        .getByRole('list', { name: /待接单/ })
        .getByRole('button')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket')))
    ).sort();
  const waitForTickets = async (page: Page, want: string[]) => {
    const deadline = Date.now() + 5_000;
    while ((await shownTickets(page).catch(() => [])).join() !== [...want].sort().join()) {
      if (Date.now() > deadline) throw new Error(`queue shows ${(await shownTickets(page)).join()}, expected ${[...want].sort().join()}`);
      await page.waitForTimeout(50);
    }
  };

  it('narrows the waiting queue by category and to escalation risk, asking the API', async () => {
    const { page, problems } = await openPage(desk.context);
    await desk.logIn(page);
    const all = [angryBill, calmBill, signal, current].map((c) => c.ticketId);
    await waitForTickets(page, all);

    const asked = page.waitForRequest((r) => r.url().includes('/api/cases?') && r.url().includes('category=billing_dispute'));
    await page.getByLabel('分类').selectOption({ label: '收费争议' });
    await asked;
    await waitForTickets(page, [angryBill.ticketId, calmBill.ticketId]);
    await page.getByRole('checkbox', { name: '只看升级风险' }).check();
    await waitForTickets(page, [angryBill.ticketId]);
    await page.getByLabel('分类').selectOption({ label: '售后支持' });
    await waitForTickets(page, []);
    await expectText(page.getByRole('navigation', { name: '工单队列' }), '没有符合筛选条件的客户');
    await page.getByRole('checkbox', { name: '只看升级风险' }).uncheck();
    await page.getByLabel('分类').selectOption({ label: '全部分类' });
    await waitForTickets(page, all);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens the customer’s earlier case read-only from the history: transcript, result, satisfaction, masked, with nothing to act with', async () => {
    const { page, problems } = await openPage(desk.context);
    await desk.logIn(page);
    await page
      .getByRole('list', { name: /待接单/ })
      .getByRole('button', { name: new RegExp(current.ticketId) })
      .click();
    await expectText(page.locator('.case-header'), current.ticketId);
    const history = page.locator('details.history');
    await history.locator('summary').click();
    await history.getByRole('button', { name: `查看历史工单 ${earlier.ticketId}` }).click();

    const dialog = page.getByRole('dialog', { name: `历史工单 ${earlier.ticketId}（只读）` });
    await dialog.waitFor();
    await expectText(dialog, '收费争议');
    await expectText(dialog.locator('[data-status="resolved"]'), '已办结');
    await expectText(dialog, '已退订并退回20元');
    await expectText(dialog, '4 分');
    const transcript = dialog.getByRole('log', { name: '历史对话记录' });
    await expectText(transcript, '139****0000');
    await expectText(transcript, '已为您退订流量包');
    expect(await dialog.innerText()).not.toContain('13912340000');
    // Read-only: no reply box, no case actions in it.
    expect(await dialog.locator('textarea, input').count()).toBe(0);
    expect(await dialog.getByRole('button').allInnerTexts()).toEqual(['关闭']);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The case in hand is as it was.
    await expectText(page.locator('.case-header'), current.ticketId);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
