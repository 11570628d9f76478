import net from 'node:net';
import { parseJsonBody } from '../../src/http/jsonBody';
import { loadConfig } from '../../src/config/env';
import { startStaffApp, SUPERVISOR, tokenFor, type RunningApp } from '../api/authHelpers';
import { startConversation } from '../channels/web/helpers/webServer';

/**
 * Seen items 3, 4 and 5, replayed against a running service as they were reproduced:
 * 3. upgrades nobody serves were never answered; slow bodies and headers stayed open 150 s+;
 * 4. a body nested ~9,000 levels deep, and a report from 9999-12-31, answered 500;
 * 5. security headers missing from answers, error answers included.
 */
const REQUEST_MS = 2000;
const KEEPALIVE_MS = 1000;

/** A raw connection: what it received and when the server closed it. */
function rawConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const started = Date.now();
  let received = '';
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
  socket.on('error', () => undefined);
  return { socket, closed, received: () => received, connected: new Promise((r) => socket.once('connect', r)) };
}

describe('seen items 3-5 on a running service', () => {
  let desk: RunningApp;
  let port: number;
  let staffToken: string;

  beforeAll(async () => {
    desk = await startStaffApp({ config: { http: { requestMs: REQUEST_MS, keepAliveMs: KEEPALIVE_MS } } });
    port = desk.app.port;
    staffToken = await tokenFor(desk.base, SUPERVISOR);
  });

  afterAll(async () => {
    await desk?.stop();
  });

  describe('3. connections that never end', () => {
    it.each(['/', '/agent', '/api/stream/x', '/v3/directline/nope', '/healthz?x=1'])(
      'answers an upgrade to %s, which nobody serves, with 404 and closes it',
      async (path) => {
        const c = rawConnection(port);
        await c.connected;
        c.socket.write(
          `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
        );
        const closedAfter = await c.closed;
        expect(c.received()).toMatch(/^HTTP\/1\.1 404 /);
        expect(c.received()).toMatch(/X-Content-Type-Options: nosniff/);
        expect(closedAfter).toBeLessThan(2000);
      },
    );

    it('answers a body that trickles in with 408 once the request time is up, and closes the connection', async () => {
      const c = rawConnection(port);
      await c.connected;
      c.socket.write(
        'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":',
      );
      const trickle = setInterval(() => c.socket.writable && c.socket.write(' '), 200);
      const closedAfter = await c.closed;
      clearInterval(trickle);
      expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(c.received()).toContain('"RequestTimeout"');
      expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_MS - 100);
      expect(closedAfter).toBeLessThan(REQUEST_MS + 2000);
    });

    it('closes a connection whose headers trickle in', async () => {
      const c = rawConnection(port);
      await c.connected;
      c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      const trickle = setInterval(() => c.socket.writable && c.socket.write('X-Slow: 1\r\n'), 200);
      const closedAfter = await c.closed;
      clearInterval(trickle);
      expect(closedAfter).toBeLessThan(REQUEST_MS + 2500);
      expect(c.received()).not.toContain('"status":"ok"');
    });

    it('closes an idle kept-alive connection', async () => {
      const c = rawConnection(port);
      await c.connected;
      c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const closedAfter = await c.closed;
      expect(c.received()).toMatch(/^HTTP\/1\.1 200 /);
      expect(closedAfter).toBeLessThan(KEEPALIVE_MS + 1500);
    });

    it('bounds request time and keep-alive by default (HTTP_REQUEST_TIMEOUT_SECONDS, HTTP_KEEPALIVE_SECONDS)', () => {
      expect(loadConfig({}).http).toEqual({ requestMs: 15_000, keepAliveMs: 5_000 });
      expect(loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '30', HTTP_KEEPALIVE_SECONDS: '2' }).http).toEqual({
        requestMs: 30_000,
        keepAliveMs: 2_000,
      });
      expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/HTTP_REQUEST_TIMEOUT_SECONDS/);
      const node = desk.app.server.server;
      expect(node.headersTimeout).toBe(REQUEST_MS);
      expect(node.keepAliveTimeout).toBe(KEEPALIVE_MS);
    });
  });

  describe('4. bad input deep down', () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

    it.each(['value', 'channelData'])('answers an activity whose %s is nested 9,000 levels deep with 400 and a reason', async (field) => {
      const s = await startConversation(desk.base);
      const res = await fetch(`${desk.base}/v3/directline/conversations/${s.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
        body: `{"type":"message","text":"hi","from":{"id":"${s.userId}"},"${field}":${deep(9000)}}`,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.message).toMatch(/nested deeper than 32 levels/);
    });

    it('answers a body of too many keys with 413, on any route', async () => {
      const many = `{${Array.from({ length: 12_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
      const res = await fetch(`${desk.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: many,
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).error.code).toBe('PayloadTooLarge');
    });

    it('counts nesting outside strings only, and refuses prototype keys', () => {
      const limits = { maxDepth: 3, maxMembers: 100 };
      const json = (s: string) => parseJsonBody(Buffer.from(s), 'application/json', limits);
      expect(json('{"text":"[[[[[[{{{{\\"]]]"}')).toEqual({ text: '[[[[[[{{{{"]]]' });
      expect(() => json('[[[[1]]]]')).toThrow(/nested deeper than 3/);
      expect(() => json('{"a":{"__proto__":{"admin":true}}}')).toThrow(/__proto__/);
      expect(json('')).toBeUndefined();
      expect(() => parseJsonBody(Buffer.from('{}'), 'application/json; charset=iso-8859-1', limits)).toThrow(/UTF-8/);
    });

    it.each([
      ['from=9999-12-31', /2099-12-31/],
      ['to=9999-12-31', /2099-12-31/],
      ['from=1970-01-01', /2000-01-01/],
      ['from=2024-02-30', /not a calendar date/],
      ['from=2024-03-01&to=2024-02-01', /before/],
      ['from=2020-01-01&to=2024-01-01', /longer than 400 days/],
      ['from=2024-01-01&from=2024-02-01', /from/],
    ])('answers the report range %s with 400 and a reason', async (query, reason) => {
      for (const route of ['summary', 'cases.csv']) {
        const res = await fetch(`${desk.base}/api/reports/${route}?${query}`, { headers: { Authorization: `Bearer ${staffToken}` } });
        expect([route, res.status]).toEqual([route, 400]);
        expect(((await res.json()) as any).error.message).toMatch(reason);
      }
    });

    it('still reports a real range', async () => {
      const res = await fetch(`${desk.base}/api/reports/summary?from=2099-12-01&to=2099-12-31`, {
        headers: { Authorization: `Bearer ${staffToken}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).counts.total).toBe(0);
    });
  });

  describe('5. security headers on every answer', () => {
    async function headersOf(path: string, init: RequestInit = {}) {
      const res = await fetch(`${desk.base}${path}`, init);
      await res.arrayBuffer();
      return { status: res.status, h: res.headers };
    }

    it.each([
      ['/healthz', 200, {}],
      ['/api/auth/me', 401, {}],
      ['/api/cases', 401, { headers: { Authorization: `Bearer garbage` } }],
      ['/no/such/page', 404, {}],
      ['/healthz', 405, { method: 'DELETE' }],
      ['/api/auth/login', 413, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(300 * 1024) }],
      ['/api/auth/login', 415, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' }],
      ['/v3/directline/tokens/generate', 200, { method: 'POST' }],
    ] as [string, number, RequestInit][])(
      '%s answering %i carries nosniff, no-store, no referrer, no framing',
      async (path, status, init) => {
        const { status: got, h } = await headersOf(path, init);
        expect(got).toBe(status);
        expect(h.get('x-content-type-options')).toBe('nosniff');
        expect(h.get('cache-control')).toBe('no-store');
        expect(h.get('referrer-policy')).toBe('no-referrer');
        expect(h.get('x-frame-options')).toBe('DENY');
        expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'");
      },
    );

    it.each(['/agent', '/supervisor', '/reports'])('the staff page %s may not be framed', async (path) => {
      const { h } = await headersOf(path);
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('x-content-type-options')).toBe('nosniff');
    });

    it('the customer chat may be framed by our own pages only, and its static files keep their caching', async () => {
      const page = await headersOf('/');
      expect(page.h.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(page.h.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(page.h.get('cache-control')).toBe('no-cache');
      const script = await headersOf('/webchat/chat.js');
      expect(script.h.get('cache-control')).toBe('no-cache');
      expect(script.h.get('x-content-type-options')).toBe('nosniff');
    });
  });
});

describe('CHAT_FRAME_ANCESTORS', () => {
  it('lets the named sites embed the chat page, and no one else', async () => {
    const desk = await startStaffApp({ env: { CHAT_FRAME_ANCESTORS: 'https://www.example.com, https://m.example.com' } });
    try {
      const res = await fetch(`${desk.base}/`);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://www.example.com https://m.example.com");
      expect(res.headers.get('x-frame-options')).toBeNull();
      const agent = await fetch(`${desk.base}/agent`);
      expect(agent.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    } finally {
      await desk.stop();
    }
    expect(() => loadConfig({ CHAT_FRAME_ANCESTORS: 'https://www.example.com/path' })).toThrow(/CHAT_FRAME_ANCESTORS/);
  });
});
