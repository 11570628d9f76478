import bcrypt from 'bcryptjs';
import { AccountError, UserRepository } from '../../src/auth/users';
import { BCRYPT_COST } from '../../src/auth/passwords';
import { MemoryStore } from '../../src/store/memoryStore';
import { RedisStore } from '../../src/store/redisStore';
import type { Store } from '../../src/store/store';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix, TEST_STORE_PROTECTION } from '../helpers/redis';

function repositorySuite(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> } | undefined>) {
  describe(`UserRepository on ${name}`, () => {
    let store: Store | undefined;
    let done: (() => Promise<void>) | undefined;
    let users: UserRepository;
    beforeEach(async () => {
      const opened = await open();
      store = opened?.store;
      done = opened?.done;
      if (store) users = new UserRepository(store);
    });
    afterEach(async () => {
      await done?.();
    });
    const maybe = (title: string, fn: () => Promise<void>) =>
      it(title, async () => {
        if (!store) return console.warn(`${name} unavailable: skipped`);
        await fn();
      });

    maybe('keeps only a slow salted bcrypt hash of the password', async () => {
      const user = await users.create('zhangwei', 'agent', 'correct-horse');
      expect(user.passwordHash).toMatch(/^\$2[aby]\$\d\d\$/);
      expect(bcrypt.getRounds(user.passwordHash)).toBeGreaterThanOrEqual(10);
      expect(BCRYPT_COST).toBeGreaterThanOrEqual(10);
      expect(JSON.stringify(await store!.getRecord('staff-user', 'zhangwei'))).not.toContain('correct-horse');
      const again = await users.create('lihua', 'agent', 'correct-horse');
      expect(again.passwordHash).not.toBe(user.passwordHash); // salted
    });

    maybe('hands out distinct two-digit 工号, also to concurrent creates', async () => {
      const names = Array.from({ length: 8 }, (_, i) => `agent${i}`);
      const created = await Promise.all(names.map((n) => users.create(n, 'agent', 'password-123')));
      const numbers = created.map((u) => u.agentNo);
      expect(new Set(numbers).size).toBe(names.length);
      for (const no of numbers) expect(no).toMatch(/^\d{2}$/);
      expect((await users.list()).map((u) => u.agentNo)).toEqual([...numbers].sort());
    });

    maybe('keeps user names unique, case-insensitively, even when two creates race', async () => {
      await users.create('Wangfang', 'agent', 'password-123');
      await expect(users.create('wangfang', 'supervisor', 'password-456')).rejects.toMatchObject({ reason: 'exists' });
      const race = await Promise.allSettled([
        users.create('liuyang', 'agent', 'password-1'),
        users.create('LIUYANG', 'agent', 'password-2'),
      ]);
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const listed = await users.list();
      expect(listed.filter((u) => u.username === 'liuyang')).toHaveLength(1);
      expect(listed.map((u) => u.username)).toEqual(['wangfang', 'liuyang']);
      expect(listed[0]).not.toHaveProperty('passwordHash');
    });

    maybe('refuses bad names, roles and short passwords', async () => {
      await expect(users.create('no spaces', 'agent', 'password-123')).rejects.toBeInstanceOf(AccountError);
      await expect(users.create('ok', 'admin' as never, 'password-123')).rejects.toMatchObject({ reason: 'invalid' });
      await expect(users.create('ok', 'agent', 'short')).rejects.toMatchObject({ reason: 'invalid' });
      await expect(users.create('ok', 'agent', '')).rejects.toMatchObject({ reason: 'invalid' });
      expect(await users.list()).toEqual([]);
    });

    maybe('upserts: creates, leaves a matching account alone, updates role and password', async () => {
      expect((await users.upsert('zhaolei', 'agent', 'password-123')).outcome).toBe('created');
      const before = await users.get('zhaolei');
      expect((await users.upsert('zhaolei', 'agent', 'password-123')).outcome).toBe('unchanged');
      expect((await users.get('zhaolei'))!.passwordHash).toBe(before!.passwordHash);
      const promoted = await users.upsert('zhaolei', 'supervisor', 'password-123');
      expect(promoted).toMatchObject({
        outcome: 'updated',
        user: { role: 'supervisor', agentNo: before!.agentNo, passwordHash: before!.passwordHash },
      });
      const changed = await users.upsert('zhaolei', 'supervisor', 'password-456');
      expect(changed.outcome).toBe('updated');
      expect(changed.user.passwordHash).not.toBe(before!.passwordHash);
      expect(changed.user.agentNo).toBe(before!.agentNo);
    });
  });
}

repositorySuite('memory', async () => {
  const store = new MemoryStore();
  return { store, done: () => store.close() };
});

repositorySuite('Redis', async () => {
  if (!(await redisAvailable())) return undefined;
  const prefix = uniquePrefix('users');
  const store = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
  await store.ready();
  return {
    store,
    done: async () => {
      await store.close();
      await flushPrefix(prefix);
    },
  };
});
