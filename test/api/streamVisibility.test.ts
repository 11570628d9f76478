import type { StaffEvent } from '../../src/domain/staffEvents';
import { api, AGENT07, BOSS, Console, Customer, logIn, queuedCaseOf, startDesk, type Desk, type StaffSession } from './caseHelpers';

/**
 * Who sees what on /api/stream, end to end: two agents and a supervisor connected, a web customer
 * on DirectLineJS. The queue is live for every agent; once a case is an agent's, other agents hear
 * only that it left the queue; what is said on a case (customer and agent messages, the
 * supervisor's private notes, the transcript) reaches its owner and supervisors only, and follows
 * the case when it is transferred.
 */
const AGENT08 = { username: 'agent08', password: 'pass-08-secret' };
const USERS = `agent07:agent:${AGENT07.password},agent08:agent:${AGENT08.password},boss:supervisor:${BOSS.password}`;

describe('/api/stream: each console sees what its principal may', () => {
  let desk: Desk;
  let a: StaffSession;
  let b: StaffSession;
  let boss: StaffSession;
  let consoleA: Console;
  let consoleB: Console;
  let consoleBoss: Console;
  const customers: Customer[] = [];

  beforeAll(async () => {
    desk = await startDesk({ env: { BOOTSTRAP_USERS: USERS } });
    a = await logIn(desk.base, AGENT07);
    b = await logIn(desk.base, AGENT08);
    boss = await logIn(desk.base, BOSS);
    [consoleA, consoleB, consoleBoss] = await Promise.all([a, b, boss].map((s) => Console.open(desk.base, s.token)));
  });

  afterAll(async () => {
    for (const c of customers) c.end();
    for (const c of [consoleA, consoleB, consoleBoss]) c?.close();
    await desk?.stop();
  });

  const said = (caseId: string) => (e: StaffEvent) => e.id === caseId && (e.resource === 'message' || e.resource === 'note');
  const statusIs = (caseId: string, status: string) => (e: StaffEvent) =>
    e.resource === 'case' && e.type === 'status' && e.id === caseId && e.payload.status === status;

  it('queue events reach everyone; messages and notes on agent A’s case reach A and the supervisor, not agent B', async () => {
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    await customer.say('转人工');
    await customer.expectMessage((t) => t.includes('排在第'), 'the queue notice');
    const caseId = await queuedCaseOf(desk.base, a.token, customer.conversationId);

    // Queued: every console hears of it; the transcript goes to the supervisor only (nobody owns the case yet).
    for (const c of [consoleA, consoleB, consoleBoss]) await c.waitForEvent(statusIs(caseId, 'queued'), 'queued status');
    const initiateOf = (c: Console) => c.waitForEvent((e) => e.type === 'handoff.initiate' && e.id === caseId, 'handoff.initiate');
    expect((await initiateOf(consoleBoss)).payload.transcript).toBeDefined();
    for (const c of [consoleA, consoleB]) {
      const initiate = await initiateOf(c);
      expect(initiate.payload).toMatchObject({ caseId, reasons: expect.arrayContaining(['asked']) });
      expect(initiate.payload.transcript).toBeUndefined();
    }

    // A claims: A and the supervisor see the case become A's; B only that it left the queue.
    const bBeforeClaim = consoleB.events.length;
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, a.token)).status).toBe(200);
    for (const c of [consoleA, consoleBoss]) {
      const active = await c.waitForEvent(statusIs(caseId, 'active'), 'active status');
      expect(active.payload.owner).toBe('agent07');
    }
    expect((await consoleB.waitForEvent(statusIs(caseId, 'active'), 'the case leaving the queue, on B')).payload).toEqual({
      status: 'active',
      previous: 'queued',
    });

    // The customer writes, A answers, the supervisor whispers to A.
    await customer.say('我的号码 13812345678 一直被多扣费');
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, a.token, { text: '马上帮您查' })).status).toBe(201);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/notes`, boss.token, { text: '这位客户上月投诉过，先安抚' })).status).toBe(
      201,
    );
    for (const c of [consoleA, consoleBoss]) {
      const customerLine = await c.waitForEvent(
        (e) => e.resource === 'message' && e.id === caseId && e.payload.from === 'customer',
        'the customer message',
      );
      expect(customerLine.payload.text).toContain('一直被多扣费');
      expect(customerLine.payload.text).not.toContain('13812345678');
      await c.waitForEvent((e) => e.resource === 'message' && e.id === caseId && e.payload.from === 'agent', 'the agent message');
      await c.waitForEvent((e) => e.resource === 'note' && e.id === caseId && e.payload.text === '这位客户上月投诉过，先安抚', 'the note');
    }

    // A transfers the case to B: a status change everyone sees. Events arrive in publish order, so
    // once B has it, B would already have had the message and the note if they had been sent.
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/transfer`, a.token, { to: 'agent08' })).status).toBe(200);
    for (const c of [consoleA, consoleB, consoleBoss]) {
      await c.waitForEvent(
        (e) => e.resource === 'case' && e.type === 'status' && e.id === caseId && e.payload.owner === 'agent08',
        'the transfer',
      );
    }
    expect(consoleB.events.filter(said(caseId))).toEqual([]);
    expect(JSON.stringify(consoleB.events)).not.toContain('一直被多扣费');
    // While the case was A's, B got nothing about it but the claim's "left the queue": no owner, ticket, text or reasons.
    const bWhileA = consoleB.events.slice(bBeforeClaim).filter((e) => e.id === caseId && e.payload.owner !== 'agent08');
    expect(bWhileA).toEqual([
      { resource: 'case', type: 'status', id: caseId, payload: { status: 'active', previous: 'queued' }, streamId: expect.any(String) },
    ]);

    // Now B owns it: the customer's next line goes to B and the supervisor, no longer to A.
    const before = consoleA.events.length;
    await customer.say('还要等多久');
    for (const c of [consoleB, consoleBoss]) {
      await c.waitForEvent(
        (e) => e.resource === 'message' && e.id === caseId && e.payload.text === '还要等多久',
        'the next customer message',
      );
    }
    // A was told the case left its hands (the transfer), and hears nothing of it from then on.
    expect(consoleA.events.some((e) => e.id === caseId && e.payload.previousOwner === 'agent07' && e.payload.owner === 'agent08')).toBe(
      true,
    );
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/release`, b.token)).status).toBe(200);
    await consoleBoss.waitForEvent(statusIs(caseId, 'open'), 'the release, on the supervisor');
    await consoleB.waitForEvent(statusIs(caseId, 'open'), 'the release, on B (it was B’s)');
    expect(consoleA.events.slice(before).filter((e) => e.id === caseId)).toEqual([]);
  });
});
