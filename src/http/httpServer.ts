import restify, { type Server } from 'restify';
import type { Logger } from '../logging/logger';

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
    if (status >= 500) options.logger.error({ err, url: req.url }, 'request failed');
    else options.logger.debug({ status, url: req.url, reason: err.message }, 'request rejected');
    // One error shape for every route: {error: {code, message}}.
    err.toJSON = () => ({ error: { code: err.code ?? err.name ?? 'Error', message: status >= 500 ? 'internal error' : err.message } });
    return callback();
  });
  return server;
}
