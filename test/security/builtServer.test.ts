import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createGzip } from 'node:zlib';

/**
 * Seen items 1 and 2, replayed against the BUILT server in a child process (`node
 * dist/src/server.js`), so a crash shows as a dead process and memory is the process's own:
 * 1. a body labelled gzip that is not gzip ended the process (restify's gunzip had no error handler);
 * 2. a 204 KB gzip body that inflates to 200 MB was accepted; five took the process to 1 GB.
 */
const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist/src/server.js');

interface Child {
  proc: ChildProcess;
  port: number;
  exited: () => boolean;
}

async function startBuilt(): Promise<Child> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const proc = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', REDIS_URL: '', TOKEN_RATE_PER_MINUTE: '10000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  proc.on('exit', () => {
    exited = true;
  });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the built server did not start: ${err}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /http:\/\/localhost:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => reject(new Error(`the built server exited with ${code}: ${err}`)));
  });
  return { proc, port, exited: () => exited };
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function post(
  port: number,
  pathName: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status?: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: pathName, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
        res.on('error', () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on('error', (err) => resolve({ body: '', error: err.message }));
    req.end(body);
  });
}

async function healthz(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
  return res.status;
}

/** About 200 KB of gzip that inflates to `mb` megabytes of zeros. */
async function gzipBomb(mb: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i += 1) if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

describe('the built server under compressed bodies (seen items 1 and 2)', () => {
  let child: Child;

  beforeAll(async () => {
    child = await startBuilt();
  }, 40_000);

  afterAll(() => {
    child?.proc.kill('SIGTERM');
  });

  it('answers a body labelled gzip that is not gzip with 415 on every POST route, and lives on', async () => {
    const routes = [
      '/v3/directline/tokens/generate',
      '/v3/directline/conversations',
      '/api/auth/login',
      '/api/cases/TS-20240101-0001/claim',
      '/api/assist/check',
    ];
    for (const route of routes) {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const res = await post(child.port, route, { 'content-type': 'application/json', 'content-encoding': encoding }, Buffer.from('{}'));
        expect([route, encoding, res.status]).toEqual([route, encoding, 415]);
        expect(JSON.parse(res.body).error.message).toMatch(/Content-Encoding/);
      }
    }
    expect(child.exited()).toBe(false);
    expect(await healthz(child.port)).toBe(200);
  });

  it('refuses gzip bombs without inflating them: memory stays bounded', async () => {
    const bomb = await gzipBomb(200);
    expect(bomb.length).toBeLessThan(256 * 1024); // under the body limit, as in the report
    const before = rssMb(child.proc.pid!);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        post(child.port, '/v3/directline/tokens/generate', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb),
      ),
    );
    for (const a of answers) expect(a.status).toBe(415);
    const after = rssMb(child.proc.pid!);
    console.log(`built server memory around five 200 MB gzip bombs: ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after`);
    expect(after - before).toBeLessThan(64);
    expect(child.exited()).toBe(false);
    expect(await healthz(child.port)).toBe(200);
  }, 60_000);

  it('counts the body limit on the bytes that arrive: 300 KB of plain JSON is 413', async () => {
    const body = Buffer.from(JSON.stringify({ user: { name: 'x'.repeat(300 * 1024) } }));
    const res = await post(child.port, '/v3/directline/tokens/generate', { 'content-type': 'application/json' }, body);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('PayloadTooLarge');
    expect(await healthz(child.port)).toBe(200);
  });

  it('counts a chunked body without Content-Length too: 413 once it passes the limit, then the connection is cut', async () => {
    // The client sends for as long as the server lets it: a bound here would say nothing.
    const answer = await new Promise<{ status?: number; answeredAfter?: number; closedAfter: number }>((resolve) => {
      let status: number | undefined;
      let answeredAt: number | undefined;
      const req = http.request(
        { host: '127.0.0.1', port: child.port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json' } },
        (res) => {
          status = res.statusCode;
          answeredAt = Date.now();
          res.resume();
        },
      );
      const started = Date.now();
      req.on('error', () => undefined); // the cut shows as a reset or a broken pipe
      req.on('close', () =>
        resolve({ status, answeredAfter: answeredAt && answeredAt - started, closedAfter: Date.now() - (answeredAt ?? started) }),
      );
      const chunk = Buffer.from(`"${'x'.repeat(16 * 1024)}",`);
      // One chunk per turn of the event loop. A tight loop of writes the kernel takes at once
      // never yields, so the client would not read the answer before the server's cut.
      const pump = () => {
        if (req.destroyed) return;
        if (req.write(chunk)) setImmediate(pump);
        else req.once('drain', pump);
      };
      req.write('[');
      pump();
    });
    console.log(`chunked body: 413 after ${answer.answeredAfter} ms, connection cut ${answer.closedAfter} ms later`);
    // The answer reaches the client even though it was still sending (the server reads on and discards)...
    expect(answer.status).toBe(413);
    // ...and the server does not read forever: a lingering close of 2 s, then the cut.
    expect(answer.closedAfter).toBeLessThan(10_000);
    expect(child.exited()).toBe(false);
    expect(await healthz(child.port)).toBe(200);
  });
});
