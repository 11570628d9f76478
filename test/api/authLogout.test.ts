import { WebSocket } from 'ws';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { AGENT, getJson, startStaffApp, SUPERVISOR, tokenFor, type RunningApp } from './authHelpers';

/**
 * POST /api/auth/logout ends the token on the server: a stolen or left-behind copy of it stops
 * working at once, on the API and on /api/stream, on every instance sharing the store, while the
 * same user's other sessions go on.
 */

async function logout(base: string, token?: string, body?: string) {
  const res = await fetch(`${base}/api/auth/logout`, {
    method: 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

/** Opens /api/stream; resolves with the socket and a promise of its close code, or rejects with the refused status. */
function openStream(base: string, token: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/stream`, ['bearer', token]);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })),
    );
    ws.once('error', reject);
  });
}

/** The close code, or 'open' when the socket is still open after `ms` (well under the 30 s heartbeat re-check). */
function closedWithin(closed: Promise<number>, ms: number): Promise<number | 'open'> {
  return Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);
}

describe('POST /api/auth/logout', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startStaffApp();
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('ends the presented token on the API and its open stream at once; another session of the same user goes on', async () => {
    const leaving = await tokenFor(running.base, AGENT);
    const staying = await tokenFor(running.base, AGENT);
    const stream = await openStream(running.base, leaving);
    const other = await openStream(running.base, staying);
    try {
      expect((await getJson(running.base, '/api/auth/me', leaving)).status).toBe(200);

      expect(await logout(running.base, leaving)).toEqual({ status: 204, body: undefined });

      const me = await getJson(running.base, '/api/auth/me', leaving);
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('SessionEnded');
      expect((await getJson(running.base, '/api/cases', leaving)).status).toBe(401);
      expect(await closedWithin(stream.closed, 2000)).toBe(4001);
      await expect(openStream(running.base, leaving)).rejects.toMatchObject({ status: 401 });

      // The same user's other session: the API, its open stream, a new stream.
      expect((await getJson(running.base, '/api/auth/me', staying)).body).toMatchObject({ username: AGENT.username });
      expect(await closedWithin(other.closed, 300)).toBe('open');
      const again = await openStream(running.base, staying);
      again.ws.close();
    } finally {
      stream.ws.close();
      other.ws.close();
    }
  });

  it('answers 204 again for a token already logged out, and 401 for no token, a forged one or a customer token', async () => {
    const token = await tokenFor(running.base, AGENT);
    expect((await logout(running.base, token)).status).toBe(204);
    expect((await logout(running.base, token)).status).toBe(204);
    expect((await getJson(running.base, '/api/auth/me', token)).status).toBe(401);

    const none = await logout(running.base);
    expect(none.status).toBe(401);
    expect(none.body!.error.code).toBe('MissingToken');
    const [header, payload] = token.split('.');
    for (const bad of ['garbage', `${header}.${payload}.AAAA`, `${token}x`]) {
      const res = await logout(running.base, bad);
      expect(res.status).toBe(401);
      expect(res.body!.error.code).toBe('InvalidToken');
    }
    const customer = (await (await fetch(`${running.base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    expect((await logout(running.base, customer.token)).status).toBe(401);
  });

  it('a logged-out token stays ended in every spelling: padding or a changed spare bit is another token, and refused', async () => {
    const token = await tokenFor(running.base, AGENT);
    expect((await logout(running.base, token)).status).toBe(204);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token[token.length - 1];
    // The neighbour of the last character differs only in a bit base64url decoding drops.
    const spareBit = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    for (const variant of [`${token}=`, `${token}==`, spareBit]) {
      const res = await getJson(running.base, '/api/auth/me', variant);
      expect([variant.slice(-3), res.status]).toEqual([variant.slice(-3), 401]);
    }
  });

  it('takes an empty body or {}, and refuses anything else with 400 (the token stays valid)', async () => {
    const token = await tokenFor(running.base, AGENT);
    for (const body of ['{"everywhere":true}', '[]', '"bye"']) {
      const res = await logout(running.base, token, body);
      expect(res.status).toBe(400);
      expect(res.body!.error.code).toBe('BadRequest');
    }
    expect((await getJson(running.base, '/api/auth/me', token)).status).toBe(200);
    expect((await logout(running.base, token, '{}')).status).toBe(204);
    expect((await getJson(running.base, '/api/auth/me', token)).status).toBe(401);
  });

  it('writes the logout to the audit log', async () => {
    const token = await tokenFor(running.base, AGENT);
    expect((await logout(running.base, token)).status).toBe(204);
    const audit = await getJson(running.base, '/api/audit?limit=1000', await tokenFor(running.base, SUPERVISOR));
    const entries = audit.body.entries as { actor: string; action: string }[];
    expect(entries.filter((e) => e.action === 'logout' && e.actor === AGENT.username).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the revocation only as long as the token would have lived', async () => {
    const token = await tokenFor(running.base, AGENT);
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp;
    const put = jest.spyOn(running.app.store, 'putRecord');
    try {
      expect((await logout(running.base, token)).status).toBe(204);
      const call = put.mock.calls.find(([kind]) => kind === 'staff-token-revoked');
      expect(call).toBeDefined();
      const [, id, , ttl] = call!;
      expect(id).not.toContain(token.split('.')[2]); // a hash, never the token
      const remaining = exp - Math.floor(Date.now() / 1000);
      expect(ttl).toBeGreaterThanOrEqual(remaining - 2);
      expect(ttl).toBeLessThanOrEqual(remaining);
    } finally {
      put.mockRestore();
    }
  });
});

describe('POST /api/auth/logout across instances on one Redis', () => {
  it('ends the token on the other instance too: API 401, its open stream closed at once, a new stream refused', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('logout');
    const a = await startStaffApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix });
    const b = await startStaffApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix });
    try {
      const token = await tokenFor(a.base, AGENT);
      const staying = await tokenFor(b.base, AGENT);
      expect((await getJson(b.base, '/api/auth/me', token)).status).toBe(200);
      const onB = await openStream(b.base, token);

      expect((await logout(a.base, token)).status).toBe(204);

      expect((await getJson(b.base, '/api/auth/me', token)).status).toBe(401);
      expect((await getJson(a.base, '/api/auth/me', token)).status).toBe(401);
      expect(await closedWithin(onB.closed, 3000)).toBe(4001);
      await expect(openStream(b.base, token)).rejects.toMatchObject({ status: 401 });
      await expect(openStream(a.base, token)).rejects.toMatchObject({ status: 401 });
      expect((await getJson(a.base, '/api/auth/me', staying)).status).toBe(200);
    } finally {
      await a.stop();
      await b.stop();
      await flushPrefix(prefix);
    }
  });
});
