import { createApp } from '../../src/index';
import { MemoryStore } from '../../src/store/memoryStore';
import { StoreUnavailableError, type StoreHealth } from '../../src/store/store';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, TEST_SECURE_ENV, uniquePrefix } from '../helpers/redis';

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
    const app = createApp({
      port: 0,
      host: '127.0.0.1',
      redisUrl: TEST_REDIS_URL,
      redisPrefix: prefix,
      env: { LOG_LEVEL: 'silent', ...TEST_SECURE_ENV },
    });
    await app.start();
    try {
      expect((await health(app.port)).body.store).toBe('redis');
    } finally {
      await app.stop();
      await flushPrefix(prefix);
    }
  });

  it('answers 503 degraded with the reason while the store is unavailable, and 200 again after; routes answer 503 with Retry-After', async () => {
    let down = false;
    /** A store that can be switched off, as Redis is during an outage. */
    class SwitchableStore extends MemoryStore {
      override async checkHealth(): Promise<StoreHealth> {
        return down ? { ok: false, reason: 'store unavailable' } : { ok: true };
      }
      override async getRecord<T>(kind: string, id: string): Promise<T | undefined> {
        if (down) throw new StoreUnavailableError('switched off');
        return super.getRecord<T>(kind, id);
      }
    }
    const app = createApp({ port: 0, host: '127.0.0.1', store: new SwitchableStore(), env: { LOG_LEVEL: 'silent' } });
    await app.start();
    try {
      const base = `http://127.0.0.1:${app.port}/v3/directline`;
      const issued = (await (
        await fetch(`${base}/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      ).json()) as { token: string; conversationId: string };
      const start = await fetch(`${base}/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const session = (await start.json()) as { token: string; conversationId: string };
      expect(start.status).toBe(201);
      down = true;
      expect(await health(app.port)).toMatchObject({
        status: 503,
        body: { status: 'degraded', store: 'memory', reason: 'store unavailable' },
      });
      const post = await fetch(`${base}/conversations/${session.conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: '你好' }),
      });
      expect(post.status).toBe(503);
      expect(post.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await post.json()) as { error: { code: string; message: string; reason: string } };
      expect(body.error).toMatchObject({ code: 'ServiceUnavailable', reason: 'store unavailable' });
      expect(body.error.message).toContain('系统正忙');
      down = false;
      expect((await health(app.port)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('refuses to start with a bad setting, naming it', () => {
    expect(() => createApp({ env: { PORT: 'abc' } })).toThrow(/PORT/);
  });
});

describe('CLASSIFIER_MODEL', () => {
  it('refuses a model whose labels are not the five categories, naming the variable', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { trainTextClassifier } = await import('../../intents');
    const dir = mkdtempSync(join(tmpdir(), 'cd-model-'));
    const data = ['网速太慢了\t网络质量', '信号不好\t网络质量', '乱扣费\t资费争议', '多收了钱\t资费争议'];
    const model = trainTextClassifier(data.map((l) => ({ text: l.split('\t')[0], label: l.split('\t')[1] })));
    const file = join(dir, 'model.json');
    model.save(file);
    expect(() => createApp({ env: { LOG_LEVEL: 'silent', CLASSIFIER_MODEL: file } })).toThrow(/CLASSIFIER_MODEL.*网络质量/);
  });
});
