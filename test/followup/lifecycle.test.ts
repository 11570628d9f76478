import { CaseService } from '../../src/cases/caseService';
import { WEB_CHANNEL } from '../../src/channels/web';
import type { Case } from '../../src/domain/case';
import type { CaseDraft } from '../../src/domain/caseIntake';
import { DEFAULT_RESPONSE_HOURS } from '../../src/domain/deadlines';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { DeadlineWatch, DEFAULT_FOLLOWUP_SETTINGS, FollowupService } from '../../src/followup';
import { createHandoffService } from '../../src/handoff';
import { createLogger } from '../../src/logging/logger';
import { MemoryStore } from '../../src/store/memoryStore';
import { api, AGENT07, BOSS, Console, Customer, logIn, queuedCaseOf, startDesk } from '../api/caseHelpers';

/** Same-matter window, repeat complaints, deadline watch and retention, on a real store and services. */
const logger = createLogger('silent');

function draft(overrides: Partial<CaseDraft> = {}): CaseDraft {
  return {
    channel: 'web',
    customerId: 'cust-1',
    conversationId: 'conv-1',
    issues: [{ category: 'billing_dispute', text: '10月多扣了80块', answers: {} }],
    slots: {},
    anger: 0.2,
    signals: [],
    escalationRisk: false,
    wantsHuman: false,
    summary: '10月多扣了80块',
    attachments: [],
    transcript: [{ from: 'customer', text: '10月多扣了80块', at: new Date().toISOString() }],
    ...overrides,
  };
}

function setup(clock: { now: Date }) {
  const store = new MemoryStore();
  const now = () => clock.now;
  const settings = { ...DEFAULT_FOLLOWUP_SETTINGS, warnMinutes: [30, 10] };
  const handoff = createHandoffService({ store, logger, now });
  const cases = new CaseService({ store, responseHours: DEFAULT_RESPONSE_HOURS, timeZone: 'Asia/Shanghai', followup: settings, now });
  const followup = new FollowupService({ store, logger, handoff, settings, now });
  handoff.setResolveFollowup(followup);
  const intake = followup.intakeFor(handoff.intakeFor(cases));
  const watch = new DeadlineWatch({ store, logger, settings, instanceId: 'test', now });
  const events: StaffEvent[] = [];
  void store.subscribe(STAFF_EVENTS_TOPIC, (e) => events.push(e as StaffEvent));
  return { store, handoff, intake, watch, events };
}

const AGENT = { username: 'agent07', role: 'agent' as const, agentNo: '07' };
const flush = () => new Promise((r) => setImmediate(r));

describe('same-matter window', () => {
  it('a return about the same category within REOPEN_HOURS lands on the same ticket, reopened and queued', async () => {
    const clock = { now: new Date('2026-11-21T08:00:00Z') };
    const { store, handoff, intake } = setup(clock);
    const first = await intake.accept(draft());
    await handoff.claim(first.case.id, AGENT);
    await handoff.resolve(first.case.id, AGENT, { cause: '计费错误', solution: '已退款' });

    clock.now = new Date('2026-11-22T20:00:00Z'); // 36 h later, from a new conversation
    const again = await intake.accept(
      draft({ conversationId: 'conv-2', transcript: [{ from: 'customer', text: '钱还是没退回来', at: clock.now.toISOString() }] }),
    );
    expect(again.receipt).toMatchObject({ ticketId: first.case.ticketId, existingTicket: true });
    expect(again.case.id).toBe(first.case.id);
    const stored = (await store.getCase(first.case.id))!;
    expect(stored).toMatchObject({ status: 'queued', conversationId: 'conv-2', reopened: true, handoffReasons: ['reopened'] });
    expect(stored.transcript.map((t) => t.text)).toContain('钱还是没退回来');
    expect((await store.listCases()).length).toBe(1);
  });

  it('after the window, or in another category, it is a new ticket (linked as a repeat)', async () => {
    const clock = { now: new Date('2026-11-21T08:00:00Z') };
    const { store, handoff, intake, events } = setup(clock);
    const first = await intake.accept(draft());
    await handoff.claim(first.case.id, AGENT);
    await handoff.resolve(first.case.id, AGENT, { cause: '计费错误', solution: '已退款' });

    clock.now = new Date('2026-11-25T08:00:00Z'); // 4 days later: outside 48 h, inside 30 days
    const second = await intake.accept(draft({ conversationId: 'conv-3' }));
    expect(second.receipt.existingTicket).toBeUndefined();
    expect(second.case.id).not.toBe(first.case.id);
    expect(second.case).toMatchObject({ repeat: true, repeatOf: first.case.id, linkedCaseIds: [first.case.id] });
    expect(second.case.signals).toContain('repeat');
    expect((await store.getCase(first.case.id))!.linkedCaseIds).toEqual([second.case.id]);
    await flush();
    expect(events.find((e) => e.resource === 'alert' && e.type === 'repeat-complaint')).toMatchObject({
      id: second.case.id,
      payload: { linkedTicketIds: [first.case.ticketId] },
    });

    const other = await intake.accept(
      draft({ conversationId: 'conv-4', issues: [{ category: 'product_quality', text: '信号差', answers: {} }] }),
    );
    expect(other.case.repeat).toBeUndefined();

    clock.now = new Date('2027-01-10T08:00:00Z'); // beyond REPEAT_DAYS
    const late = await intake.accept(draft({ conversationId: 'conv-5' }));
    expect(late.case.repeat).toBeUndefined();
  });
});

describe('deadline watch', () => {
  it('warns at each lead time once, records and announces the breach once', async () => {
    const clock = { now: new Date('2026-11-21T08:00:00Z') };
    const { store, intake, watch } = setup(clock);
    // service_attitude: first response within 1 hour.
    const { case: c } = await intake.accept(draft({ issues: [{ category: 'service_attitude', text: '营业员态度差', answers: {} }] }));
    expect(c.deadlines).toEqual({
      firstResponseDueAt: '2026-11-21T09:00:00.000Z',
      solutionDueAt: '2026-11-22T08:00:00.000Z',
      resultNoticeDueAt: '2026-11-23T08:00:00.000Z',
    });
    expect(await watch.scanOnce()).toEqual([]);
    clock.now = new Date('2026-11-21T08:35:00Z');
    const first = await watch.scanOnce();
    expect(first.map((e) => [e.type, e.payload.deadline, e.payload.leadMinutes])).toEqual([['deadline-warning', 'firstResponse', 30]]);
    expect(await watch.scanOnce()).toEqual([]);
    clock.now = new Date('2026-11-21T08:55:00Z');
    expect((await watch.scanOnce()).map((e) => e.payload.leadMinutes)).toEqual([10]);
    clock.now = new Date('2026-11-21T09:01:00Z');
    const breach = await watch.scanOnce();
    expect(breach).toEqual([expect.objectContaining({ resource: 'alert', type: 'deadline-breach', id: c.id })]);
    expect(await watch.scanOnce()).toEqual([]);
    const events = (await store.getCase(c.id))!.deadlineEvents!;
    expect(events.map((e) => `${e.kind}:${e.deadline}`)).toEqual([
      'warning:firstResponse',
      'warning:firstResponse',
      'breach:firstResponse',
    ]);
  });

  it('a claim meets the first response; a resolution with a delivered notice meets the others', async () => {
    const clock = { now: new Date('2026-11-21T08:00:00Z') };
    const { handoff, intake, watch } = setup(clock);
    handoff.channels.describe(WEB_CHANNEL);
    handoff.channels.connect('web', { delivery: { sendToConversation: async () => undefined } });
    const { case: c } = await intake.accept(draft());
    await handoff.claim(c.id, AGENT);
    clock.now = new Date('2026-11-22T07:55:00Z');
    expect((await watch.scanOnce()).map((e) => e.payload.deadline)).toEqual(['solution']);
    await handoff.resolve(c.id, AGENT, { cause: '计费错误', solution: '已退款' });
    clock.now = new Date('2026-11-24T08:00:00Z');
    expect(await watch.scanOnce()).toEqual([]);
  });

  it('deletes archived cases past retention and keeps the rest', async () => {
    const clock = { now: new Date('2026-11-21T08:00:00Z') };
    const { store, handoff, intake, watch } = setup(clock);
    const old = await intake.accept(draft());
    await handoff.claim(old.case.id, AGENT);
    await handoff.resolve(old.case.id, AGENT, { cause: '计费错误', solution: '已退款' });
    expect((await store.getCase(old.case.id))!.retainUntil).toBe('2029-11-20T08:00:00.000Z');
    const young = await intake.accept(draft({ customerId: 'cust-2', conversationId: 'conv-9' }));
    // A legacy resolved case without an archive stamp gets one from its resolution time.
    const legacy: Case = {
      ...young.case,
      id: 'legacy-1',
      ticketId: 'TS-LEGACY',
      status: 'resolved',
      resolution: { cause: 'x', solution: 'y', resolvedAt: '2026-11-21T08:00:00.000Z', resolvedBy: 'agent07' },
    };
    delete legacy.deadlines;
    await store.saveCase(legacy);
    clock.now = new Date('2029-11-21T08:00:00Z');
    const events = await watch.scanOnce();
    expect(events.filter((e) => e.type === 'deleted').map((e) => e.id)).toEqual([old.case.id]);
    expect(await store.getCase(old.case.id)).toBeUndefined();
    expect(await store.getCaseByTicket(old.case.ticketId)).toBeUndefined();
    expect((await store.getCase('legacy-1'))!.archivedAt).toBe('2026-11-21T08:00:00.000Z');
    expect(await store.getCase(young.case.id)).toBeDefined();
    await watch.scanOnce();
    expect(await store.getCase('legacy-1')).toBeUndefined();
  });
});

describe('deadline watch in the app', () => {
  it('pushes a warning and then a breach for a tiny deadline, once each, to the staff stream', async () => {
    const desk = await startDesk({
      env: { DEADLINE_HOURS: 'service_attitude=0.001,product_quality=0.001', DEADLINE_WARN_MINUTES: '0.05', DEADLINE_SCAN_SECONDS: '0.1' },
    });
    const boss = await logIn(desk.base, BOSS);
    const agent = await logIn(desk.base, AGENT07);
    const consoleSocket = await Console.open(desk.base, boss.token);
    const customer = await Customer.connect(desk.base);
    try {
      await customer.say('转人工'); // a bare request gets the shortest deadline: 0.001 h = 3.6 s
      const caseId = await queuedCaseOf(desk.base, agent.token, customer.conversationId);
      const warning = await consoleSocket.waitForEvent((e) => e.type === 'deadline-warning' && e.id === caseId, 'the warning');
      expect(warning).toMatchObject({ resource: 'alert', payload: { deadline: 'firstResponse', leadMinutes: 0.05 } });
      await consoleSocket.waitForEvent((e) => e.type === 'deadline-breach' && e.id === caseId, 'the breach');
      await new Promise((r) => setTimeout(r, 400));
      expect(
        consoleSocket.events.filter((e) => e.type === 'deadline-breach' && e.id === caseId && e.payload.deadline === 'firstResponse'),
      ).toHaveLength(1);
      const stored = (await desk.app.store.getCase(caseId))!;
      expect(stored.deadlineEvents?.some((e) => e.kind === 'breach' && e.deadline === 'firstResponse')).toBe(true);
      expect((await api(desk.base, 'GET', `/api/cases/${caseId}`, agent.token)).status).toBe(200);
    } finally {
      customer.end();
      consoleSocket.close();
      await desk.stop();
    }
  });
});
