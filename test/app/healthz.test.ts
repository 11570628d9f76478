import { createApp } from '../../src/index';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';

async function health(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('createApp and /healthz', () => {
  it('starts on the embedded memory store and names it', async () => {
    const app = createApp({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent' } });
    await app.start();
    try {
      expect(app.port).toBeGreaterThan(0);
      const { status, body } = await health(app.port);
      expect(status).toBe(200);
      expect(body.store).toBe('memory');
    } finally {
      await app.stop();
    }
  });

  it('runs on Redis when a Redis URL is given', async () => {
    if (!(await redisAvailable())) return console.warn('Redis unavailable: skipped');
    const prefix = uniquePrefix('app');
    const app = createApp({ port: 0, host: '127.0.0.1', redisUrl: TEST_REDIS_URL, redisPrefix: prefix, env: { LOG_LEVEL: 'silent' } });
    await app.start();
    try {
      expect((await health(app.port)).body.store).toBe('redis');
    } finally {
      await app.stop();
      await flushPrefix(prefix);
    }
  });

  it('refuses to start with a bad setting, naming it', () => {
    expect(() => createApp({ env: { PORT: 'abc' } })).toThrow(/PORT/);
  });
});
