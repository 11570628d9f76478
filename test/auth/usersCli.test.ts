import { cli, requireBuild } from '../cli/cliHelpers';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, TEST_SECURE_ENV, uniquePrefix } from '../helpers/redis';
import { login, startStaffApp } from '../api/authHelpers';

/** `complaint-desk users …` through the built bin, against a Redis namespace of its own. */
describe('complaint-desk users', () => {
  beforeAll(() => requireBuild());

  it('refuses to create accounts without REDIS_URL, pointing to BOOTSTRAP_USERS (exit 2)', () => {
    const r = cli(['users', 'add', 'zhangwei', '--role', 'agent'], 'password-123\n', { REDIS_URL: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/REDIS_URL/);
    expect(r.stderr).toMatch(/vanish/);
    expect(r.stderr).toMatch(/BOOTSTRAP_USERS/);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('password-123');
  });

  it('checks its arguments (exit 2)', () => {
    expect(cli(['users'], '', { REDIS_URL: '' }).status).toBe(2);
    expect(cli(['users', 'remove', 'x'], '', { REDIS_URL: '' }).status).toBe(2);
    expect(cli(['users', 'add', 'zhangwei'], '', { REDIS_URL: '' }).stderr).toMatch(/--role must be agent or supervisor/);
    expect(cli(['users', 'add', 'zhangwei', '--role', 'admin'], '', { REDIS_URL: '' }).status).toBe(2);
    expect(cli(['users', 'add', '--role', 'agent'], '', { REDIS_URL: '' }).stderr).toMatch(/exactly one user name/);
    expect(cli(['users', 'add', 'a:b', '--role', 'agent'], '', { REDIS_URL: '' }).status).toBe(2);
  });

  describe('on Redis', () => {
    let prefix: string;
    let env: NodeJS.ProcessEnv;
    let available = false;
    beforeAll(async () => {
      available = await redisAvailable();
      prefix = uniquePrefix('userscli');
      env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, BOOTSTRAP_USERS: '', ...TEST_SECURE_ENV };
    });
    afterAll(async () => {
      if (available) await flushPrefix(prefix);
    });
    const maybe = (title: string, fn: () => Promise<void> | void) =>
      it(title, async () => {
        if (!available) return console.warn('Redis unavailable: skipped');
        await fn();
      });

    maybe('adds accounts with the password from stdin, never echoing it, and lists them', async () => {
      const agent = cli(['users', 'add', 'ZhangWei', '--role', 'agent'], 'agent-secret-1\n', env);
      expect(agent).toMatchObject({ status: 0, stdout: 'created agent "zhangwei" (工号 01)\n' });
      const boss = cli(['users', 'add', 'lihua', '--role', 'supervisor'], 'boss-secret-2\r\n', env);
      expect(boss).toMatchObject({ status: 0, stdout: 'created supervisor "lihua" (工号 02)\n' });
      for (const r of [agent, boss]) expect(r.stdout + r.stderr).not.toMatch(/secret/);

      const listed = cli(['users', 'list'], '', env);
      expect(listed.status).toBe(0);
      expect(listed.stdout).toMatch(/^工号\s+name\s+role\n01\s+zhangwei\s+agent\n02\s+lihua\s+supervisor\n$/);
      expect(JSON.parse(cli(['users', 'list', '--json'], '', env).stdout)).toEqual([
        { username: 'zhangwei', role: 'agent', agentNo: '01' },
        { username: 'lihua', role: 'supervisor', agentNo: '02' },
      ]);

      // The service on the same store logs them in with those passwords.
      const running = await startStaffApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, env: { BOOTSTRAP_USERS: '' } });
      try {
        const res = await login(running.base, { username: 'zhangwei', password: 'agent-secret-1' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ role: 'agent', agentNo: '01' });
        expect((await login(running.base, { username: 'lihua', password: 'boss-secret-2' })).body.role).toBe('supervisor');
      } finally {
        await running.stop();
      }
    });

    maybe('refuses empty and short passwords, and existing names unless --update (exit 2)', () => {
      const empty = cli(['users', 'add', 'wangfang', '--role', 'agent'], '', env);
      expect(empty.status).toBe(2);
      expect(empty.stderr).toMatch(/password is empty/);
      const short = cli(['users', 'add', 'wangfang', '--role', 'agent'], 'abc\n', env);
      expect(short.status).toBe(2);
      expect(short.stderr).toMatch(/at least 8 characters/);
      expect(short.stderr).not.toContain('abc\n');

      const dup = cli(['users', 'add', 'zhangwei', '--role', 'supervisor'], 'another-pass\n', env);
      expect(dup.status).toBe(2);
      expect(dup.stderr).toMatch(/already exists.*--update/);
      const upd = cli(['users', 'add', 'zhangwei', '--role', 'supervisor', '--update'], 'another-pass\n', env);
      expect(upd).toMatchObject({ status: 0, stdout: 'updated supervisor "zhangwei" (工号 01)\n' });
      expect(JSON.parse(cli(['users', 'list', '--json'], '', env).stdout)).toHaveLength(2);
    });

    maybe('unlocks an account the service locked after wrong passwords (users unlock NAME)', async () => {
      expect(cli(['users', 'add', 'chenjing', '--role', 'agent'], 'agent-secret-3\n', env).status).toBe(0);
      // TRUST_PROXY: each guess from another address, as a distributed guesser would come.
      const running = await startStaffApp({
        redisUrl: TEST_REDIS_URL,
        redisPrefix: prefix,
        env: { BOOTSTRAP_USERS: '', LOGIN_LOCK_FAILURES: '3', TRUST_PROXY: 'true' },
      });
      try {
        const from = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
        for (let i = 0; i < 3; i++)
          expect((await login(running.base, { username: 'chenjing', password: `wrong-guess-${i}` }, from(i))).status).toBe(401);
        const locked = await login(running.base, { username: 'chenjing', password: 'agent-secret-3' }, from(9));
        expect([locked.status, locked.body.error?.code]).toEqual([429, 'AccountLocked']);

        const unlocked = cli(['users', 'unlock', 'chenjing'], '', env);
        expect(unlocked).toMatchObject({ status: 0, stdout: 'unlocked "chenjing"\n' });
        expect((await login(running.base, { username: 'chenjing', password: 'agent-secret-3' }, from(10))).status).toBe(200);
        // Again: nothing is locked now, and the command says so.
        expect(cli(['users', 'unlock', 'chenjing'], '', env).stdout).toMatch(/was not locked/);
        expect(cli(['users', 'unlock', 'nobody'], '', env)).toMatchObject({ status: 2 });
      } finally {
        await running.stop();
      }
    });
  });
});
