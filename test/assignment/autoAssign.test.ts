import type { StaffEvent } from '../../src/domain/staffEvents';
import { api, Console, Customer, logIn, startDesk, waitForQueued, type Desk } from '../api/caseHelpers';

/**
 * Auto-assignment with the whole service: two agents with their consoles open (the staff stream
 * makes them online), customers on DirectLineJS asking for a person, offers as staff events,
 * and the agents taking them with the ordinary claim.
 */
const USERS = 'wang:agent:pass-wang-secret,li:agent:pass-li-secret,boss:supervisor:pass-boss-secret';
const WANG = { username: 'wang', password: 'pass-wang-secret' };
const LI = { username: 'li', password: 'pass-li-secret' };
const BOSS = { username: 'boss', password: 'pass-boss-secret' };

const offersTo = (console: Console, agent: string) =>
  console.events.filter((e: StaffEvent) => e.resource === 'case' && e.type === 'offered' && e.payload.agent === agent).map((e) => e.id);

describe('auto-assignment', () => {
  let desk: Desk;
  const customers: Customer[] = [];
  const consoles: Console[] = [];
  let tokens: Record<'wang' | 'li' | 'boss', string>;

  const start = async (env: Record<string, string>) => {
    desk = await startDesk({ env: { BOOTSTRAP_USERS: USERS, ASSIGN_SCAN_SECONDS: '0.2', ...env } });
    tokens = {
      wang: (await logIn(desk.base, WANG)).token,
      li: (await logIn(desk.base, LI)).token,
      boss: (await logIn(desk.base, BOSS)).token,
    };
  };
  const open = async (token: string) => {
    const c = await Console.open(desk.base, token);
    consoles.push(c);
    return c;
  };
  const queueCustomer = async () => {
    const c = await Customer.connect(desk.base);
    customers.push(c);
    await c.say('转人工');
    return c;
  };
  const claim = (token: string, id: string) => api(desk.base, 'POST', `/api/cases/${id}/claim`, token);

  afterEach(async () => {
    for (const c of customers.splice(0)) c.end();
    for (const c of consoles.splice(0)) c.close();
    await desk?.stop();
  });

  it('two agents with capacity 2 and five customers: two each, the fifth goes to whoever frees a slot first', async () => {
    await start({ AGENT_MAX_CASES: '2', ASSIGN_ACCEPT_SECONDS: '30' });
    const wang = await open(tokens.wang);
    const li = await open(tokens.li);
    const board = await open(tokens.boss);
    for (let i = 0; i < 5; i++) await queueCustomer();
    await waitForQueued(desk.base, tokens.boss, 5);

    // Each agent is offered two, and takes them.
    const started = Date.now();
    await wang.waitForEvent(() => offersTo(wang, 'wang').length >= 2, 'two offers to wang');
    await li.waitForEvent(() => offersTo(li, 'li').length >= 2, 'two offers to li');
    console.info(`queue to offers (2 agents × 2): ${Date.now() - started} ms`);
    for (const id of offersTo(wang, 'wang')) expect((await claim(tokens.wang, id)).status).toBe(200);
    for (const id of offersTo(li, 'li')) expect((await claim(tokens.li, id)).status).toBe(200);
    // Nobody is offered more than their capacity, and no case went to both.
    await new Promise((r) => setTimeout(r, 800));
    expect(new Set(offersTo(board, 'wang'))).toEqual(new Set(offersTo(wang, 'wang')));
    expect(offersTo(board, 'wang')).toHaveLength(2);
    expect(offersTo(board, 'li')).toHaveLength(2);
    expect(offersTo(board, 'wang').filter((id) => offersTo(board, 'li').includes(id))).toEqual([]);
    const fifth = (await api(desk.base, 'GET', '/api/cases?status=queued', tokens.boss)).body as { id: string }[];
    expect(fifth).toHaveLength(1);

    const agents = (await api(desk.base, 'GET', '/api/supervisor/agents', tokens.boss)).body;
    expect(agents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'wang', presence: 'online', openCases: 2, maxCases: 2 }),
        expect.objectContaining({ name: 'li', presence: 'online', openCases: 2, maxCases: 2 }),
      ]),
    );

    // li resolves one: the fifth is offered to li, the one with a free slot.
    const resolved = await api(desk.base, 'POST', `/api/cases/${offersTo(li, 'li')[0]}/resolve`, tokens.li, {
      cause: '已核实',
      solution: '已处理完毕',
    });
    expect(resolved.status).toBe(200);
    await li.waitForEvent((e) => e.type === 'offered' && e.id === fifth[0].id && e.payload.agent === 'li', 'the fifth offered to li');
    expect(offersTo(board, 'wang')).toHaveLength(2);
  }, 90_000);

  it('an agent who is away gets no case; an offer not taken moves on; a supervisor can pause it', async () => {
    await start({ AGENT_MAX_CASES: '3', ASSIGN_ACCEPT_SECONDS: '1' });
    const wang = await open(tokens.wang);
    const li = await open(tokens.li);
    const board = await open(tokens.boss);
    expect((await api(desk.base, 'PUT', '/api/me/presence', tokens.li, { status: 'away' })).status).toBe(200);
    expect((await api(desk.base, 'PUT', '/api/me/presence', tokens.li, { status: 'asleep' })).status).toBe(400);

    await queueCustomer();
    const [caseId] = await waitForQueued(desk.base, tokens.boss, 1);
    await wang.waitForEvent((e) => e.type === 'offered' && e.id === caseId, 'the offer to wang');
    expect(offersTo(board, 'li')).toEqual([]);
    expect((await api(desk.base, 'GET', '/api/supervisor/agents', tokens.boss)).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'li', presence: 'away' })]),
    );

    // li comes back; wang lets the offer pass: after a second it goes to li.
    await api(desk.base, 'PUT', '/api/me/presence', tokens.li, { status: 'online' });
    await li.waitForEvent((e) => e.type === 'offered' && e.id === caseId && e.payload.agent === 'li', 'the offer moving on to li', 8_000);

    // Paused: nothing more is offered, even after offers run out.
    expect((await api(desk.base, 'PUT', '/api/supervisor/assignment', tokens.boss, { paused: true })).body).toEqual({
      enabled: true,
      paused: true,
    });
    expect((await api(desk.base, 'PUT', '/api/supervisor/assignment', tokens.wang, { paused: false })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 1500));
    const before = board.events.filter((e) => e.type === 'offered').length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(board.events.filter((e) => e.type === 'offered').length).toBe(before);

    // A supervisor's own limit for one agent shows on the board; a non-agent name is a 404.
    expect((await api(desk.base, 'PUT', '/api/supervisor/agents/wang', tokens.boss, { maxCases: 5 })).body).toMatchObject({
      name: 'wang',
      maxCases: 5,
    });
    expect((await api(desk.base, 'PUT', '/api/supervisor/agents/boss', tokens.boss, { maxCases: 5 })).status).toBe(404);
    expect((await api(desk.base, 'PUT', '/api/supervisor/agents/wang', tokens.boss, { maxCases: 0 })).status).toBe(400);
    // Closing the console makes the agent 离线.
    wang.close();
    await new Promise((r) => setTimeout(r, 300));
    const after = (await api(desk.base, 'GET', '/api/supervisor/agents', tokens.boss)).body as { name: string; presence: string }[];
    expect(after.find((a) => a.name === 'wang')?.presence).toBe('offline');
  }, 90_000);
});
