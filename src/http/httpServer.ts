import restify, { type Server } from 'restify';
import type { Logger } from '../logging/logger';
import { pathOf } from './httpError';

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

export interface HttpServerOptions {
  logger: Logger;
  /** Largest accepted request body; Direct Line messages are capped far below this by the bot. */
  maxBodyBytes?: number;
}

/**
 * The one restify server every channel and console mounts on. Bad input is answered here
 * with a 4xx and a JSON reason; anything unexpected is logged and answered 500 without
 * bringing the process down.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'complaint-desk', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      mapParams: false,
      maxBodySize: options.maxBodyBytes ?? 256 * 1024,
      rejectUnknown: false,
    }),
  );

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
