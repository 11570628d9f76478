import { formatDeadline } from '../../dialogs/deskTime';
import { StaffPresence } from '../../src/handoff/staffPresence';
import { waitFor } from '../channels/web/helpers/webServer';
import {
  AGENT07,
  BOSS,
  Console,
  Customer,
  logIn,
  NO_AGENT_ONLINE,
  queuedCaseOf,
  startDesk,
  textOf,
  type Desk,
  type StaffSession,
} from './caseHelpers';

/**
 * The queue notice tells the truth about who is there: with no agent's console open on
 * /api/stream (3 a.m., a holiday), no place-and-minutes estimate but the fact, that messages are
 * kept, and the deadline for an answer; the duty supervisor gets an alert. With an agent's
 * console open, the place in the queue and a rough wait.
 */
describe('queue notice and staff presence', () => {
  let desk: Desk;
  let agent: StaffSession;
  let boss: StaffSession;
  const customers: Customer[] = [];
  const consoles: Console[] = [];

  beforeAll(async () => {
    desk = await startDesk();
    [agent, boss] = await Promise.all([logIn(desk.base, AGENT07), logIn(desk.base, BOSS)]);
  });
  afterAll(async () => {
    for (const c of customers) c.end();
    for (const c of consoles) c.close();
    await desk?.stop();
  });

  async function customer(): Promise<Customer> {
    const c = await Customer.connect(desk.base);
    customers.push(c);
    return c;
  }

  const onlineAgents = () => new StaffPresence(desk.app.store).onlineAgents();

  it('with no staff socket open: no one online, messages kept, the deadline, no minutes', async () => {
    expect(await onlineAgents()).toBe(0);
    const c = await customer();
    await c.say('转人工');
    await c.expectMessage((t) => t.includes('工单号'), 'the request is recorded');
    const notice = textOf(await c.expectMessage((t) => t.includes(NO_AGENT_ONLINE), 'the no-one-online notice'));
    const caseId = await queuedCaseOf(desk.base, agent.token, c.conversationId);
    const stored = (await desk.app.store.getCase(caseId))!;
    expect(notice).toContain('留言');
    expect(notice).toContain(`同事会在 ${formatDeadline(stored.responseDueAt, 'Asia/Shanghai')}答复您`);
    expect(notice).not.toMatch(/分钟|排在第|预计/);

    // Each message while waiting: kept, and still the truth.
    await c.say('我家宽带断了三天了');
    const waiting = textOf(await c.expectMessage((t) => t.startsWith('留言已收到'), 'the waiting notice'));
    expect(waiting).toContain(NO_AGENT_ONLINE);
    expect(waiting).toContain(formatDeadline(stored.responseDueAt, 'Asia/Shanghai'));
    expect(waiting).not.toMatch(/分钟|排在第/);
  });

  it('a supervisor watching is not an agent: the customer hears no one is online, the supervisor gets the alert', async () => {
    const bossConsole = await Console.open(desk.base, boss.token);
    consoles.push(bossConsole);
    expect(await onlineAgents()).toBe(0);
    const c = await customer();
    await c.say('转人工');
    await c.expectMessage((t) => t.includes(NO_AGENT_ONLINE), 'the no-one-online notice');
    const caseId = await queuedCaseOf(desk.base, boss.token, c.conversationId);
    const stored = (await desk.app.store.getCase(caseId))!;
    const alert = await bossConsole.waitForEvent(
      (e) => e.resource === 'alert' && e.type === 'no-agent-online' && e.id === caseId,
      'the no-agent-online alert',
    );
    expect(alert.payload).toEqual({ ticketId: stored.ticketId });
    bossConsole.close();
  });

  it('with an agent’s /api/stream open: the place in the queue and a rough wait; presence goes when the socket closes', async () => {
    const agentConsole = await Console.open(desk.base, agent.token);
    consoles.push(agentConsole);
    expect(await onlineAgents()).toBe(1);
    const c = await customer();
    await c.say('转人工');
    const notice = textOf(await c.expectMessage((t) => t.includes('排在第'), 'the queue notice'));
    expect(notice).toMatch(/排在第 \d+ 位，预计还要等大约 \d+ 分钟/);
    expect(notice).not.toContain(NO_AGENT_ONLINE);
    await c.say('还要多久');
    const waiting = textOf(await c.expectMessage((t) => t.startsWith('留言已收到'), 'the waiting notice'));
    expect(waiting).toMatch(/排在第 \d+ 位，预计还要等大约 \d+ 分钟/);
    const caseId = await queuedCaseOf(desk.base, agent.token, c.conversationId);
    await new Promise((r) => setTimeout(r, 300));
    expect(agentConsole.events.some((e) => e.type === 'no-agent-online' && e.id === caseId)).toBe(false);

    // The agent closes the console: no longer online, and the next customer hears the truth again.
    agentConsole.close();
    await waitFor(async () => ((await onlineAgents()) === 0 ? true : undefined), 5_000, 'presence removed after the socket closed');
    const later = await customer();
    await later.say('转人工');
    const after = textOf(await later.expectMessage((t) => t.includes(NO_AGENT_ONLINE) || t.includes('排在第'), 'the queue notice'));
    expect(after).toContain(NO_AGENT_ONLINE);
    expect(after).not.toMatch(/分钟/);
  });
});
