import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { AGENT, login, SUPERVISOR, startStaffApp, tokenFor, type RunningApp } from './authHelpers';

/** Distributed password guessing: many addresses, two instances on one Redis. */
describe('account lock across addresses and instances', () => {
  const prefix = uniquePrefix('loginlock');
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    await redisAvailable();
    for (let i = 0; i < 2; i += 1) {
      apps.push(
        await startStaffApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, env: { TRUST_PROXY: 'true', LOGIN_LOCK_FAILURES: '10' } }),
      );
    }
  });

  afterAll(async () => {
    for (const a of apps) await a.stop();
    await flushPrefix(prefix);
  });

  const from = (i: number) => ({ 'X-Forwarded-For': `198.51.100.${i}` });

  it('locks after wrong passwords from 40 addresses, refuses the right one alike, and a supervisor unlocks it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const res = await login(apps[i % 2].base, { username: AGENT.username, password: `guess-${i}` }, from(i));
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(30).fill(429));

    const right = await login(apps[0].base, AGENT, from(200));
    const wrong = await login(apps[1].base, { ...AGENT, password: 'still-wrong' }, from(201));
    expect(right.status).toBe(429);
    expect(right.body).toEqual(wrong.body);
    expect(right.body.error.code).toBe('AccountLocked');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);

    const boss = await tokenFor(apps[1].base, SUPERVISOR);
    // 32 attempts on the locked account, one audit entry: guessing cannot fill the trail.
    const trail = await fetch(`${apps[0].base}/api/audit?action=login&limit=200`, { headers: { Authorization: `Bearer ${boss}` } });
    const entries = ((await trail.json()) as { entries: Array<{ actor: string; detail?: { locked?: boolean } }> }).entries;
    expect(entries.filter((e) => e.actor === AGENT.username && e.detail?.locked)).toHaveLength(1);
    expect(entries.filter((e) => e.actor === AGENT.username && !e.detail?.locked)).toHaveLength(10);
    const unlock = (token: string, name = AGENT.username) =>
      fetch(`${apps[1].base}/api/staff/${name}/unlock`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const res = await unlock(boss);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: AGENT.username, wasLocked: true });
    expect((await unlock(boss, 'nobody-here')).status).toBe(404);

    const agentLogin = await login(apps[0].base, AGENT, from(202));
    expect(agentLogin.status).toBe(200);
    expect((await unlock(agentLogin.body.token, SUPERVISOR.username)).status).toBe(403);
    const audit = await fetch(`${apps[0].base}/api/audit?action=unlock`, { headers: { Authorization: `Bearer ${boss}` } });
    expect(JSON.stringify(await audit.json())).toContain(AGENT.username);
  });
});
