import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { RedisStore } from '../../src/store/redisStore';
import { StallScanner } from '../../src/supervision/stallScanner';
import { PrivateRedis } from '../helpers/redisServer';
import { TEST_STORE_PROTECTION } from '../helpers/redis';

/** A background loop through a real Redis outage: it keeps running, logs the outage once, resumes after. */
jest.setTimeout(30_000);

it('the stall scanner logs one line per outage, keeps ticking and scans again once Redis is back', async () => {
  const redis = await PrivateRedis.start();
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _e, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const store = new RedisStore({ url: redis.url, prefix: 'loop:', ...TEST_STORE_PROTECTION });
  let scans = 0;
  const scanner = new StallScanner({ store, logger, instanceId: 'i1', intervalMs: 50, conversations: async () => (scans++, []) });
  try {
    await store.ready();
    scanner.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(scans).toBeGreaterThan(0);
    await redis.down();
    await new Promise((r) => setTimeout(r, 1500)); // ~30 ticks of outage
    const during = lines.filter((l) => /stall scanner/.test(l.msg));
    expect(during.map((l) => l.msg)).toEqual(['stall scanner: store unavailable; retrying every round until it is back']);
    const scansBefore = scans;
    await redis.up();
    const started = Date.now();
    while (scans === scansBefore && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(scans).toBeGreaterThan(scansBefore);
    expect(lines.some((l) => l.msg === 'stall scanner: store is back; running again')).toBe(true);
  } finally {
    await scanner.stop();
    await store.close();
    await redis.destroy();
  }
});
