import { FileBox } from 'file-box';
import { waitUntil, WechatMockWorld } from '../fakes/wechatMockWorld';
import { AGENT07, api, BOSS, DESK_USERS, logIn, queuedCaseOf, startDesk, type Desk } from './caseHelpers';
import { generateToken } from '../channels/web/helpers/webServer';

/**
 * What a WeChat customer sent reaches the staff: the case page lists it, its owner (or a
 * supervisor) opens it — loaded through the WeChat login — and every look is in the audit log.
 */
const AGENT09 = { username: 'agent09', password: 'pass-09-secret' };
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function fetchRaw(base: string, path: string, token: string): Promise<Response> {
  return fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

describe('attachments on a WeChat case', () => {
  it('lists what the customer sent, lets the owner open it, and audits the look', async () => {
    const world = new WechatMockWorld();
    world.autoLogin();
    let desk: Desk | undefined;
    try {
      desk = await startDesk({
        wechaty: { puppet: world.puppet },
        env: { BOOTSTRAP_USERS: `${DESK_USERS},${AGENT09.username}:agent:${AGENT09.password}` },
      });
      const { base } = desk;
      await waitUntil(() => desk!.app.wechat.status().login === 'logged-in', 10_000, 'the WeChat login');
      const agent = await logIn(base, AGENT07);
      const other = await logIn(base, AGENT09);
      const boss = await logIn(base, BOSS);
      const customer = world.customer('wx-attach-1', '赵女士');

      world.sendFile(customer, FileBox.fromBase64(PNG.toString('base64'), 'bill.png'));
      await world.waitForInbox(customer.id, 1, 20_000);
      world.say(customer, '转人工');
      // The queue notice's wording is not this test's business: the queued case is.
      const caseId = await queuedCaseOf(base, agent.token, 'wechat:wx-attach-1');

      const detail = await api(base, 'GET', `/api/cases/${caseId}`, agent.token);
      expect(detail.status).toBe(200);
      expect(detail.body.attachments).toEqual([
        { index: 0, kind: 'image', name: expect.any(String), receivedAt: expect.any(String), channel: 'wechat', viewable: true },
      ]);
      // The raw WeChat message id stays on the server.
      expect(JSON.stringify(detail.body.attachments)).not.toContain('wechat-message:');

      expect((await api(base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);

      const file = await fetchRaw(base, `/api/cases/${caseId}/attachments/0`, agent.token);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/^image\//);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

      // Someone else's case: another agent does not even see it (404, as for no case). A supervisor may open it.
      const notMine = await api(base, 'GET', `/api/cases/${caseId}/attachments/0`, other.token);
      expect(notMine).toMatchObject({ status: 404, body: { error: { code: 'CaseNotFound' } } });
      expect((await fetchRaw(base, `/api/cases/${caseId}/attachments/0`, boss.token)).status).toBe(200);

      for (const bad of ['1', '99', 'abc', '-1', '0.5']) {
        const answer = await api(base, 'GET', `/api/cases/${caseId}/attachments/${bad}`, agent.token);
        expect({ bad, status: answer.status, code: answer.body?.error?.code }).toEqual({ bad, status: 404, code: 'NoSuchAttachment' });
      }
      expect((await api(base, 'GET', `/api/cases/${caseId}/attachments/0`)).status).toBe(401);

      const audit = await api(base, 'GET', `/api/audit?caseId=${caseId}`, boss.token);
      const reveals = (audit.body.entries as { actor: string; action: string; detail?: unknown }[]).filter((e) => e.action === 'reveal');
      expect(reveals.map((e) => [e.actor, e.detail])).toEqual([
        [AGENT07.username, { attachment: 0 }],
        [BOSS.username, { attachment: 0 }],
      ]);
    } finally {
      world.stopAutoLogin();
      await desk?.stop();
    }
  });

  it('answers 503 with the reason when WeChat is not logged in on this instance', async () => {
    const world = new WechatMockWorld();
    world.autoLogin();
    let desk: Desk | undefined;
    try {
      desk = await startDesk({ wechaty: { puppet: world.puppet } });
      const { base } = desk;
      await waitUntil(() => desk!.app.wechat.status().login === 'logged-in', 10_000, 'the WeChat login');
      const agent = await logIn(base, AGENT07);
      const customer = world.customer('wx-attach-2', '钱先生');
      world.sendFile(customer, FileBox.fromBase64(PNG.toString('base64'), 'meter.png'));
      await world.waitForInbox(customer.id, 1, 20_000);
      world.say(customer, '转人工');
      // The queue notice's wording is not this test's business: the queued case is.
      const caseId = await queuedCaseOf(base, agent.token, 'wechat:wx-attach-2');
      expect((await api(base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);

      world.stopAutoLogin();
      await world.puppet.logout();
      await waitUntil(() => desk!.app.wechat.status().login !== 'logged-in', 10_000, 'the logout');
      const answer = await api(base, 'GET', `/api/cases/${caseId}/attachments/0`, agent.token);
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'ChannelUnavailable' } } });
      expect(answer.body.error.message).toMatch(/not logged in|not available/);
    } finally {
      world.stopAutoLogin();
      await desk?.stop();
    }
  });

  it('on web chat: a link answers its address, a file the channel kept no copy of answers 404 with the reason', async () => {
    const desk = await startDesk();
    try {
      const agent = await logIn(desk.base, AGENT07);
      // Plain Direct Line calls: DirectLineJS would upload a file (…/upload), which web chat does not take yet.
      const { token, conversationId, userId } = await generateToken(desk.base);
      const opened = await fetch(`${desk.base}/v3/directline/conversations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(opened.status).toBeLessThan(300);
      const post = async (activity: Record<string, unknown>) => {
        const res = await fetch(`${desk.base}/v3/directline/conversations/${conversationId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', from: { id: userId }, ...activity }),
        });
        expect(res.status).toBe(200);
      };
      await post({ text: 'https://files.example/bill-screenshot.png' });
      await post({ attachments: [{ contentType: 'application/pdf', name: 'contract.pdf' }] });
      await post({ text: '转人工' });
      const caseId = await queuedCaseOf(desk.base, agent.token, conversationId);
      const detail = await api(desk.base, 'GET', `/api/cases/${caseId}`, agent.token);
      expect(
        detail.body.attachments.map((a: { kind: string; channel: string; viewable: boolean }) => [a.kind, a.channel, a.viewable]),
      ).toEqual([
        ['link', 'web', true],
        ['file', 'web', false],
      ]);
      expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
      expect(await api(desk.base, 'GET', `/api/cases/${caseId}/attachments/0`, agent.token)).toMatchObject({
        status: 200,
        body: { url: 'https://files.example/bill-screenshot.png' },
      });
      expect(await api(desk.base, 'GET', `/api/cases/${caseId}/attachments/1`, agent.token)).toMatchObject({
        status: 404,
        body: { error: { code: 'AttachmentNotStored', message: '网页渠道暂不支持附件上传' } },
      });
    } finally {
      await desk.stop();
    }
  });
});
