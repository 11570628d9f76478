import type { Page } from 'playwright-core';
import { formatDeskTime } from '../../src/domain/deskTime';
import type { StaffEvent } from '../../src/domain/staffEvents';
import { api, Console, logIn } from '../api/caseHelpers';
import { waitFor } from '../channels/web/helpers/webServer';
import { agentDesk, handedOver, mineList, resolveCase, takeCase, textOf, waitingList, type WebCustomer } from '../helpers/agentDesk';
import { expectText, openPage } from '../helpers/browser';

const WANG = { username: 'wang', password: 'pass-wang-secret' };
const LI = { username: 'li', password: 'pass-li-secret' };
const BOSS = { username: 'boss', password: 'pass-boss-secret' };
const PHONE = '13812345678';
const MASKED = '138****5678';

interface Seat {
  who: typeof WANG;
  page: Page;
  problems: string[];
  /** The tickets this agent took. */
  held: string[];
}

/**
 * One agent shift, end to end in Chromium: two agents on /agent with room for two cases each,
 * web-chat customers on DirectLineJS asking for a person, auto-assignment offering the cases on
 * the pages, 离开 in the presence picker, a quick reply with variables, the typing indicator, a
 * returning customer's earlier case, and a search by phone with the list masked. The steps build
 * on each other (one desk, one queue), so they run in order. Needs the built console (`npm run build`).
 */
describe('an agent shift in Chromium', () => {
  const desk = agentDesk({
    env: {
      BOOTSTRAP_USERS: [WANG, LI]
        .map((a) => `${a.username}:agent:${a.password}`)
        .concat(`${BOSS.username}:supervisor:${BOSS.password}`)
        .join(','),
      AGENT_MAX_CASES: '2',
      ASSIGN_SCAN_SECONDS: '0.2',
      // Long enough that an offer stays with its agent while the test takes it.
      ASSIGN_ACCEPT_SECONDS: '60',
    },
  });
  const seats: Seat[] = [];
  let boss: string;
  let board: Console;
  /** Five customers in the order they asked; their tickets. */
  const customers: WebCustomer[] = [];
  const tickets: string[] = [];
  /** The agent holding the first customer's case (the one with the phone number), and the other. */
  let first: Seat;
  let second: Seat;
  let fifth: string;
  let returning: WebCustomer;
  let sixth: string;

  /** Whom the case was offered to, as the supervisor's live stream heard it. */
  const offersOf = (ticketId: string) =>
    board.events.filter((e: StaffEvent) => e.type === 'offered' && e.payload.ticketId === ticketId).map((e) => String(e.payload.agent));
  /** The same, once the stream has carried at least one offer of it. */
  const offeredTo = (ticketId: string) =>
    waitFor(() => offersOf(ticketId).length > 0 && offersOf(ticketId), 5_000, `the offer of ${ticketId} on the supervisor's stream`);
  /** The tickets the page marks 分配给您 in its waiting list. */
  const offeredOn = (page: Page) =>
    waitingList(page)
      .locator('.queue-item:has(.badge--offer:has-text("分配给您"))')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket') ?? '').sort());
  const loads = async () =>
    Object.fromEntries(
      ((await api(desk.base, 'GET', '/api/supervisor/agents', boss)).body as { name: string; openCases: number; presence: string }[]).map(
        (a) => [a.name, `${a.presence}:${a.openCases}`],
      ),
    );

  beforeAll(async () => {
    boss = (await logIn(desk.base, BOSS)).token;
    board = await Console.open(desk.base, boss);
  });

  afterAll(() => {
    board?.close();
  });

  it('two agents 在线 with room for two each and five customers: two offered to each on their page, taken there, the fifth waits', async () => {
    for (const who of [WANG, LI]) {
      const { page, problems } = await openPage(desk.context, { acceptDialogs: true });
      await desk.logIn(page, who);
      await page.locator('.live[data-state="open"]').waitFor({ timeout: 10_000 });
      await expect(page.getByLabel('状态').inputValue()).resolves.toBe('online');
      seats.push({ who, page, problems, held: [] });
    }
    await waitFor(async () => Object.values(await loads()).every((l) => l === 'online:0'), 5_000, 'both agents online');

    const complaints = [
      `我的手机号${PHONE}这个月被多扣了30元，我根本没订过这个业务`,
      '家里手机信号特别差，打电话老是断线',
      '宽带坏了三天了一直没人上门修',
      '营业厅的人态度太差了，我问两句就不耐烦',
      '网速特别慢，晚上根本打不开网页',
    ];
    for (const words of complaints) {
      const c = await desk.customer();
      customers.push(c);
      tickets.push(await handedOver(c, words));
    }

    // Each page marks two cases 分配给您, none marked on both.
    const offered = await waitFor(
      async () => {
        const each = await Promise.all(seats.map((s) => offeredOn(s.page)));
        return each.every((t) => t.length === 2) && each;
      },
      10_000,
      'two offers on each page',
    );
    expect(new Set(offered.flat()).size).toBe(4);
    fifth = tickets.find((t) => !offered.flat().includes(t))!;
    for (const [i, seat] of seats.entries()) {
      for (const t of offered[i]) expect(await offeredTo(t)).toEqual([seat.who.username]);
    }

    // Each agent takes theirs through the page.
    for (const [i, seat] of seats.entries()) {
      for (const t of offered[i]) {
        await takeCase(seat.page, t);
        seat.held.push(t);
      }
    }
    first = seats.find((s) => s.held.includes(tickets[0]))!;
    second = seats.find((s) => s !== first)!;

    // The fifth still waits, on both pages, offered to nobody: both agents are full.
    for (const seat of seats) {
      await waitingList(seat.page)
        .getByRole('button', { name: new RegExp(fifth) })
        .waitFor();
      expect(await offeredOn(seat.page)).toEqual([]);
    }
    expect(offersOf(fifth)).toEqual([]);
    expect(await loads()).toEqual({ wang: 'online:2', li: 'online:2' });
    const queued = (await api(desk.base, 'GET', '/api/cases?status=queued', boss)).body as { ticketId: string }[];
    expect(queued.map((c) => c.ticketId)).toEqual([fifth]);
  }, 120_000);

  it('the agent who resolves a case in the page gets the fifth; the other, full, does not', async () => {
    await resolveCase(first.page, tickets[0], {
      cause: '系统误为您开通了增值业务',
      solution: '已退订该业务，多扣的30元将在3个工作日内退回',
    });
    await customers[0].client.waitForActivity(
      (a) => textOf(a).includes('已退订该业务') && textOf(a).includes(tickets[0]),
      10_000,
      'the result notice',
    );
    first.held = first.held.filter((t) => t !== tickets[0]);

    await waitingList(first.page)
      .getByRole('button', { name: new RegExp(fifth) })
      .locator('.badge--offer', { hasText: '分配给您' })
      .waitFor({ timeout: 8_000 });
    expect(await offeredTo(fifth)).toEqual([first.who.username]);
    expect(await offeredOn(second.page)).toEqual([]);
    await takeCase(first.page, fifth);
    first.held.push(fifth);
    expect(await loads()).toEqual({ [first.who.username]: 'online:2', [second.who.username]: 'online:2' });
  }, 60_000);

  it('an agent gone 离开 with a free slot is offered nothing; the returning customer goes to the one who frees a slot', async () => {
    // The second agent frees a slot, then steps away in the presence picker.
    await resolveCase(second.page, second.held[0], { cause: '基站故障', solution: '基站已修复，信号恢复正常' });
    second.held.shift();
    const presence = second.page.getByLabel('状态');
    const saved = second.page.waitForResponse((r) => r.url().endsWith('/api/me/presence') && r.request().method() === 'PUT');
    await presence.selectOption('away');
    expect((await saved).status()).toBe(200);
    expect(await loads()).toEqual({ [first.who.username]: 'online:2', [second.who.username]: 'away:1' });

    // The first customer comes back from another browser with the same number: a new case.
    returning = await desk.customer();
    sixth = await handedOver(returning, `号码${PHONE}，上次多扣的钱退了，这个月又多扣了30元`);
    expect(sixth).not.toBe(tickets[0]);
    await waitingList(second.page)
      .getByRole('button', { name: new RegExp(sixth) })
      .waitFor({ timeout: 8_000 });
    // Five assignment rounds (0.2 s each) pass: nobody is offered it.
    await second.page.waitForTimeout(1_000);
    expect(offersOf(sixth)).toEqual([]);
    expect(await offeredOn(second.page)).toEqual([]);

    // The first agent frees a slot: it is offered there, never to the agent who is away.
    const done = first.held.shift()!;
    await resolveCase(first.page, done, { cause: '维修单派发延迟', solution: '师傅已上门修复宽带' });
    await waitingList(first.page)
      .getByRole('button', { name: new RegExp(sixth) })
      .locator('.badge--offer', { hasText: '分配给您' })
      .waitFor({ timeout: 8_000 });
    expect(await offeredTo(sixth)).toEqual([first.who.username]);
    expect(await offeredOn(second.page)).toEqual([]);
    await takeCase(first.page, sixth);
    first.held.push(sixth);
  }, 60_000);

  it('shows the returning customer’s earlier case in the history, opened read-only', async () => {
    const { page } = first;
    await expectText(page.locator('.case-header'), sixth);
    const history = page.locator('details.history');
    await expectText(history.locator('summary'), '客户历史工单', 5_000);
    if (!(await history.getAttribute('open'))) await history.locator('summary').click();
    const row = history.locator(`[data-ticket="${tickets[0]}"]`);
    await expectText(row, '已办结');
    await expectText(row, '处理结果：已退订该业务');

    await history.getByRole('button', { name: `查看历史工单 ${tickets[0]}` }).click();
    const dialog = page.getByRole('dialog', { name: `历史工单 ${tickets[0]}（只读）` });
    await dialog.waitFor();
    await expectText(dialog.locator('[data-status="resolved"]'), '已办结');
    await expectText(dialog.getByRole('log', { name: '历史对话记录' }), MASKED);
    expect(await dialog.innerText()).not.toContain(PHONE);
    expect(await dialog.locator('textarea, input').count()).toBe(0);
    expect(await dialog.getByRole('button').allInnerTexts()).toEqual(['关闭']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expectText(page.locator('.case-header'), sixth);
  }, 30_000);

  it('the customer sees the agent typing; words typed while a message is on its way stay; a quick reply with variables reaches the customer filled in', async () => {
    const { page } = first;
    const { client, userId } = returning;
    const agentTyping = () => client.received.filter((a) => a.type === 'typing' && a.from.id !== userId);
    expect(agentTyping()).toEqual([]);

    // Typing in the composer: a Direct Line typing activity, before anything is sent.
    const composer = page.getByLabel('回复内容');
    await composer.click();
    await composer.pressSequentially('您好，我来帮您查', { delay: 20 });
    const typing = await client.waitForActivity((a) => a.type === 'typing' && a.from.id !== userId, 5_000, 'the agent typing');
    expect(typing.from.name).toMatch(/^客服 \d+ 号$/);
    expect(client.received.some((a) => a.type === 'message' && textOf(a).includes('我来帮您查'))).toBe(false);

    // A shared quick reply with variables.
    const saved = await api(desk.base, 'POST', '/api/quick-replies', boss, {
      title: '接手答复',
      text: '{客户称呼}好，您的工单 {工单号} 已由我接手，我会在 {回复时限} 前给您答复。',
      scope: 'shared',
    });
    expect(saved.status).toBe(201);

    // The greeting is sent; the agent starts the "/" search while it is still on its way (its
    // answer held until then): what they typed stays once the answer comes.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/cases/*/messages', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await composer.press('Control+Enter');
    await client.waitForText('您好，我来帮您查', 10_000);
    await composer.pressSequentially('/接手', { delay: 20 });
    answer();
    await page.getByRole('button', { name: '发送', exact: true }).waitFor();
    await page.unroute('**/api/cases/*/messages');
    expect(await composer.inputValue()).toBe('/接手');

    // Found with "/" and put in with Enter, filled for this case.
    await page
      .getByRole('listbox', { name: '快捷回复' })
      .getByRole('option', { name: /接手答复/ })
      .waitFor({ timeout: 5_000 });
    await page.keyboard.press('Enter');
    const due = (await desk.app.store.getCaseByTicket(sixth))!.responseDueAt;
    const filled = `您好，您的工单 ${sixth} 已由我接手，我会在 ${formatDeskTime(due, 'Asia/Shanghai')} 前给您答复。`;
    await page.waitForFunction(
      (want) => (document.querySelector('.composer__input') as HTMLTextAreaElement | null)?.value === want,
      filled,
      { timeout: 5_000 },
    );
    await page.getByRole('button', { name: '发送', exact: true }).click();
    const delivered = await client.waitForActivity(
      (a) => a.type === 'message' && textOf(a).includes('已由我接手'),
      10_000,
      'the quick reply',
    );
    expect(textOf(delivered)).toBe(filled);
    expect(textOf(delivered)).not.toMatch(/[{}]/);
  }, 30_000);

  it('finds the cases by phone number while the page shows it masked, never in full', async () => {
    const { page } = first;
    const token = await page.evaluate(
      () => (JSON.parse(sessionStorage.getItem('complaint-desk.agent.session')!) as { token: string }).token,
    );
    // The console has no search box: the agent's own search, with the page's session.
    const found = await api(desk.base, 'GET', `/api/cases?q=${PHONE}`, token);
    expect(found.status).toBe(200);
    const rows = found.body as { ticketId: string; preview: string }[];
    expect(rows.map((r) => r.ticketId).sort()).toEqual([tickets[0], sixth].sort());
    expect(rows.every((r) => r.preview.includes(MASKED))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PHONE);
    // Another spelling of the number finds the same.
    const spelled = await api(desk.base, 'GET', `/api/cases?q=${encodeURIComponent('+86 138-1234-5678')}`, token);
    expect((spelled.body as { ticketId: string }[]).map((r) => r.ticketId).sort()).toEqual([tickets[0], sixth].sort());

    const item = mineList(page).getByRole('button', { name: new RegExp(sixth) });
    await expectText(item, MASKED);
    await expectText(page.locator('.slot__value[data-field="phone"]'), MASKED);
    for (const seat of seats) expect(await seat.page.locator('body').innerText()).not.toContain(PHONE);

    // Nothing went wrong on either page all shift long.
    for (const seat of seats) expect(seat.problems).toEqual([]);
  }, 30_000);
});
