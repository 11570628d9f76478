import type { Next, Request, Response } from 'restify';

/**
 * The one request-body reader of the service: JSON only, read by us so every limit is ours.
 *
 * restify's bodyParser piped `Content-Encoding: gzip` bodies through zlib with no error handler
 * (one bad gzip body ended the process) and counted its size limit on compressed bytes (a 204 KB
 * body inflated to 200 MB). Here the limit is counted on the bytes that arrive, bodies are never
 * decompressed, and every failure is a 4xx with a reason in the usual `{error}` shape.
 */
export interface BodyLimits {
  /** Largest body, counted on the wire. */
  maxBytes: number;
  /** The whole body must have arrived this long after the request's handling began. */
  timeoutMs: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth?: number;
  /** Most object keys plus array elements in one body. */
  maxMembers?: number;
}

/**
 * Customer activities are about four levels deep (channelData, attachments, entities); staff
 * bodies two. Thirty-two leaves room for any card a client sends and stops the stack-deep
 * nesting that made zod and JSON.stringify throw.
 */
export const DEFAULT_MAX_DEPTH = 32;
/** A real request carries tens of members; this bounds the work a single body can ask of zod. */
export const DEFAULT_MAX_MEMBERS = 10_000;

/**
 * Keys that reach Object.prototype when a parsed body is merged with Object.assign or a
 * hand-written deep merge. No request of ours uses them, so they are refused outright.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** application/json or any application/…+json, in UTF-8 (the only charset JSON may use, RFC 8259). */
function checkContentType(header: string | undefined): void {
  const [type, ...params] = String(header ?? '').split(';');
  const mediaType = type.trim().toLowerCase();
  if (!/^application\/(?:[a-z0-9.+-]+\+)?json$/.test(mediaType)) {
    throw new BodyError(
      415,
      'UnsupportedMediaType',
      `request bodies must be JSON (Content-Type: application/json), not "${mediaType.slice(0, 60) || 'none'}"`,
    );
  }
  for (const param of params) {
    const [name, value] = param.split('=').map((p) => p.trim().toLowerCase());
    if (name === 'charset' && value.replace(/"/g, '') !== 'utf-8' && value.replace(/"/g, '') !== 'utf8') {
      throw new BodyError(415, 'UnsupportedMediaType', 'JSON bodies must be UTF-8 (charset=utf-8)');
    }
  }
}

/**
 * No client we serve (Web Chat, DirectLineJS, the staff consoles) compresses request bodies, and
 * a compressed body's size says nothing about what it inflates to: anything but identity is 415.
 */
function checkContentEncoding(header: string | undefined): void {
  const encodings = String(header ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  if (encodings.some((e) => e !== 'identity')) {
    throw new BodyError(
      415,
      'UnsupportedMediaType',
      'compressed request bodies are not accepted (Content-Encoding must be identity); send the JSON as it is',
    );
  }
}

/**
 * Depth and member count by one pass over the text, without recursion, before JSON.parse: a
 * body thousands of levels deep never becomes an object that a recursive walker chokes on.
 */
function checkShape(text: string, maxDepth: number, maxMembers: number): void {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) throw new BodyError(400, 'BadRequest', `invalid JSON body: nested deeper than ${maxDepth} levels`);
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
    else if (c === 0x2c || c === 0x3a) {
      // Each comma starts one more member, each colon ends one key: an upper bound on the members.
      members += 1;
      if (members > maxMembers) throw new BodyError(413, 'PayloadTooLarge', `JSON body has more than ${maxMembers} keys and elements`);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's value; undefined when it is empty. Throws BodyError for anything we do not take. */
export function parseJsonBody(
  raw: Buffer,
  contentType: string | undefined,
  limits: Required<Pick<BodyLimits, 'maxDepth' | 'maxMembers'>>,
): unknown {
  if (raw.length === 0) return undefined;
  checkContentType(contentType);
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new BodyError(400, 'BadRequest', 'invalid JSON body: not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  checkShape(text, limits.maxDepth, limits.maxMembers);
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new BodyError(400, 'BadRequest', `invalid JSON body: the key "${key}" is not accepted`);
      return value;
    });
  } catch (err) {
    if (err instanceof BodyError) throw err;
    // V8's message names the position ("Unexpected token } in JSON at position 7"): useful, and no internals.
    const reason = err instanceof SyntaxError ? err.message.replace(/^JSON\.parse: /, '').slice(0, 200) : 'unreadable';
    throw new BodyError(400, 'BadRequest', `invalid JSON body: ${reason}`);
  }
}

/** How long a refused connection is read on after our FIN, so the client sees the answer. */
const LINGER_MS = 2000;

/**
 * What to do with the rest of a body we already refused. Closing at once makes the kernel reset
 * the connection while the client is still sending, and a reset discards our 413 if the client
 * has not read it yet. So an oversized body is read on and thrown away; a small overage simply
 * ends and the connection stays usable. Past four times the limit we send FIN after the answer
 * and keep discarding for LINGER_MS (a lingering close, as web servers do), then cut. Memory use
 * stays at one chunk throughout. A body too slow to arrive (408) is not worth waiting for.
 */
function discardRest(req: Request, res: Response, status: number, maxBytes: number): void {
  if (status === 408) {
    res.setHeader('Connection', 'close');
    req.resume();
    return;
  }
  let discarded = 0;
  let lingering = false;
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (lingering || discarded <= maxBytes * 4) return;
    lingering = true;
    const socket = req.socket;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  req.on('data', onData);
  req.resume();
}

const OWN_BODY = Symbol('ownBody');

/**
 * A route whose body is not JSON (the WeCom callback's XML) marks its requests in a `pre`
 * handler; this reader then leaves the body to the route, which reads it under its own limits.
 */
export function leaveBodyToRoute(req: Request): void {
  (req as unknown as Record<symbol, boolean>)[OWN_BODY] = true;
}

/**
 * A restify `use` handler: sets `req.body` (undefined when there is none) or answers 4xx. An
 * answer given before the body was read leaves the rest to `discardRest`.
 */
export function jsonBodyReader(limits: BodyLimits) {
  const shape = { maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH, maxMembers: limits.maxMembers ?? DEFAULT_MAX_MEMBERS };
  return (req: Request, res: Response, next: Next): void => {
    const declared = req.headers['content-length'];
    const chunked = req.headers['transfer-encoding'] !== undefined;
    (req as { body?: unknown }).body = undefined;
    if ((req as unknown as Record<symbol, boolean>)[OWN_BODY]) return next();
    if (!chunked && (declared === undefined || Number(declared) === 0)) return next();

    let settled = false;
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      if (err === undefined) return next();
      if (!(err instanceof BodyError) || res.headersSent || req.socket.destroyed) {
        // The client went away (aborted, reset): nobody is left to answer.
        next(false);
        return;
      }
      if (!req.complete) discardRest(req, res, err.status, limits.maxBytes);
      res.send(err.status, { error: { code: err.code, message: err.message } });
      next(false);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes)
        return finish(new BodyError(413, 'PayloadTooLarge', `request body is larger than ${limits.maxBytes} bytes`));
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        (req as { body?: unknown }).body = parseJsonBody(Buffer.concat(chunks), req.headers['content-type'], shape);
        finish();
      } catch (err) {
        finish(err);
      }
    };
    // Every stream gets an error handler: a reset connection must never become an unhandled 'error'.
    req.on('error', () => finish(new Error('request stream failed')));
    req.on('close', () => {
      if (!req.complete) finish(new Error('request aborted'));
    });
    const timer = setTimeout(
      () => finish(new BodyError(408, 'RequestTimeout', `the request body did not arrive within ${Math.round(limits.timeoutMs / 1000)} s`)),
      limits.timeoutMs,
    );
    timer.unref();

    try {
      checkContentEncoding(req.headers['content-encoding']);
      if (declared !== undefined && !(Number(declared) <= limits.maxBytes)) {
        throw new BodyError(413, 'PayloadTooLarge', `request body is larger than ${limits.maxBytes} bytes`);
      }
    } catch (err) {
      return finish(err);
    }
    req.on('data', onData);
    req.on('end', onEnd);
  };
}
