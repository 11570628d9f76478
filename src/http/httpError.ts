import type { Next, Request, Response } from 'restify';
import type { Logger } from '../logging/logger';

/** An error that maps to a 4xx answer with a readable reason. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * The request path without its query string, for logs: query strings carry credentials
 * (`?t=` stream tokens, `?token=`) that must not end up in log files.
 */
export function pathOf(req: Pick<Request, 'url'>): string {
  const url = req.url ?? '';
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

export type RouteHandler = (req: Request, res: Response) => Promise<void>;

/**
 * Wraps a route so every failure becomes one JSON error shape: HttpError keeps its status and
 * reason; anything else is logged and answered 500 without a stack trace. The returned handler
 * is deliberately not async: restify 11 refuses async handlers that also take `next`.
 */
export function route(logger: Logger, handler: RouteHandler) {
  return (req: Request, res: Response, next: Next): void => {
    handler(req, res).then(
      () => next(),
      (err: unknown) => {
        if (err instanceof HttpError) {
          res.send(err.status, { error: { code: err.code, message: err.message } });
        } else {
          logger.error({ err, path: pathOf(req) }, 'route failed');
          if (!res.headersSent) res.send(500, { error: { code: 'InternalError', message: 'internal error' } });
        }
        next(false);
      },
    );
  };
}
