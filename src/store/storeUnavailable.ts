/**
 * The one error every caller sees when the store cannot be reached (Redis down, restarting,
 * loading its data, refusing writes). Callers treat it as "try again later", never as a bug:
 * routes answer 503 with Retry-After, queued bot turns wait and retry, background loops log it
 * once per outage and carry on.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'StoreUnavailable';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`store unavailable: ${reason}`, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Seconds a client is told to wait (Retry-After) while the store is away: Redis reconnects within a second or so. */
export const STORE_RETRY_AFTER_SECONDS = 3;

/**
 * Whether `err`, or an error it wraps, says the store is unavailable: `cause`, AggregateError's
 * `errors`, and botbuilder-dialogs' DialogContextError, which keeps the original as `error`.
 */
export function isStoreUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  // Bounded walk: causes can be circular.
  while (current && typeof current === 'object' && !seen.has(current) && seen.size < 8) {
    if (current instanceof StoreUnavailableError) return true;
    seen.add(current);
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((e) => e instanceof StoreUnavailableError)) return true;
    const wrapped = current as { cause?: unknown; error?: unknown };
    current = wrapped.cause ?? wrapped.error;
  }
  return false;
}

/**
 * ioredis's ways of saying "no connection": a closed or unwritable stream, a command that timed
 * out or was flushed on disconnect, a socket error, and the replies of a Redis that is up but
 * cannot serve (loading its AOF after a restart, unable to persist, a read-only replica).
 * Anything else (a wrong type, a script bug) is a real error and stays one.
 */
const CONNECTION_MESSAGES =
  /Connection is closed|Stream isn't writeable|Command timed out|Command aborted due to connection close|max retries per request|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|connect ETIMEDOUT|Socket closed unexpectedly|^LOADING|^MISCONF|^READONLY|^MASTERDOWN|^BUSY /i;
const CONNECTION_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'AbortError']);

export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (CONNECTION_ERROR_NAMES.has(err.name)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code)) return true;
  return CONNECTION_MESSAGES.test(err.message);
}

/** A connection failure becomes StoreUnavailableError (the original kept as `cause`); anything else is returned as is. */
export function asStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError || !isConnectionError(err)) return err;
  return new StoreUnavailableError((err as Error).message, { cause: err });
}
