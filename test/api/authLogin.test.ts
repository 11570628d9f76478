import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { AGENT, getJson, login, startStaffApp, SUPERVISOR, tokenFor, type RunningApp } from './authHelpers';

describe('staff login and bearer tokens over HTTP', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startStaffApp();
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('logs a bootstrap agent in and returns an expiring token, its role and 工号', async () => {
    const res = await login(running.base, AGENT);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      role: 'agent',
      username: AGENT.username,
      agentNo: expect.stringMatching(/^\d{2}$/),
      expiresIn: 8 * 3600,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const me = await getJson(running.base, '/api/auth/me', res.body.token);
    expect(me).toEqual({ status: 200, body: { username: AGENT.username, role: 'agent', agentNo: res.body.agentNo } });
  });

  it('accepts the user name in any case', async () => {
    const res = await login(running.base, { username: 'LiHua', password: SUPERVISOR.password });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('supervisor');
  });

  it('refuses a wrong password and an unknown user alike, with a reason', async () => {
    const wrong = await login(running.base, { username: AGENT.username, password: 'not-the-password' });
    const unknown = await login(running.base, { username: 'nobody', password: 'whatever-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'InvalidCredentials', message: 'wrong user name or password' } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('answers a malformed body with 400 and says which field is wrong', async () => {
    const missing = await login(running.base, { username: AGENT.username });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/password/);
    expect((await login(running.base, { username: 7, password: 'x' })).status).toBe(400);
    expect((await login(running.base, '{not json')).status).toBe(400);
  });

  it('requires a staff token on /api: none, garbage, a forged one and a customer Direct Line token get 401', async () => {
    expect((await getJson(running.base, '/api/auth/me')).status).toBe(401);
    expect((await getJson(running.base, '/api/auth/me', 'garbage')).status).toBe(401);

    const genuine = await tokenFor(running.base, AGENT);
    const [header, payload] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: 'supervisor' })).toString('base64url');
    const forged = await getJson(running.base, '/api/audit', `${header}.${forgedPayload}.${genuine.split('.')[2]}`);
    expect(forged.status).toBe(401);

    const generated = await fetch(`${running.base}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(generated.status).toBe(200);
    const directLineToken = ((await generated.json()) as { token: string }).token;
    for (const path of ['/api/auth/me', '/api/audit']) {
      const res = await getJson(running.base, path, directLineToken);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('InvalidToken');
    }
  });

  it('keeps supervisor-only routes from agents (403) and shows supervisors the audit of logins', async () => {
    const agentToken = await tokenFor(running.base, AGENT);
    const denied = await getJson(running.base, '/api/audit', agentToken);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/supervisor/);

    const supervisorToken = await tokenFor(running.base, SUPERVISOR);
    const audit = await getJson(running.base, '/api/audit?limit=1000', supervisorToken);
    expect(audit.status).toBe(200);
    const logins = audit.body.entries.filter((e: any) => e.action === 'login');
    expect(logins).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: AGENT.username, detail: expect.objectContaining({ success: true }) }),
        expect.objectContaining({ actor: 'nobody', detail: expect.objectContaining({ success: false }) }),
      ]),
    );
    for (const entry of audit.body.entries) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(audit.body)).not.toContain(AGENT.password);

    expect((await getJson(running.base, '/api/audit?limit=0', supervisorToken)).status).toBe(400);
  });

  it('filters the audit log by case', async () => {
    await running.app.staff.audit.record({ actor: AGENT.username, action: 'reveal', caseId: 'case-a', detail: { field: 'phone' } });
    await running.app.staff.audit.record({ actor: AGENT.username, action: 'claim', caseId: 'case-b' });
    const token = await tokenFor(running.base, SUPERVISOR);
    const res = await getJson(running.base, '/api/audit?caseId=case-a', token);
    expect(res.status).toBe(200);
    expect(res.body.entries).toEqual([
      expect.objectContaining({ actor: AGENT.username, action: 'reveal', caseId: 'case-a', detail: { field: 'phone' }, seq: 0 }),
    ]);
    expect(res.body.next).toBe(0);
    expect((await getJson(running.base, '/api/audit?caseId=case-a&after=0', token)).body.entries).toEqual([]);
  });

  it('ends a session when the password changes', async () => {
    await running.app.staff.users.create('wangfang', 'agent', 'first-pass-1');
    const token = await tokenFor(running.base, { username: 'wangfang', password: 'first-pass-1' });
    expect((await getJson(running.base, '/api/auth/me', token)).status).toBe(200);
    await running.app.staff.users.update('wangfang', { password: 'second-pass-2' });
    expect((await getJson(running.base, '/api/auth/me', token)).status).toBe(401);
  });

  it('hands other routes a StaffAuth that maps roles to 401/403', async () => {
    const token = await tokenFor(running.base, AGENT);
    const req = { headers: { authorization: `Bearer ${token}` } } as never;
    await expect(running.app.staff.auth.authenticate(req)).resolves.toEqual(
      expect.objectContaining({ username: AGENT.username, role: 'agent' }),
    );
    await expect(running.app.staff.auth.authenticate(req, ['supervisor'])).rejects.toMatchObject({ status: 403 });
    await expect(running.app.staff.auth.authenticate({ headers: {} } as never)).rejects.toMatchObject({ status: 401 });
    await expect(running.app.staff.auth.verifyToken(token)).resolves.toMatchObject({ username: AGENT.username });
    await expect(running.app.staff.auth.verifyToken('nope')).resolves.toBeUndefined();
  });
});

describe('login throttling', () => {
  it('blocks a user name from one address after 5 failures a minute, even with the right password (429)', async () => {
    const t = await startStaffApp();
    try {
      const who = { username: SUPERVISOR.username, password: 'guess-000' };
      for (let i = 0; i < 5; i++) expect((await login(t.base, who)).status).toBe(401);
      const blocked = await login(t.base, SUPERVISOR);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.body.error.code).toBe('TooManyAttempts');
      // Other accounts from the same address are not affected.
      expect((await login(t.base, AGENT)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

describe('staff token expiry', () => {
  it('refuses a token once STAFF_TOKEN_TTL_SECONDS has passed (401 TokenExpired)', async () => {
    const running = await startStaffApp({ config: { staffTokenTtlSeconds: 1 } });
    try {
      const res = await login(running.base, AGENT);
      expect(res.body.expiresIn).toBe(1);
      expect((await getJson(running.base, '/api/auth/me', res.body.token)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2100));
      const expired = await getJson(running.base, '/api/auth/me', res.body.token);
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('TokenExpired');
    } finally {
      await running.stop();
    }
  });
});

describe('staff access on Redis', () => {
  it('lets a token from one instance work on another sharing the store, and keeps accounts across restarts', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('staffauth');
    const options = { redisUrl: TEST_REDIS_URL, redisPrefix: prefix };
    const a = await startStaffApp(options);
    const b = await startStaffApp(options);
    let aRunning = true;
    try {
      const first = await login(a.base, AGENT);
      expect(first.status).toBe(200);
      expect((await getJson(b.base, '/api/auth/me', first.body.token)).body.username).toBe(AGENT.username);
      // Both instances bootstrapped the same list: one account each, same 工号 everywhere.
      const accounts = await b.app.staff.users.list();
      expect(accounts.map((u) => u.username).sort()).toEqual([SUPERVISOR.username, AGENT.username].sort());
      expect(new Set(accounts.map((u) => u.agentNo)).size).toBe(2);
      // A restart with the same BOOTSTRAP_USERS keeps existing sessions.
      await a.stop();
      aRunning = false;
      const again = await startStaffApp(options);
      try {
        expect((await getJson(again.base, '/api/auth/me', first.body.token)).status).toBe(200);
      } finally {
        await again.stop();
      }
    } finally {
      await b.stop();
      if (aRunning) await a.stop();
      await flushPrefix(prefix);
    }
  });
});
