import { agentDesk, handedOver } from '../helpers/agentDesk';
import { expectText, openPage } from '../helpers/browser';

/** The console's keyboard shortcuts in Chromium: the ? overlay, and shortcuts doing what they say. */
describe('agent console keyboard shortcuts in Chromium', () => {
  const desk = agentDesk();

  it('lists the shortcuts under ?, and J, Alt+C, /, Ctrl+Enter and Alt+R open, claim, search, send and resolve', async () => {
    const { page, problems } = await openPage(desk.context);
    await desk.logIn(page);
    const customer = await desk.customer();
    const ticketId = await handedOver(customer, '宽带坏了三天了一直没人上门修');
    await page
      .getByRole('list', { name: /待接单/ })
      .getByRole('button', { name: new RegExp(ticketId) })
      .waitFor({ timeout: 8_000 });

    // ? opens the overlay with every shortcut; Esc closes it.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: '键盘快捷键' });
    await help.waitFor();
    const rows = help.locator('.shortcuts__row');
    expect(await rows.count()).toBe(7);
    await expectText(help.locator('[data-action="claim"]'), 'Alt+C');
    await expectText(help.locator('[data-action="claim"]'), '接单');
    await expectText(help.locator('[data-action="send"]'), 'Ctrl+Enter');
    await expectText(help.locator('[data-action="next"]'), '下一张工单');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // J opens the first case; the buttons say their keys; Alt+C claims it.
    await page.keyboard.press('j');
    const header = page.locator('.case-header');
    await expectText(header, ticketId);
    const claim = page.getByRole('button', { name: '接单', exact: true });
    expect(await claim.getAttribute('title')).toContain('Alt+C');
    expect(await page.getByRole('button', { name: '办结', exact: true }).getAttribute('title')).toContain('Alt+R');
    expect(await page.getByRole('button', { name: '发送', exact: true }).getAttribute('title')).toContain('Ctrl+Enter');
    await page.keyboard.press('Alt+c');
    await header.locator('[data-status="active"]').waitFor();

    // Typing in the reply box is text, not shortcuts: ? and j stay in the draft.
    const composer = page.getByLabel('回复内容');
    await composer.click();
    await composer.pressSequentially('j?', { delay: 10 });
    expect(await composer.inputValue()).toBe('j?');
    expect(await help.isVisible()).toBe(false);
    await composer.fill('');

    // Outside the box, / starts a quick-reply search in it.
    await header.click();
    await page.keyboard.press('/');
    await page.waitForFunction(() => (document.querySelector('.composer__input') as HTMLTextAreaElement | null)?.value === '/');
    await page.locator('.picker').waitFor();
    expect(await composer.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');

    // A draft in the box is never replaced by a search: / says so instead.
    await composer.fill('还没写完');
    await header.click();
    await page.keyboard.press('/');
    await page.locator('.toast').filter({ hasText: '回复框里已有内容' }).waitFor();
    expect(await composer.inputValue()).toBe('还没写完');

    // Ctrl+Enter sends the draft even with the focus elsewhere on the page.
    const reply = '您好，我已经接手您的报修，马上为您安排。';
    await composer.fill(reply);
    await header.click();
    await page.keyboard.press('Control+Enter');
    await customer.client.waitForText(reply, 10_000);
    await page.getByRole('log', { name: '对话记录' }).locator('[data-from="agent"]', { hasText: reply }).waitFor();

    // Alt+R opens the resolve form.
    await page.keyboard.press('Alt+r');
    const resolve = page.getByRole('dialog', { name: '办结工单' });
    await resolve.waitFor();
    await page.keyboard.press('Escape');
    await resolve.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
