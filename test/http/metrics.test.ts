import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { createApp, type App } from '../../src/index';
import { dropSchemas, postgresAvailable, schemaDatabaseUrl } from '../helpers/postgres';
import { Ledger, WebCustomer } from '../chaos/webCustomer';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, TEST_SECURE_ENV, uniquePrefix } from '../helpers/redis';

const TOKEN = 'metrics-test-token-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function scrape(app: App, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${app.port}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** One sample's value from Prometheus' text format; undefined when the series is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe('GET /metrics', () => {
  describe('with METRICS_TOKEN', () => {
    let app: App;
    const auth = { authorization: `Bearer ${TOKEN}` };

    beforeAll(async () => {
      app = createApp({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent', METRICS_TOKEN: TOKEN } });
      await app.start();
    });
    afterAll(() => app.stop());

    it('answers 401 without the token or with a wrong one, 200 with the right one', async () => {
      const none = await scrape(app);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.text).error.code).toBe('Unauthorized');
      expect((await scrape(app, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await scrape(app, { authorization: 'Bearer short' })).status).toBe(401);
      expect((await scrape(app, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
      const ok = await scrape(app, auth);
      expect(ok.status).toBe(200);
      expect(ok.type).toMatch(/^text\/plain/);
      // collectDefaultMetrics on the app's own registry.
      expect(ok.text).toMatch(/^process_cpu_user_seconds_total /m);
      expect(sample(ok.text, 'complaint_desk_handoff_queue_length')).toBe(0);
    });

    it('counts and times a real web-chat turn, and sees its live conversation', async () => {
      const ledger = new Ledger();
      const customer = new WebCustomer(`http://127.0.0.1:${app.port}`, ledger, () => true);
      expect(await customer.open()).toBe(true);
      // The greeting turn (conversation start) runs on its own: wait until it is counted and settled.
      const turns = async () => sample((await scrape(app, auth)).text, 'complaint_desk_bot_turns_total{channel="web"}') ?? 0;
      let before = await until(turns, (n) => n >= 1);
      await sleep(300);
      before = await turns();

      expect(await customer.say('你们的客服态度太差了，我要投诉')).toBe(true);
      const after = await until(turns, (n) => n > before);
      expect(after).toBe(before + 1);

      const text = (await scrape(app, auth)).text;
      expect(sample(text, 'complaint_desk_bot_turn_seconds_count{channel="web"}')).toBe(after);
      expect(sample(text, 'complaint_desk_bot_turn_seconds_sum{channel="web"}')).toBeGreaterThan(0);
      expect(sample(text, 'complaint_desk_bot_turn_seconds_bucket{le="+Inf",channel="web"}')).toBe(after);
      // The bot served the message, so the conversation has a live record.
      expect(sample(text, 'complaint_desk_live_conversations')).toBeGreaterThanOrEqual(1);
      expect(ledger.requests.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    });
  });

  describe('without METRICS_TOKEN', () => {
    let app: App;
    beforeAll(async () => {
      // Behind a proxy the forwarded address decides, so a remote client can be played from here.
      app = createApp({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent', TRUST_PROXY: 'true' } });
      await app.start();
    });
    afterAll(() => app.stop());

    it('answers loopback clients and refuses others with 403', async () => {
      expect((await scrape(app)).status).toBe(200);
      expect((await scrape(app, { 'x-forwarded-for': '127.0.0.1' })).status).toBe(200);
      const remote = await scrape(app, { 'x-forwarded-for': '203.0.113.7' });
      expect(remote.status).toBe(403);
      expect(JSON.parse(remote.text).error.code).toBe('Forbidden');
    });
  });

  it('keeps a separate registry per app: two apps in one process each count their own', async () => {
    const a = createApp({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent' } });
    const b = createApp({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent' } });
    expect(a.metrics.registry).not.toBe(b.metrics.registry);
    a.metrics.storeUnavailable('redis');
    const of = async (app: App) => sample(await app.metrics.registry.metrics(), 'complaint_desk_store_errors_total{backend="redis"}');
    expect(await of(a)).toBe(1);
    expect(await of(b)).toBeUndefined();
  });

  it('on Redis, still answers while the store is away, with the failed store calls counted', async () => {
    if (!(await redisAvailable())) {
      console.warn('Redis not available: skipping the store-error metric test');
      return;
    }
    const prefix = uniquePrefix('metrics');
    const app = createApp({
      port: 0,
      host: '127.0.0.1',
      redisUrl: TEST_REDIS_URL,
      redisPrefix: prefix,
      env: { LOG_LEVEL: 'silent', ...TEST_SECURE_ENV },
    });
    await app.start();
    try {
      const up = await scrape(app);
      expect(up.status).toBe(200);
      expect(sample(up.text, 'complaint_desk_store_errors_total{backend="redis"}') ?? 0).toBe(0);
      // The store's connection ends as in an outage; the app keeps serving.
      await app.store.close();
      const down = await scrape(app);
      expect(down.status).toBe(200);
      expect(sample(down.text, 'complaint_desk_handoff_queue_length')).toBeNaN();
      expect(sample(down.text, 'complaint_desk_live_conversations')).toBeNaN();
      // Both gauge reads failed on the store and were counted; a scrape reads the counter
      // alongside the gauges, so the next scrape is the one that shows them.
      const next = await scrape(app);
      expect(sample(next.text, 'complaint_desk_store_errors_total{backend="redis"}')).toBeGreaterThanOrEqual(2);
    } finally {
      await app.stop();
      await flushPrefix(prefix);
    }
  });

  it('on PostgreSQL, counts the archive calls that found the database away', async () => {
    if (!(await postgresAvailable())) return console.warn('PostgreSQL unavailable: skipped');
    const { url, schema } = await schemaDatabaseUrl('metrics');
    // The desk reaches PostgreSQL through a relay that this test can cut, as an outage would.
    const target = new URL(url);
    const [host, port] = [target.hostname, Number(target.port || 5432)];
    const sockets = new Set<Socket>();
    const relay = createServer((client) => {
      const upstream = connect(port, host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    target.port = String((relay.address() as AddressInfo).port);
    const app = createApp({
      port: 0,
      host: '127.0.0.1',
      env: { LOG_LEVEL: 'silent', ...TEST_SECURE_ENV, DATABASE_URL: target.toString() },
    });
    await app.start();
    try {
      const up = await scrape(app);
      expect(sample(up.text, 'complaint_desk_handoff_queue_length')).toBe(0);
      expect(sample(up.text, 'complaint_desk_store_errors_total{backend="postgres"}') ?? 0).toBe(0);
      await new Promise<void>((resolve) => relay.close(() => resolve()) && sockets.forEach((s) => s.destroy()));
      const down = await scrape(app);
      expect(down.status).toBe(200);
      expect(sample(down.text, 'complaint_desk_handoff_queue_length')).toBeNaN();
      const next = await scrape(app);
      expect(sample(next.text, 'complaint_desk_store_errors_total{backend="postgres"}')).toBeGreaterThanOrEqual(1);
    } finally {
      await app.stop();
      relay.close();
      await dropSchemas([schema]);
    }
  });
});
