import { randomBytes } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { FUZZ_SEED, startFuzzTarget, type FuzzTarget } from './fuzzApp';
import { healthy, pool, SLOW_MS } from './fuzzHarness';

/**
 * Both WebSocket endpoints (the Direct Line stream and the staff /api/stream) get FUZZ_RUNS
 * generated inputs each: bad upgrade requests, random bytes after a good upgrade, and random
 * messages from a real `ws` client. Every upgrade must be answered (a status or 101) within 2 s,
 * never with a 5xx; no socket is closed with 1011 (internal error); /healthz still answers after.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const CONCURRENCY = 8;

interface Endpoint {
  name: string;
  /** Path and query of a good upgrade (fresh credentials). */
  good(): Promise<{ path: string; protocols?: string[] }>;
  /** Paths with bad or missing credentials and garbage ids. */
  bad: string[];
  maxPayload: number;
}

type Input =
  | { kind: 'handshake'; method: string; good: boolean; badPath: number; headers: [string, string][] }
  | { kind: 'garbage'; chunks: Uint8Array[] }
  | { kind: 'messages'; messages: (string | Uint8Array | number)[] };

const VALID_KEY = randomBytes(16).toString('base64');

const headerArb = fc
  .record({
    upgrade: fc.option(fc.constantFrom('websocket', 'WebSocket', 'h2c', 'garbage', '', 'websocket, h2c'), { freq: 8 }),
    connection: fc.option(fc.constantFrom('Upgrade', 'keep-alive, Upgrade', 'close', 'upgrade'), { freq: 8 }),
    version: fc.option(fc.constantFrom('13', '8', '99', 'abc', ''), { freq: 6 }),
    key: fc.option(fc.constantFrom(VALID_KEY, 'short', '', '!!!!!!!!!!!!!!!!!!!!!!!!', 'a'.repeat(400)), { freq: 6 }),
    protocol: fc.option(fc.constantFrom('bearer', 'bearer, garbage', ',,,', 'x'.repeat(2000), 'a b c'), { freq: 2 }),
    extensions: fc.option(
      fc.constantFrom(
        'permessage-deflate',
        'permessage-deflate; client_max_window_bits=99',
        'garbage;;;',
        'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
      ),
      { freq: 2 },
    ),
    authorization: fc.option(fc.constantFrom('Bearer garbage', 'Bearer', 'Basic Zm9vOmJhcg=='), { freq: 3 }),
  })
  .map((h) => {
    const headers: [string, string][] = [];
    if (h.upgrade !== null) headers.push(['Upgrade', h.upgrade]);
    if (h.connection !== null) headers.push(['Connection', h.connection]);
    if (h.version !== null) headers.push(['Sec-WebSocket-Version', h.version]);
    if (h.key !== null) headers.push(['Sec-WebSocket-Key', h.key]);
    if (h.protocol !== null) headers.push(['Sec-WebSocket-Protocol', h.protocol]);
    if (h.extensions !== null) headers.push(['Sec-WebSocket-Extensions', h.extensions]);
    if (h.authorization !== null) headers.push(['Authorization', h.authorization]);
    return headers;
  });

function inputArb(maxPayload: number): fc.Arbitrary<Input> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('handshake' as const),
        method: fc.oneof(
          { arbitrary: fc.constant('GET'), weight: 8 },
          { arbitrary: fc.constantFrom('POST', 'PUT', 'OPTIONS', 'HEAD'), weight: 1 },
        ),
        good: fc.boolean(),
        badPath: fc.nat(),
        headers: headerArb,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('garbage' as const),
        chunks: fc.array(
          fc.oneof(
            fc.uint8Array({ minLength: 1, maxLength: 2048 }),
            // Frame headers that claim huge or reserved things: 64-bit lengths, RSV bits, unknown opcodes, no mask.
            fc.constantFrom(
              Uint8Array.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
              Uint8Array.from([0xf1, 0x80, 0, 0, 0, 0]),
              Uint8Array.from([0x8b, 0x80, 0, 0, 0, 0]),
              Uint8Array.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]),
              Uint8Array.from([0x88, 0x82, 1, 2, 3, 4, 0xff, 0xff]),
              Uint8Array.from([0x01, 0x81, 0, 0, 0, 0, 0xff]),
            ),
          ),
          { minLength: 1, maxLength: 4 },
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('messages' as const),
        messages: fc.array(
          fc.oneof(
            fc.string({ maxLength: 200 }),
            fc.constantFrom('', '{"type":"message","text":"hi"}', '{"__proto__":{"x":1}}', '[[[[[[[[[[[[[[[[[[[['),
            fc.uint8Array({ maxLength: 512 }),
            fc.constant(maxPayload + 100), // a message over the endpoint's limit
          ),
          { minLength: 1, maxLength: 4 },
        ),
      }),
    },
  );
}

interface StreamTally {
  inputs: number;
  upgraded: number;
  refused4xx: number;
  s5xx: number;
  unanswered: number;
  slow: number;
  closedByServer: number;
  internalCloses: number;
  maxMs: number;
}

/** Writes a raw upgrade request; resolves with the status (undefined if none came) and the socket. */
function rawUpgrade(
  port: number,
  method: string,
  path: string,
  headers: [string, string][],
): Promise<{ status?: number; ms: number; socket: net.Socket }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffered = '';
    let done = false;
    const finish = (status?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ status, ms: Date.now() - started, socket });
    };
    const timer = setTimeout(() => finish(undefined), SLOW_MS + 3000);
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(/^HTTP\/1\.1 (\d{3})/.exec(buffered) ? Number(/^HTTP\/1\.1 (\d{3})/.exec(buffered)![1]) : undefined));
    socket.on('data', (d: Buffer) => {
      buffered += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(buffered);
      if (m && buffered.includes('\r\n\r\n')) finish(Number(m[1]));
    });
    socket.on('connect', () => {
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
    });
  });
}

const GOOD_HEADERS: [string, string][] = [
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Version', '13'],
  ['Sec-WebSocket-Key', VALID_KEY],
];

/** Waits until the server closes the socket, or `ms` passed; true when the server closed it. */
function closedWithin(socket: net.Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function runInput(port: number, endpoint: Endpoint, input: Input, tally: StreamTally, findings: string[]): Promise<void> {
  tally.inputs += 1;
  const record = (status: number | undefined, ms: number, what: string) => {
    tally.maxMs = Math.max(tally.maxMs, ms);
    if (status === undefined) {
      tally.unanswered += 1;
      findings.push(`${endpoint.name}: ${what}: no answer`);
    } else if (status >= 500) {
      tally.s5xx += 1;
      findings.push(`${endpoint.name}: ${what}: ${status}`);
    } else if (status === 101) tally.upgraded += 1;
    else tally.refused4xx += 1;
    if (ms > SLOW_MS) {
      tally.slow += 1;
      findings.push(`${endpoint.name}: ${what}: ${ms} ms`);
    }
  };

  if (input.kind === 'handshake') {
    const target = input.good ? (await endpoint.good()).path : endpoint.bad[input.badPath % endpoint.bad.length];
    const { status, ms, socket } = await rawUpgrade(port, input.method, target, input.headers);
    record(status, ms, `${input.method} ${target.slice(0, 80)} [${input.headers.map(([k, v]) => `${k}: ${v.slice(0, 30)}`).join('; ')}]`);
    socket.destroy();
    return;
  }

  const good = await endpoint.good();
  if (input.kind === 'garbage') {
    const headers: [string, string][] = good.protocols
      ? [...GOOD_HEADERS, ['Sec-WebSocket-Protocol', good.protocols.join(', ')]]
      : GOOD_HEADERS;
    const { status, ms, socket } = await rawUpgrade(port, 'GET', good.path, headers);
    record(status, ms, 'good upgrade before garbage');
    if (status === 101) {
      socket.on('error', () => undefined);
      for (const chunk of input.chunks) if (!socket.destroyed) socket.write(chunk);
      if (await closedWithin(socket, 300)) tally.closedByServer += 1;
    }
    socket.destroy();
    return;
  }

  const started = Date.now();
  const ws = new WebSocket(`ws://127.0.0.1:${port}${good.path}`, good.protocols);
  const outcome = await new Promise<{ opened: boolean; code?: number }>((resolve) => {
    let opened = false;
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ opened });
    }, SLOW_MS + 3000);
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      record(res.statusCode, Date.now() - started, 'ws client upgrade');
      ws.terminate();
      resolve({ opened: false, code: -1 });
    });
    ws.on('open', () => {
      opened = true;
      record(101, Date.now() - started, 'ws client upgrade');
      for (const m of input.messages) {
        if (ws.readyState !== WebSocket.OPEN) break;
        ws.send(typeof m === 'number' ? 'x'.repeat(m) : m);
      }
      // Give the server a moment to react to what was sent, then say goodbye.
      setTimeout(() => ws.close(1000), 100);
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ opened, code });
    });
  });
  if (outcome.code === -1) return;
  if (!outcome.opened) {
    record(undefined, Date.now() - started, 'ws client upgrade');
    return;
  }
  if (outcome.code !== undefined && outcome.code !== 1000 && outcome.code !== 1005) tally.closedByServer += 1;
  if (outcome.code === 1011) {
    tally.internalCloses += 1;
    findings.push(`${endpoint.name}: closed with 1011 after messages ${JSON.stringify(input.messages).slice(0, 200)}`);
  }
}

describe('WebSocket fuzz: both stream endpoints', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget();
  }, 60_000);

  afterAll(async () => {
    await target?.stop();
  });

  it(`answers ${RUNS} bad upgrades, garbage frames and random messages per endpoint without a 5xx or a hang`, async () => {
    const base = target.base;
    /** A fresh stream URL (its token lives two minutes), as DirectLineJS gets one on reconnect. */
    const streamPath = async () => {
      const res = await fetch(`${base}/v3/directline/conversations/${target.customer.conversationId}`, {
        headers: { Authorization: `Bearer ${target.customer.token}` },
      });
      const url = new URL(((await res.json()) as { streamUrl: string }).streamUrl);
      return `${url.pathname}${url.search}`;
    };
    let cached: { path: string; at: number } | undefined;
    const conv = target.customer.conversationId;
    const endpoints: Endpoint[] = [
      {
        name: 'Direct Line stream',
        maxPayload: 4096,
        async good() {
          if (!cached || Date.now() - cached.at > 60_000) cached = { path: await streamPath(), at: Date.now() };
          return { path: cached.path };
        },
        bad: [
          `/v3/directline/conversations/${conv}/stream`,
          `/v3/directline/conversations/${conv}/stream?t=garbage`,
          `/v3/directline/conversations/${conv}/stream?t=${target.customer.token}`,
          `/v3/directline/conversations/${target.otherCustomer.conversationId}/stream?t=${target.customer.token}`,
          `/v3/directline/conversations/nope/stream?t=x&watermark=-1`,
          `/v3/directline/conversations/${'a'.repeat(300)}/stream`,
          `/v3/directline/conversations/%00/stream`,
          `/v3/directline/conversations/${conv}/stream/extra`,
          `/v3/directline/conversations/${conv}/stream?watermark=1e400&t=%E0%A4%A`,
          `/v3/directline/`,
        ],
      },
      {
        name: 'staff /api/stream',
        maxPayload: 1024,
        async good() {
          // The three ways a console may present its token.
          const way = Math.floor(Math.random() * 2);
          return way === 0
            ? { path: `/api/stream?token=${target.agentToken}` }
            : { path: '/api/stream', protocols: ['bearer', target.supervisorToken] };
        },
        bad: [
          '/api/stream',
          '/api/stream?token=garbage',
          `/api/stream?token=${target.customer.token}`,
          `/api/stream?token=${target.supervisorToken.slice(0, -3)}`,
          '/api/stream?token=',
          `/api/stream?token=${'x'.repeat(5000)}`,
          '/api/stream?token=%E0%A4%A',
          '/api/stream/x',
        ],
      },
    ];

    const findings: string[] = [];
    const rows: string[] = [];
    for (const [n, endpoint] of endpoints.entries()) {
      const tally: StreamTally = {
        inputs: 0,
        upgraded: 0,
        refused4xx: 0,
        s5xx: 0,
        unanswered: 0,
        slow: 0,
        closedByServer: 0,
        internalCloses: 0,
        maxMs: 0,
      };
      const inputs = fc.sample(inputArb(endpoint.maxPayload), { numRuns: RUNS, seed: FUZZ_SEED + 100 + n });
      await pool(inputs, CONCURRENCY, (input) => runInput(target.port, endpoint, input, tally, findings));
      rows.push(`${endpoint.name.padEnd(20)} ${JSON.stringify(tally)}`);
      if (!(await healthy(target.port))) findings.push(`${endpoint.name}: /healthz did not answer after the batch`);
      expect(tally.inputs).toBe(RUNS);
    }
    console.log(`WebSocket fuzz, seed ${FUZZ_SEED}, ${RUNS} inputs per endpoint\n${rows.join('\n')}`);
    if (findings.length) console.log(`findings:\n${findings.slice(0, 30).join('\n')}`);
    expect(findings).toEqual([]);
  }, 300_000);
});
