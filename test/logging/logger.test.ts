import { Writable } from 'node:stream';
import type { Request, Response } from 'restify';
import { route } from '../../src/http/httpError';
import { createLogger } from '../../src/logging/logger';

/** A logger writing into an array of parsed JSON lines. */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: createLogger(level, sink), lines, raw };
}

const PHONE = '13812345678';
const ID_NUMBER = '110101199003071234';

class MaxRetriesPerRequestError extends Error {}

/** Shaped like ioredis's MaxRetriesPerRequestError: previousErrors point back at the error itself. */
function circularRedisError(): Error {
  const err = new MaxRetriesPerRequestError(`Reached the max retries per request limit (which is 0); last key cd:customer:${PHONE}`);
  const previous = new Error(`connect ECONNREFUSED while serving ${ID_NUMBER}`) as Error & { previousErrors?: unknown[] };
  previous.previousErrors = [err];
  (err as Error & { previousErrors?: unknown[] }).previousErrors = [previous, err];
  (err as Error & { self?: unknown }).self = err;
  return err;
}

describe('logger', () => {
  it('logs a circular ioredis-like error with its message and stack, masked, without throwing', () => {
    const { logger, lines, raw } = capture();
    const err = circularRedisError();
    expect(() => logger.error({ err, path: '/v3/directline/conversations' }, 'route failed')).not.toThrow();
    expect(lines).toHaveLength(1);
    const logged = lines[0].err as Record<string, unknown>;
    expect(logged.type).toBe('MaxRetriesPerRequestError');
    expect(logged.message).toMatch(/max retries per request/);
    expect(String(logged.stack)).toMatch(/at /);
    expect(lines[0].msg).toBe('route failed');
    // The personal data inside the message, the stack and the nested errors is masked.
    expect(raw[0]).not.toContain(PHONE);
    expect(raw[0]).not.toContain(ID_NUMBER);
    expect(raw[0]).toContain('138****5678');
    expect(raw[0]).toContain('110101********1234');
    expect(raw[0]).toContain('[Circular]');
  });

  it('keeps message and stack of an ordinary error (not "err":{})', () => {
    const { logger, lines } = capture();
    logger.warn({ err: new TypeError('boom') }, 'x');
    expect(lines[0].err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(String((lines[0].err as { stack: string }).stack)).toContain('TypeError: boom');
  });

  it('survives throwing getters, deep nesting and an error logged on its own, masking all strings', () => {
    const { logger, lines, raw } = capture();
    const hostile = {
      get boom(): string {
        throw new Error('getter');
      },
      phone: PHONE,
    } as Record<string, unknown>;
    let deep: Record<string, unknown> = { phone: PHONE };
    for (let i = 0; i < 50; i += 1) deep = { next: deep };
    const withBadGetter = new Error(`failed for ${PHONE}`);
    Object.defineProperty(withBadGetter, 'extra', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(() => {
      logger.info({ hostile, deep, big: 10n }, `customer ${PHONE}`);
      logger.error(withBadGetter);
      logger.info('with %s interpolated', PHONE);
    }).not.toThrow();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ hostile: { boom: '[Unreadable]', phone: '138****5678' }, big: '10', msg: 'customer 138****5678' });
    expect(lines[1]).toMatchObject({ msg: 'failed for 138****5678', err: { message: 'failed for 138****5678' } });
    expect(lines[2].msg).toBe('with 138****5678 interpolated');
    expect(raw.join('\n')).not.toContain(PHONE);
  });

  it('route() answers an unexpected circular error with 500 and one readable log line', async () => {
    const { logger, lines } = capture();
    const sent: unknown[][] = [];
    const res = { headersSent: false, send: (...a: unknown[]) => sent.push(a), header: () => undefined } as unknown as Response;
    const req = { url: '/api/cases?token=secret' } as Request;
    await new Promise<void>((resolve) => {
      route(logger, async () => {
        throw circularRedisError();
      })(req, res, () => resolve());
    });
    expect(sent[0][0]).toBe(500);
    expect(lines[0]).toMatchObject({ path: '/api/cases', msg: 'route failed', err: { type: 'MaxRetriesPerRequestError' } });
  });
});
