import type { Case } from '../../src/domain/case';
import { makeCase } from '../handoff/caseFactory';
import { api, AGENT07, BOSS, Console, logIn, startDesk, type Desk, type StaffSession } from './caseHelpers';

/**
 * Who may see which case, on the running service: agent A's case is A's and the supervisor's
 * only. Agent B gets, on every route that returns or acts on a case, the very answer a case id
 * that does not exist gets (404 CaseNotFound), so it learns nothing, not even that the ticket
 * exists; B still sees the queue and its own cases; the supervisor sees everything.
 */
const AGENT08 = { username: 'agent08', password: 'pass-08-secret' };
const USERS = `agent07:agent:${AGENT07.password},agent08:agent:${AGENT08.password},boss:supervisor:${BOSS.password}`;
const SECRET_LINE = '我家住在朝阳区幸福里 8 号楼，电话 13812345678';

describe('case access: an agent sees its own cases and the queue, a supervisor all', () => {
  let desk: Desk;
  let a: StaffSession;
  let b: StaffSession;
  let boss: StaffSession;
  let consoleB: Console;
  const seeded = {} as Record<'ofA' | 'queued' | 'withBot' | 'resolvedByB' | 'resolvedByA', Case>;

  beforeAll(async () => {
    desk = await startDesk({ env: { BOOTSTRAP_USERS: USERS } });
    [a, b, boss] = await Promise.all([logIn(desk.base, AGENT07), logIn(desk.base, AGENT08), logIn(desk.base, BOSS)]);
    const at = new Date().toISOString();
    seeded.ofA = makeCase({
      slots: { phone: '13812345678' },
      transcript: [{ from: 'customer', text: SECRET_LINE, at }],
      attachments: [{ kind: 'link', ref: 'https://example.invalid/bill.png', receivedAt: at }],
    });
    seeded.queued = makeCase();
    seeded.withBot = makeCase({ status: 'open', queuedAt: undefined });
    seeded.resolvedByB = makeCase({ status: 'resolved', owner: 'agent08', ownerAgentNo: '02' });
    seeded.resolvedByA = makeCase({ status: 'resolved', owner: 'agent07', ownerAgentNo: '01' });
    for (const c of Object.values(seeded)) await desk.app.store.saveCase(c);
    consoleB = await Console.open(desk.base, b.token);
    // A takes its case from the queue, through the API like any agent.
    expect((await api(desk.base, 'POST', `/api/cases/${seeded.ofA.id}/claim`, a.token, {})).status).toBe(200);
  });

  afterAll(async () => {
    consoleB?.close();
    await desk?.stop();
  });

  /** Every route that returns or acts on one case, with a body it would accept. */
  const caseRoutes = (id: string): [method: 'GET' | 'POST', path: string, body?: unknown][] => [
    ['GET', `/api/cases/${id}`],
    ['GET', `/api/cases/${id}/assist`],
    ['GET', `/api/cases/${id}/attachments/0`],
    ['POST', `/api/cases/${id}/claim`, {}],
    ['POST', `/api/cases/${id}/release`, {}],
    ['POST', `/api/cases/${id}/transfer`, { to: 'agent08' }],
    ['POST', `/api/cases/${id}/resolve`, { cause: '计费系统错误', solution: '已退还' }],
    ['POST', `/api/cases/${id}/messages`, { text: '您好，我是接手的客服' }],
    ['POST', `/api/cases/${id}/reveal`, { field: 'phone' }],
  ];

  it('gives agent B, on every case route, for A’s case the answer of a case that does not exist', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [method, path, body] of caseRoutes(seeded.ofA.id)) {
      const answer = await api(desk.base, method, path, b.token, body);
      const nothing = await api(desk.base, method, path.replace(seeded.ofA.id, unknown), b.token, body);
      expect({ path, status: answer.status, code: answer.body?.error?.code }).toEqual({ path, status: 404, code: 'CaseNotFound' });
      expect(answer.body.error.message.replace(seeded.ofA.id, 'ID')).toBe(nothing.body.error.message.replace(unknown, 'ID'));
      expect(JSON.stringify(answer.body)).not.toMatch(/agent07|13812345678|幸福里/);
    }
    // The supervisors' routes are refused by role first (the same 403 for any id).
    for (const path of ['takeover', 'assign', 'notes']) {
      const answer = await api(desk.base, 'POST', `/api/cases/${seeded.ofA.id}/${path}`, b.token, { agent: 'agent08', text: '看一下' });
      expect(answer.status).toBe(403);
    }
    // Nothing B tried happened: the case is still A's, active, and the audit log has no entry of B's on it.
    const after = await api(desk.base, 'GET', `/api/cases/${seeded.ofA.id}`, boss.token);
    expect(after.body).toMatchObject({ status: 'active', owner: 'agent07' });
    expect(after.body.transcript.some((t: { from: string }) => t.from === 'agent')).toBe(false);
    const audit = await api(desk.base, 'GET', `/api/audit?caseId=${seeded.ofA.id}`, boss.token);
    expect(audit.body.entries.map((e: { actor: string; action: string }) => `${e.actor}:${e.action}`)).toEqual(['agent07:claim']);
  });

  it('lists for agent B the queue and its own cases only, whatever status it asks for', async () => {
    const ids = async (token: string, query = '') =>
      ((await api(desk.base, 'GET', `/api/cases${query}`, token)).body as { id: string }[]).map((c) => c.id).sort();
    expect(await ids(b.token)).toEqual([seeded.queued.id, seeded.resolvedByB.id].sort());
    expect(await ids(b.token, '?status=active')).toEqual([]);
    expect(await ids(b.token, '?status=open')).toEqual([]);
    expect(await ids(b.token, '?status=queued')).toEqual([seeded.queued.id]);
    expect(await ids(a.token)).toEqual([seeded.ofA.id, seeded.queued.id, seeded.resolvedByA.id].sort());
    expect(await ids(boss.token)).toEqual(
      Object.values(seeded)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('lets agent B open a queued case and its own, and not one with the bot or resolved by someone else', async () => {
    for (const c of [seeded.queued, seeded.resolvedByB]) {
      expect((await api(desk.base, 'GET', `/api/cases/${c.id}`, b.token)).status).toBe(200);
      expect((await api(desk.base, 'GET', `/api/cases/${c.id}/assist`, b.token)).status).toBe(200);
    }
    for (const c of [seeded.withBot, seeded.resolvedByA]) {
      expect((await api(desk.base, 'GET', `/api/cases/${c.id}`, b.token)).status).toBe(404);
    }
    // Seeing a queued case is not owning it: the personal data stays behind the claim.
    expect((await api(desk.base, 'POST', `/api/cases/${seeded.queued.id}/reveal`, b.token, { field: 'phone' })).body.error.code).toBe(
      'NotOwner',
    );
  });

  it('gives the owner and the supervisor A’s case in full', async () => {
    for (const token of [a.token, boss.token]) {
      const detail = await api(desk.base, 'GET', `/api/cases/${seeded.ofA.id}`, token);
      expect(detail.status).toBe(200);
      expect(detail.body.transcript.map((t: { text: string }) => t.text).join('\n')).toContain('朝阳区幸福里');
      expect((await api(desk.base, 'GET', `/api/cases/${seeded.ofA.id}/assist`, token)).status).toBe(200);
      expect((await api(desk.base, 'POST', `/api/cases/${seeded.ofA.id}/reveal`, token, { field: 'phone' })).body).toEqual({
        field: 'phone',
        value: '13812345678',
      });
      expect((await api(desk.base, 'GET', `/api/cases/${seeded.ofA.id}/attachments/0`, token)).body).toEqual({
        url: 'https://example.invalid/bill.png',
      });
    }
    expect((await api(desk.base, 'GET', `/api/cases/${seeded.withBot.id}`, boss.token)).status).toBe(200);
  });

  it('sends agent B’s stream nothing about A’s case but that it left the queue', async () => {
    // The claim in beforeAll, then messages, a note and a resolve on A's case; then a marker B may see.
    expect((await api(desk.base, 'POST', `/api/cases/${seeded.ofA.id}/notes`, boss.token, { text: '客户住幸福里，先安抚' })).status).toBe(
      201,
    );
    await api(desk.base, 'POST', `/api/cases/${seeded.ofA.id}/messages`, a.token, { text: '您好，马上为您核对' });
    expect(
      (await api(desk.base, 'POST', `/api/cases/${seeded.ofA.id}/resolve`, a.token, { cause: '重复计费', solution: '已退还 30 元' }))
        .status,
    ).toBe(200);
    const marker = makeCase();
    await desk.app.store.saveCase(marker);
    expect((await api(desk.base, 'POST', `/api/cases/${marker.id}/claim`, b.token, {})).status).toBe(200);
    await consoleB.waitForEvent((e) => e.id === marker.id && e.type === 'status' && e.payload.owner === 'agent08', 'B’s own claim');

    const aboutA = consoleB.events.filter((e) => e.id === seeded.ofA.id || JSON.stringify(e).includes(seeded.ofA.ticketId));
    expect(aboutA).toEqual([
      {
        resource: 'case',
        type: 'status',
        id: seeded.ofA.id,
        payload: { status: 'active', previous: 'queued' },
        streamId: expect.any(String),
      },
    ]);
    expect(JSON.stringify(consoleB.events)).not.toMatch(/幸福里|13812345678|重复计费/);
  });
});
