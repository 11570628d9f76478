import { Limiter } from '../../src/limits/limiter';
import { MemoryStore } from '../../src/store/memoryStore';

describe('Limiter (fixed windows over the store counter)', () => {
  it('allows the limit, then refuses with a retry time, telling the first refusal only', async () => {
    const limiter = new Limiter(new MemoryStore());
    const rule = { name: 't', limit: 3, windowMs: 60_000 };
    const verdicts = [];
    for (let i = 0; i < 6; i += 1) verdicts.push(await limiter.take(rule, 'conv-1'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, false, false]);
    expect(verdicts.map((v) => (v.allowed ? null : v.firstRefusal))).toEqual([null, null, null, true, false, false]);
    const refused = verdicts[3];
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(55);
    // Another key has its own count; a reset starts the key again.
    expect((await limiter.take(rule, 'conv-2')).allowed).toBe(true);
    await limiter.reset(rule, 'conv-1');
    expect((await limiter.take(rule, 'conv-1')).allowed).toBe(true);
  });

  it('counts every rule of a combined check and returns the refusal', async () => {
    const limiter = new Limiter(new MemoryStore());
    const tight = { name: 'tight', limit: 1, windowMs: 60_000 };
    const loose = { name: 'loose', limit: 100, windowMs: 60_000 };
    expect(
      await limiter.takeAll([
        { rule: tight, key: 'a' },
        { rule: loose, key: 'x' },
      ]),
    ).toBeUndefined();
    expect(
      await limiter.takeAll([
        { rule: tight, key: 'a' },
        { rule: loose, key: 'x' },
      ]),
    ).toMatchObject({ allowed: false });
    expect((await limiter.take(loose, 'x')).count).toBe(3);
  });

  it('lets a party in again when its window has passed', async () => {
    const limiter = new Limiter(new MemoryStore());
    const rule = { name: 'short', limit: 1, windowMs: 200 };
    await limiter.take(rule, 'k');
    expect((await limiter.take(rule, 'k')).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect((await limiter.take(rule, 'k')).allowed).toBe(true);
  });
});
