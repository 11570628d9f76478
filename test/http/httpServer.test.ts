import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Server } from 'restify';
import { route, HttpError } from '../../src/http/httpError';
import { TooManyCasesError } from '../../src/store/store';
import { createHttpServer, errorCode } from '../../src/http/httpServer';
import pino from 'pino';

/** The shared restify server: one {error: {code, message}} shape with meaningful codes, and no query strings in logs. */
describe('http server errors', () => {
  let server: Server;
  let base: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    server = createHttpServer({ logger, maxBodyBytes: 1024 });
    server.post(
      '/echo',
      route(logger, async (req, res) => void res.send(200, req.body)),
    );
    server.get(
      '/boom',
      route(logger, async () => {
        throw new Error('unexpected');
      }),
    );
    server.get(
      '/teapot',
      route(logger, async () => {
        throw new HttpError(418, 'Teapot', 'short and stout');
      }),
    );
    server.get(
      '/everything',
      route(logger, async () => {
        throw new TooManyCasesError(20_000);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function call(method: string, path: string, body?: string, contentType = 'application/json') {
    const res = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': contentType }, body });
    return { status: res.status, json: (await res.json()) as { error?: { code: string; message: string } } };
  }

  it('answers malformed JSON with 400 BadRequest', async () => {
    const res = await call('POST', '/echo', '{"a": ');
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('BadRequest');
    expect(res.json.error?.message).toMatch(/JSON/);
  });

  it('answers an unknown route with 404 NotFound', async () => {
    const res = await call('GET', '/no/such/route?token=secret-query-token');
    expect(res.status).toBe(404);
    expect(res.json.error?.code).toBe('NotFound');
  });

  it('answers a wrong method with 405 MethodNotAllowed and an oversized body with 413 PayloadTooLarge', async () => {
    const wrong = await call('DELETE', '/echo');
    expect(wrong.status).toBe(405);
    expect(wrong.json.error?.code).toBe('MethodNotAllowed');
    const big = await call('POST', '/echo', JSON.stringify({ text: 'x'.repeat(4096) }));
    expect(big.status).toBe(413);
    expect(big.json.error?.code).toBe('PayloadTooLarge');
  });

  it('keeps route errors as they were: HttpError codes and a 500 InternalError', async () => {
    expect((await call('GET', '/teapot')).json.error?.code).toBe('Teapot');
    const boom = await call('GET', '/boom?t=secret-stream-token');
    expect(boom.status).toBe(500);
    expect(boom.json.error).toEqual({ code: 'InternalError', message: 'internal error' });
  });

  it('answers a listing too large to hold with 422 and how to narrow it, not a 500', async () => {
    const res = await call('GET', '/everything');
    expect(res.status).toBe(422);
    expect(res.json.error?.code).toBe('TooManyCases');
    expect(res.json.error?.message).toMatch(/more than 20000 cases match; narrow the search/);
  });

  it('derives a code for statuses it has no name for, never the bare "Error"', () => {
    expect(errorCode({ name: 'ImATeapotError', body: { code: 'ImATeapot' } }, 418)).toBe('ImATeapot');
    expect(errorCode({ name: 'Error', code: 'Error' }, 418)).toBe('BadRequest');
    expect(errorCode({ name: 'Error', code: 'ECONNRESET' }, 500)).toBe('InternalError');
  });

  it('logs the path of failed requests without the query string (tokens live there)', async () => {
    await call('GET', '/no/such/route?token=secret-query-token');
    await call('GET', '/boom?t=secret-stream-token');
    const logs = logLines.join('');
    expect(logs).toContain('/no/such/route');
    expect(logs).toContain('/boom');
    expect(logs).not.toContain('secret-query-token');
    expect(logs).not.toContain('secret-stream-token');
  });
});
