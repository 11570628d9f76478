import type { Next, Request, Response } from 'restify';
import type { Logger } from '../logging/logger';
import { TooManyCasesError } from '../store/store';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from '../store/storeUnavailable';

/** An error that maps to a 4xx answer with a readable reason. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
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
 * The customer's web chat (Direct Line) says this when it cannot take a message. Web Chat does
 * not show the body: on a 503 DirectLineJS marks the message as not sent and offers to resend
 * it, which is the honest answer; our page shows this text when the conversation cannot start.
 */
export const CUSTOMER_BUSY_MESSAGE = '系统正忙，暂时无法接收消息，请稍后再发。给您带来不便，非常抱歉。';
const STAFF_BUSY_MESSAGE = '数据存储暂时不可用，请稍后重试。';
const CUSTOMER_PATHS = /^\/v3\/directline\//;

/** 503 with Retry-After: the store is away for a moment, the request may be repeated as is. */
function sendUnavailable(req: Request, res: Response): void {
  if (res.headersSent) return;
  res.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
  const message = CUSTOMER_PATHS.test(pathOf(req)) ? CUSTOMER_BUSY_MESSAGE : STAFF_BUSY_MESSAGE;
  res.send(503, { error: { code: 'ServiceUnavailable', message, reason: 'store unavailable' } });
}

/**
 * Wraps a route so every failure becomes one JSON error shape: HttpError keeps its status and
 * reason; an unavailable store is 503 with Retry-After (never 500: nothing is wrong with the
 * request); anything else is logged and answered 500 without a stack trace. The returned
 * handler is deliberately not async: restify 11 refuses async handlers that also take `next`.
 */
export function route(logger: Logger, handler: RouteHandler) {
  return (req: Request, res: Response, next: Next): void => {
    handler(req, res).then(
      () => next(),
      (err: unknown) => {
        if (err instanceof HttpError) {
          res.send(err.status, { error: { code: err.code, message: err.message } });
        } else if (err instanceof TooManyCasesError) {
          res.send(422, { error: { code: err.code, message: err.message } });
        } else if (isStoreUnavailable(err)) {
          // One line at debug: the outage itself is logged once by the store's connection.
          logger.debug({ path: pathOf(req) }, 'route answered 503: store unavailable');
          sendUnavailable(req, res);
        } else {
          logger.error({ err, path: pathOf(req) }, 'route failed');
          if (!res.headersSent) res.send(500, { error: { code: 'InternalError', message: 'internal error' } });
        }
        next(false);
      },
    );
  };
}
