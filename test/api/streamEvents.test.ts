import { WebSocket } from 'ws';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { AGENT, startStaffApp, SUPERVISOR, tokenFor, type RunningApp } from './authHelpers';

function wsUrl(base: string, path: string): string {
  return base.replace(/^http/, 'ws') + path;
}

/** Opens a socket and collects its messages; rejects with the HTTP status if the upgrade is refused. */
function connect(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}) {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
  const opened = new Promise<WebSocket>((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
  return { ws, messages, opened };
}

async function waitFor<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

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
      const message = { resource: 'message', type: 'customer', id: 'case-1', payload: { from: 'customer' } };
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
    const generated = (await (await fetch(`${running.base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
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
    const generated = (await (await fetch(`${running.base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
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
