import http from 'node:http';
import type { FuzzRequest } from './fuzzInputs';

/** What a fuzzed request got back. `status` is undefined when the connection ended without an answer. */
export interface FuzzAnswer {
  status?: number;
  ms: number;
  body: string;
  contentType: string;
  error?: string;
}

/** Bodies we read to check for leaks; larger answers (the Web Chat bundle) are cut off after their headers. */
const MAX_BODY_READ = 512 * 1024;
/** No answer may take longer than this. */
export const SLOW_MS = 2000;

/**
 * Stack frames, file paths, node_modules and error class names: what a body must never show.
 * Our own codes (BadRequest, PayloadTooLarge …) and messages do not match.
 */
const LEAK =
  /\n\s*at \S|\bat [\w.<>]+ \(|node_modules|\/(?:work|home|usr|src|dist|tmp)\/[\w./-]+|\.(?:ts|js):\d+|\b(?:TypeError|RangeError|SyntaxError|ReferenceError|ZodError|AssertionError|EvalError)\b|\b[A-Z]\w*Error: /;

export function leakIn(answer: FuzzAnswer): string | undefined {
  // Static files (pages, scripts) are ours to ship; what must not leak is in answers to requests.
  const checked = answer.status === undefined || answer.status >= 300 || /json|text\/plain/.test(answer.contentType);
  if (!checked) return undefined;
  return LEAK.exec(answer.body)?.[0];
}

/** Sends one request exactly as generated (raw bytes, any header), with node's http client. */
export function send(port: number, agent: http.Agent, req: FuzzRequest): Promise<FuzzAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Omit<FuzzAnswer, 'ms'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...a, ms: Date.now() - started });
    };
    // A hung answer is a finding, not a hung test: give up well after the limit.
    const timer = setTimeout(() => {
      request.destroy();
      finish({ body: '', contentType: '', error: 'no answer within 10 s' });
    }, 10_000);
    let request: http.ClientRequest;
    try {
      request = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers: req.headers, agent });
    } catch (err) {
      // Node's client refuses some generated paths itself (unescaped characters): nothing was sent.
      clearTimeout(timer);
      resolve({ status: 0, ms: 0, body: '', contentType: '', error: `not sent: ${(err as Error).message}` });
      return;
    }
    request.on('response', (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      const status = res.statusCode ?? 0;
      const readBody = !(status < 300 && !/json/.test(contentType));
      if (!readBody) {
        res.destroy();
        return finish({ status, body: '', contentType });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY_READ) chunks.push(c);
      });
      res.on('error', () => finish({ status, body: Buffer.concat(chunks).toString('utf8'), contentType }));
      res.on('end', () => finish({ status, body: Buffer.concat(chunks).toString('utf8'), contentType }));
      res.on('close', () => finish({ status, body: Buffer.concat(chunks).toString('utf8'), contentType }));
    });
    request.on('error', (err) => finish({ body: '', contentType: '', error: err.message }));
    request.end(req.body);
  });
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(runners);
}

/** /healthz answers 200 quickly: the process is alive and serving. */
export async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(SLOW_MS) });
    return res.status === 200;
  } catch {
    return false;
  }
}

export interface Tally {
  inputs: number;
  s2xx: number;
  s4xx: number;
  /** Of the 4xx: 401 and 403, stopped at authentication; the rest reached validation or the route. */
  denied: number;
  s5xx: number;
  resets: number;
  slow: number;
  leaks: number;
  maxMs: number;
}

export const emptyTally = (): Tally => ({ inputs: 0, s2xx: 0, s4xx: 0, denied: 0, s5xx: 0, resets: 0, slow: 0, leaks: 0, maxMs: 0 });

/** One line per row, aligned, for the test's output. */
export function table(rows: [string, Tally][]): string {
  const header = ['route', 'inputs', '2xx/3xx', '4xx', '(401/403)', '5xx', 'reset', 'slow', 'leaks', 'max ms'];
  const lines = rows.map(([name, t]) => [name, t.inputs, t.s2xx, t.s4xx, t.denied, t.s5xx, t.resets, t.slow, t.leaks, t.maxMs].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(header), ...lines.map(fmt)].join('\n');
}
