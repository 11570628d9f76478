import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { customerTypingEvent } from '../../src/handoff/typingRelay';
import { visibleTo } from '../../src/http/api/streamVisibility';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { AGENT, startStaffApp, SUPERVISOR, tokenFor, type RunningApp } from './authHelpers';
import { connect, waitFor, wsUrl } from './streamHelpers';

const EVENT: StaffEvent = { resource: 'case', type: 'created', id: 'case-1', payload: { status: 'queued', ticketId: 'TS-20250101-0001' } };

describe('/api/stream', () => {
  let running: RunningApp;
  let token: string;
  beforeAll(async () => {
    running = await startStaffApp();
    token = await tokenFor(running.base, AGENT);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('pushes each StaffEvent published on the store, as is, to a console with ?token=', async () => {
    const client = connect(wsUrl(running.base, `/api/stream?token=${token}`));
    const ws = await client.opened;
    try {
      await running.app.store.publish(STAFF_EVENTS_TOPIC, EVENT);
      // A message on the agent's own case (one on somebody else's is not theirs: see visibleTo below).
      const message = { resource: 'message', type: 'customer', id: 'case-1', payload: { from: 'customer', owner: AGENT.username } };
      await running.app.store.publish(STAFF_EVENTS_TOPIC, message);
      await waitFor(() => (client.messages.length >= 2 ? true : undefined));
      expect(client.messages).toEqual([EVENT, message]);
    } finally {
      ws.close();
    }
  });

  it('takes the token from the subprotocol (browsers) or the Authorization header, and answers with the bearer protocol', async () => {
    const supervisorToken = await tokenFor(running.base, SUPERVISOR);
    const browser = connect(wsUrl(running.base, '/api/stream'), { protocols: ['bearer', supervisorToken] });
    const node = connect(wsUrl(running.base, '/api/stream'), { headers: { Authorization: `Bearer ${token}` } });
    const [a, b] = await Promise.all([browser.opened, node.opened]);
    try {
      expect(a.protocol).toBe('bearer');
      await running.app.store.publish(STAFF_EVENTS_TOPIC, EVENT);
      await waitFor(() => (browser.messages.length && node.messages.length ? true : undefined));
      expect(browser.messages).toEqual([EVENT]);
      expect(node.messages).toEqual([EVENT]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses an upgrade without a token, with a bad one, or with a customer Direct Line token (401)', async () => {
    await expect(connect(wsUrl(running.base, '/api/stream')).opened).rejects.toMatchObject({ status: 401 });
    await expect(connect(wsUrl(running.base, '/api/stream?token=forged.token.here')).opened).rejects.toMatchObject({ status: 401 });
    const generated = (await (await fetch(`${running.base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
      token: string;
    };
    await expect(connect(wsUrl(running.base, `/api/stream?token=${generated.token}`)).opened).rejects.toMatchObject({ status: 401 });
  });

  it('drops published messages that are not StaffEvents instead of forwarding them', async () => {
    const client = connect(wsUrl(running.base, `/api/stream?token=${token}`));
    const ws = await client.opened;
    try {
      await running.app.store.publish(STAFF_EVENTS_TOPIC, { resource: 'case', phone: '13812345678' });
      await running.app.store.publish(STAFF_EVENTS_TOPIC, EVENT);
      await waitFor(() => (client.messages.length ? true : undefined));
      expect(client.messages).toEqual([EVENT]);
    } finally {
      ws.close();
    }
  });

  it('leaves the Direct Line stream on the same server working', async () => {
    const generated = (await (await fetch(`${running.base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
      token: string;
    };
    const started = await fetch(`${running.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${generated.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(started.status).toBe(201);
    const { streamUrl } = (await started.json()) as { streamUrl: string };
    const customer = connect(streamUrl);
    const ws = await customer.opened;
    ws.close();
  });

  it('closes consoles cleanly when the service stops', async () => {
    const own = await startStaffApp();
    const client = connect(wsUrl(own.base, `/api/stream?token=${await tokenFor(own.base, AGENT)}`));
    const ws = await client.opened;
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await own.stop();
    expect(await closed).toBe(1001);
  });
});

describe('visibleTo: what one console may see of an event', () => {
  const a = { username: 'agent07', role: 'agent' as const };
  const b = { username: 'agent08', role: 'agent' as const };
  const boss = { username: 'boss', role: 'supervisor' as const };
  const message: StaffEvent = {
    resource: 'message',
    type: 'created',
    id: 'c1',
    payload: { from: 'customer', text: '电话 138****5678', owner: 'agent07' },
  };
  const note: StaffEvent = { resource: 'note', type: 'created', id: 'c1', payload: { text: '先别退款', by: 'boss', owner: 'agent07' } };
  const status: StaffEvent = {
    resource: 'case',
    type: 'status',
    id: 'c1',
    payload: { status: 'active', owner: 'agent07', ticketId: 'TS-1', previous: 'queued', previousOwner: null },
  };
  const initiate: StaffEvent = {
    resource: 'case',
    type: 'handoff.initiate',
    id: 'c2',
    payload: { caseId: 'c2', priority: 40, status: 'queued', owner: null, transcript: [{ from: 'user', text: '转人工' }] },
  };

  it('gives supervisors everything', () => {
    for (const e of [message, note, status, initiate]) expect(visibleTo(boss, e)).toBe(e);
  });

  it('gives an agent its own cases whole, and what was said on its own cases only', () => {
    expect(visibleTo(a, message)).toBe(message);
    expect(visibleTo(a, note)).toBe(note);
    expect(visibleTo(a, status)).toBe(status);
    expect(visibleTo(b, message)).toBeUndefined();
    expect(visibleTo(b, note)).toBeUndefined();
    expect(visibleTo(b, { ...message, payload: { ...message.payload, owner: null } })).toBeUndefined();
    expect(visibleTo(b, { ...message, payload: { from: 'customer', text: 'x' } })).toBeUndefined();
  });

  it("gives the customer's typing on a case to its owner and supervisors only", () => {
    const typing = customerTypingEvent({ id: 'c1', owner: 'agent07', status: 'active', ticketId: 'TS-1' });
    expect(visibleTo(a, typing)).toBe(typing);
    expect(visibleTo(boss, typing)).toBe(typing);
    expect(visibleTo(b, typing)).toBeUndefined();
  });

  it('gives an agent a queued case without its text-bearing fields', () => {
    expect(visibleTo(a, initiate)).toEqual({
      resource: 'case',
      type: 'handoff.initiate',
      id: 'c2',
      payload: { caseId: 'c2', priority: 40, status: 'queued', owner: null },
    });
    expect(initiate.payload.transcript).toBeDefined(); // the original is untouched for the next console
    const queuedStall: StaffEvent = {
      resource: 'alert',
      type: 'stall',
      id: 'c2',
      payload: { status: 'queued', owner: null, text: '客户说了什么', media: [{ kind: 'image' }], score: 80 },
    };
    expect(visibleTo(b, queuedStall)).toEqual({
      resource: 'alert',
      type: 'stall',
      id: 'c2',
      payload: { status: 'queued', owner: null, score: 80 },
    });
  });

  it('gives an agent nothing about another agent’s case but that it left the queue', () => {
    // The claim: B's queue drops the case, and learns neither the owner nor the ticket.
    expect(visibleTo(b, status)).toEqual({ resource: 'case', type: 'status', id: 'c1', payload: { status: 'active', previous: 'queued' } });
    const handoffStatus: StaffEvent = {
      resource: 'case',
      type: 'handoff.status',
      id: 'c1',
      payload: { state: 'accepted', status: 'active', owner: 'agent07', message: 'claimed by agent07' },
    };
    expect(visibleTo(b, handoffStatus)).toBeUndefined();
    const stall: StaffEvent = {
      resource: 'alert',
      type: 'stall',
      id: 'c1',
      payload: { status: 'active', owner: 'agent07', text: '客户说了什么', score: 80 },
    };
    expect(visibleTo(b, stall)).toBeUndefined();
    expect(visibleTo(a, stall)).toBe(stall);
    // Later changes of A's case (e.g. resolved) are not B's business at all.
    expect(visibleTo(b, { ...status, payload: { ...status.payload, status: 'resolved', previous: 'active' } })).toBeUndefined();
    // A case with the bot is nobody's: supervisors only.
    expect(visibleTo(b, { resource: 'case', type: 'created', id: 'c3', payload: { status: 'open', ticketId: 'TS-3' } })).toBeUndefined();
  });

  it('tells the previous owner that the case left its hands, and keeps events without case facts for supervisors', () => {
    const takeover: StaffEvent = {
      resource: 'case',
      type: 'takeover',
      id: 'c1',
      payload: { ticketId: 'TS-1', by: 'boss', owner: 'boss', previousOwner: 'agent07' },
    };
    expect(visibleTo(a, takeover)).toBe(takeover);
    expect(visibleTo(b, takeover)).toBeUndefined();
    const repeat: StaffEvent = {
      resource: 'alert',
      type: 'repeat-complaint',
      id: 'c1',
      payload: { ticketId: 'TS-1', customerId: 'dl_someone' },
    };
    expect(visibleTo(a, repeat)).toBeUndefined();
    expect(visibleTo(boss, repeat)).toBe(repeat);
    expect(
      visibleTo(a, { resource: 'wechat', type: 'login', id: 'wechat', payload: { qrcodeUrl: 'https://example.invalid/qr' } }),
    ).toBeUndefined();
  });
});

describe('/api/stream across instances on Redis', () => {
  it('delivers an event published on one instance to a console connected to another', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('staffstream');
    const a = await startStaffApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix });
    const b = await startStaffApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix });
    try {
      const client = connect(wsUrl(b.base, `/api/stream?token=${await tokenFor(a.base, AGENT)}`));
      const ws = await client.opened;
      await a.app.store.publish(STAFF_EVENTS_TOPIC, EVENT);
      await waitFor(() => (client.messages.length ? true : undefined));
      expect(client.messages).toEqual([EVENT]);
      ws.close();
    } finally {
      await a.stop();
      await b.stop();
      await flushPrefix(prefix);
    }
  });
});
