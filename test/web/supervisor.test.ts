import '../channels/web/helpers/nodeGlobals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { builtPageDir } from '../../src/http/pages/agentPage';
import { createApp, type App } from '../../src/index';
import { api, Console, Customer, logIn, queuedCaseOf } from '../api/caseHelpers';
import { launchChromium, expectText, openPage as openRecordedPage, submitLogin } from '../helpers/browser';

const AGENT07 = { username: 'agent07', password: 'pass-07-secret' };
const BOSS = { username: 'boss', password: 'pass-boss-secret' };
const WHISPER = '客户情绪很激动，先道歉，再核对扣费明细';
const BOSS_REPLY = '您好，我是值班主管，这笔扣费我马上为您核实，请稍等。';

/**
 * The supervisor view (/supervisor) in a real Chromium against the whole service: a web-chat
 * customer on DirectLineJS asks for a person, agent07 claims over HTTP and stays silent; the
 * supervisor sees the conversation stall, whispers to the agent, takes over, answers the
 * customer and resolves. The agent console (/agent, second tab) shows the whisper and the
 * takeover. Needs the built pages (`npm test` builds them first).
 */
describe('supervisor view in Chromium', () => {
  let app: App;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  const customers: Customer[] = [];
  const consoles: Console[] = [];

  beforeAll(async () => {
    for (const name of ['supervisor', 'agent']) {
      if (!existsSync(path.join(builtPageDir(name), 'main.js')))
        throw new Error(`/${name} is not built (${builtPageDir(name)}): run \`npm run build\` first (npm test does)`);
    }
    app = createApp({
      port: 0,
      host: '127.0.0.1',
      env: {
        LOG_LEVEL: 'silent',
        BOOTSTRAP_USERS: 'agent07:agent:pass-07-secret,agent08:agent:pass-08-secret,boss:supervisor:pass-boss-secret',
        STALL_AFTER_SECONDS: '1',
      },
    });
    await app.start();
    base = `http://127.0.0.1:${app.port}`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  }, 60_000);

  afterAll(async () => {
    for (const c of customers) c.end();
    for (const c of consoles) c.close();
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  /** A page that records script errors, CSP violations and failed requests; 接管 and 退回 ask for confirmation, accepted. */
  const openPage = (): Promise<{ page: Page; problems: string[] }> => openRecordedPage(context, { acceptDialogs: true });

  const logInAt = (page: Page, where: '/supervisor' | '/agent', who: { username: string; password: string }): Promise<void> =>
    submitLogin(page, `${base}${where}`, who);

  it('flags the silent agent’s conversation as stalled, alerts, whispers, takes over, answers the customer and resolves', async () => {
    // A customer complains and asks for a person; agent07 claims over HTTP and says nothing.
    const customer = await Customer.connect(base);
    customers.push(customer);
    await customer.say('我的手机这个月被多扣了30元，我根本没订过这个业务');
    await customer.say('转人工');
    const agent = await logIn(base, AGENT07);
    const caseId = await queuedCaseOf(base, agent.token, customer.conversationId);
    const agentStream = await Console.open(base, agent.token);
    consoles.push(agentStream);
    const claimed = await api(base, 'POST', `/api/cases/${caseId}/claim`, agent.token, {});
    expect(claimed.status).toBe(200);
    const ticketId: string = claimed.body.ticketId;
    await customer.settle();

    // The agent's console, in a second tab, has the case open.
    const { page: agentPage, problems: agentProblems } = await openPage();
    await logInAt(agentPage, '/agent', AGENT07);
    await agentPage.getByRole('heading', { name: '坐席工作台' }).waitFor();
    await agentPage.goto(`${base}/agent#case=${encodeURIComponent(caseId)}`);
    await agentPage.locator('.case-header [data-status="active"]').waitFor();

    // The supervisor's board: the conversation, flagged 卡顿 with its reason, and a live alert.
    const { page, problems } = await openPage();
    await logInAt(page, '/supervisor', BOSS);
    await page.getByRole('heading', { name: '值班监控台' }).waitFor();
    await page.locator('.live[data-state="open"]').waitFor({ timeout: 10_000 });
    const row = page.locator(`tr[data-case="${caseId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expectText(row, ticketId);
    await expectText(row, '收费争议');
    await expectText(row, '网页');
    await expectText(row, '人工服务中');
    await expectText(row, AGENT07.username);
    await page.locator(`tr[data-case="${caseId}"][data-stalled="true"]`).waitFor({ timeout: 25_000 });
    await expectText(row, '卡顿');
    const reasons = row.locator('.chip--reason');
    expect(await reasons.count()).toBeGreaterThan(0);
    const reason = await reasons.first().innerText();
    expect(reason).toMatch(/[\u4e00-\u9fff]/);
    // The silence ticks in the browser.
    const silent = row.locator('[data-col="silent"]');
    const before = await silent.innerText();
    await expectChange(silent, before);
    // The stall pushed as an alert (the scanner runs every STALL_SCAN_SECONDS, 15 s by default).
    const alert = page.locator(`.alerts .alert[data-case="${caseId}"]`);
    await alert.waitFor({ timeout: 25_000 });
    await expectText(alert, ticketId);
    await expectText(alert, '会话卡顿');
    // 值班概览: WeChat state and each agent's load.
    const overview = page.getByRole('complementary', { name: '值班概览' });
    await expectText(overview, '微信');
    await expectText(overview.locator('[data-agent="agent07"]'), '1 单');
    await expectText(overview.locator('[data-agent="agent08"]'), '0 单');
    if (process.env.SUPERVISOR_SCREENSHOT) await page.screenshot({ path: process.env.SUPERVISOR_SCREENSHOT, fullPage: true });

    // 悄悄话: the agent gets it (stream, API and console); the customer does not.
    await row.getByRole('button', { name: /悄悄话/ }).click();
    await page.getByLabel('悄悄话内容').fill(WHISPER);
    await page.getByRole('button', { name: '发送悄悄话' }).click();
    await expectText(page.locator('.toasts'), '悄悄话已发给');
    await agentStream.waitForEvent((e) => e.resource === 'note' && e.id === caseId, 'the note pushed to the agent');
    const seenByAgent = await api(base, 'GET', `/api/cases/${caseId}`, agent.token);
    expect(JSON.stringify(seenByAgent.body.notes)).toContain(WHISPER);
    expect(JSON.stringify(seenByAgent.body.transcript)).not.toContain(WHISPER);
    await expectText(agentPage.locator('.case-pane .notes'), WHISPER);
    expect((await customer.settle()).join('\n')).not.toContain(WHISPER);

    // 接管: the supervisor owns it now; the agent is told and can no longer send.
    await row.getByRole('button', { name: `接管 ${ticketId}` }).click();
    await expectText(row, `${BOSS.username}（我）`, 10_000);
    await agentStream.waitForEvent(
      (e) => e.resource === 'case' && e.type === 'takeover' && e.id === caseId,
      'the takeover pushed to the agent',
    );
    // No longer the agent's case: it does not see it any more (404), let alone write.
    const refused = await api(base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: '我还在处理' });
    expect(refused.status).toBe(404);
    await agentPage.locator('[data-takeover]').waitFor({ timeout: 5_000 });
    await expectText(agentPage.locator('[data-takeover]'), '接管');
    expect(await agentPage.getByRole('button', { name: '发送', exact: true }).isDisabled()).toBe(true);
    await customer.expectMessage((t) => t.includes('值班主管'), 'the takeover greeting');

    // The supervisor answers the customer from the open conversation (same transcript as the console).
    const panel = page.getByRole('region', { name: '会话详情' });
    await panel.getByRole('log', { name: '对话记录' }).waitFor();
    await expectText(panel.getByRole('log', { name: '对话记录' }), '多扣了30元');
    await expectText(panel.locator('.notes'), WHISPER);
    await panel.getByLabel('回复内容').fill(BOSS_REPLY);
    await panel.getByRole('button', { name: '发送', exact: true }).click();
    await customer.expectMessage((t) => t === BOSS_REPLY, 'the supervisor’s reply');
    await panel.locator('[data-from="agent"]', { hasText: BOSS_REPLY }).waitFor({ timeout: 5_000 });

    // And resolves it.
    await panel.getByRole('button', { name: '办结', exact: true }).click();
    await page.getByLabel('原因').fill('系统误开通了增值业务');
    await page.getByLabel('解决方案').fill('已退订该业务并退还30元');
    await page.getByRole('button', { name: '确认办结' }).click();
    await panel.locator('[data-status="resolved"]').waitFor({ timeout: 5_000 });
    // Resolved by the supervisor, it is not the agent's (404 for agent07); the supervisor sees it.
    expect((await api(base, 'GET', `/api/cases/${caseId}`, agent.token)).status).toBe(404);
    const after = await api(base, 'GET', `/api/cases/${caseId}`, (await logIn(base, BOSS)).token);
    expect(after.body.status).toBe('resolved');
    expect(after.body.resolution.resolvedBy).toBe(BOSS.username);
    await customer.expectMessage((t) => t.includes('退还30元'), 'the result notice');
    // The resolved case leaves the live board.
    await row.waitFor({ state: 'detached', timeout: 15_000 });

    const noise = (p: string) => p.startsWith('console: WebSocket connection to') || p.includes('Failed to load resource');
    expect(problems.filter((p) => !noise(p))).toEqual([]);
    expect(agentProblems.filter((p) => !noise(p))).toEqual([]);
    await page.close();
    await agentPage.close();
  }, 120_000);

  it('tells an agent politely that the supervisor view is not for them (the API answers 403)', async () => {
    const { page } = await openPage();
    const refused: number[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/api/supervisor/')) refused.push(res.status());
    });
    await logInAt(page, '/supervisor', AGENT07);
    const card = page.getByRole('alert');
    await expectText(card, '无权限');
    await expectText(card, '仅对值班主管开放');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s === 403)).toBe(true);
    expect(await page.locator('.board').count()).toBe(0);
    await page.getByRole('link', { name: '前往坐席工作台' }).waitFor();
    await page.close();
  }, 60_000);
});

async function expectChange(locator: Locator, from: string, ms = 4_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if ((await locator.innerText()) !== from) return;
    if (Date.now() > deadline) throw new Error(`expected "${from}" to change`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
