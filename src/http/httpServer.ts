import restify, { type Server } from 'restify';
import type { Logger } from '../logging/logger';
import { pathOf } from './httpError';
import { jsonBodyReader } from './jsonBody';
import { securityHeaders } from './securityHeaders';
import { upgradesOf } from './upgrades';

/** Our error codes for the statuses restify answers by itself (bad JSON, unknown route, …). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  408: 'RequestTimeout',
  409: 'Conflict',
  411: 'LengthRequired',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
  500: 'InternalError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/**
 * A meaningful code for an error restify raised: by status first (restify's own names, like
 * InvalidContent for bad JSON or ResourceNotFound, say less than the status does), then by
 * restify-errors' body code or class name; never the bare "Error".
 */
export function errorCode(err: { name?: unknown; code?: unknown; body?: unknown }, status: number): string {
  const known = CODE_BY_STATUS[status];
  if (known) return known;
  if (status >= 500) return 'InternalError';
  const bodyCode = (err.body as { code?: unknown } | undefined)?.code;
  for (const candidate of [bodyCode, err.code, typeof err.name === 'string' ? err.name.replace(/Error$/, '') : undefined]) {
    if (typeof candidate === 'string' && /^[A-Za-z]+$/.test(candidate) && candidate !== 'Error') return candidate;
  }
  return status >= 400 && status < 500 ? 'BadRequest' : 'InternalError';
}

/** How long a client may take to send a request, and to come back on a kept-alive connection. */
export interface HttpTimeouts {
  /** Headers and body together must arrive within this (slow-header and slow-body clients are cut). */
  requestMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveMs: number;
}

/**
 * Our clients send a few hundred bytes per request, so 15 s is ample even on a poor mobile link;
 * node's defaults (60 s for headers, 300 s per request) let a few thousand slow sockets tie the
 * process up. Five seconds of keep-alive is what browsers reuse a connection within anyway.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { requestMs: 15_000, keepAliveMs: 5_000 };

/** Largest request body, counted on the wire; Direct Line messages are capped far below this by the bot. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface HttpServerOptions {
  logger: Logger;
  /** Largest accepted request body, in bytes as they arrive. */
  maxBodyBytes?: number;
  timeouts?: Partial<HttpTimeouts>;
}

/**
 * The one restify server every channel and console mounts on. Bad input is answered here
 * with a 4xx and a JSON reason; anything unexpected is logged and answered 500 without
 * bringing the process down.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'complaint-desk', handleUncaughtExceptions: false });
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.timeouts };
  applyTimeouts(server, timeouts);
  // Upgrades to paths no WebSocket endpoint claims are answered 404 (endpoints claim theirs later).
  upgradesOf(server.server);
  server.pre(securityHeaders());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(jsonBodyReader({ maxBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, timeoutMs: timeouts.requestMs }));

  server.on('restifyError', (req, res, err, callback) => {
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    // Only the path: query strings carry tokens (?t=, ?token=).
    const path = pathOf(req);
    if (status >= 500) options.logger.error({ err, path }, 'request failed');
    else options.logger.debug({ status, path, reason: err.message }, 'request rejected');
    // One error shape for every route: {error: {code, message}}.
    const code = errorCode(err, status);
    err.toJSON = () => ({ error: { code, message: status >= 500 ? 'internal error' : err.message } });
    return callback();
  });
  return server;
}

/**
 * Node's own limits, as a backstop behind the body reader's: headers must arrive within the
 * request time (node answers 408 and closes), a request a little later, idle keep-alive ends.
 * Node checks them on an interval (30 s by default), which would let a slow client stay up to
 * 30 s past its limit: once a second keeps the bound honest.
 */
function applyTimeouts(server: Server, timeouts: HttpTimeouts): void {
  const http = server.server as Server['server'] & { connectionsCheckingInterval: number };
  http.headersTimeout = timeouts.requestMs;
  http.requestTimeout = timeouts.requestMs + 1000;
  http.keepAliveTimeout = timeouts.keepAliveMs;
  http.connectionsCheckingInterval = Math.min(1000, timeouts.requestMs);
}
