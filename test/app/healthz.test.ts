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
