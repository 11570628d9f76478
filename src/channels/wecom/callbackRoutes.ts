import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { pathOf } from '../../http/httpError';
import { leaveBodyToRoute } from '../../http/jsonBody';
import type { Logger } from '../../logging/logger';
import { CallbackCryptoError, openSigned, type CallbackKeys } from './callbackCrypto';
import { CallbackXmlError, readFlatXml } from './callbackXml';

/**
 * The callback URL WeCom calls: GET once to verify the URL (answer the decrypted echostr), then a
 * POST per event, encrypted. Both are checked (signature first, then decryption) before anything
 * is read; a wrong signature is 401, anything malformed 400, never a 5xx. A POST is answered
 * `success` at once (WeCom retries after 5 s) and the messages are pulled afterwards; the same
 * event arriving twice only means one more pull, which finds nothing new.
 */

export const CALLBACK_PATH = '/wecom/callback';
/** WeCom's callbacks are a few hundred bytes. */
const MAX_BODY_BYTES = 16 * 1024;
const BODY_TIMEOUT_MS = 5000;

const signed = {
  msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/, 'must be a 40-character SHA1 hex signature'),
  timestamp: z.string().regex(/^\d{1,13}$/, 'must be a Unix time'),
  nonce: z.string().min(1).max(64),
};
// A '+' of the base64 echostr that arrived unescaped was read as a space by the query parser.
const verifyQuery = z.object({
  ...signed,
  echostr: z
    .string()
    .min(1)
    .max(4096)
    .transform((s) => s.replace(/ /g, '+')),
});
const eventQuery = z.object(signed);
const envelopeSchema = z.object({
  Encrypt: z
    .string()
    .min(1)
    .max(MAX_BODY_BYTES)
    .regex(/^[A-Za-z0-9+/=]+$/, 'must be base64'),
});
const eventSchema = z.object({
  MsgType: z.string().min(1).max(32),
  Event: z.string().max(64).optional(),
  Token: z.string().max(256).optional(),
  OpenKfId: z.string().max(128).optional(),
});

class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 408 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export interface CallbackRouteOptions {
  keys: CallbackKeys;
  openKfId: string;
  logger: Logger;
  /** A kf_msg_or_event arrived for our account: pull (asynchronously) with its token. */
  onMessages: (token?: string) => void;
}

export function mountCallbackRoutes(server: Server, o: CallbackRouteOptions): void {
  server.pre((req, _res, next) => {
    if (req.method === 'POST' && pathOf(req) === CALLBACK_PATH) leaveBodyToRoute(req);
    next();
  });
  server.get(
    CALLBACK_PATH,
    guarded(o.logger, async (req, res) => {
      const q = parsed(verifyQuery, req.query, 'query');
      const echo = open(o.keys, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, encrypt: q.echostr });
      sendText(res, 200, echo);
    }),
  );
  server.post(
    CALLBACK_PATH,
    guarded(o.logger, async (req, res) => {
      const q = parsed(eventQuery, req.query, 'query');
      const envelope = parsed(envelopeSchema, xmlOf(await readBody(req)), 'body');
      const event = parsed(
        eventSchema,
        xmlOf(open(o.keys, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, encrypt: envelope.Encrypt })),
        'event',
      );
      sendText(res, 200, 'success');
      if (event.MsgType === 'event' && event.Event === 'kf_msg_or_event') {
        if (event.OpenKfId && event.OpenKfId !== o.openKfId) o.logger.info('WeCom callback for another customer-service account; ignored');
        else o.onMessages(event.Token);
      } else {
        o.logger.debug({ msgType: event.MsgType, event: event.Event }, 'WeCom callback not about messages; acknowledged');
      }
    }),
  );
}

function guarded(logger: Logger, handler: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: (err?: false) => void): void => {
    handler(req, res).then(
      () => next(),
      (err: unknown) => {
        const refusal = err instanceof Refusal ? err : undefined;
        if (!refusal) logger.error({ err }, 'WeCom callback failed');
        else logger.info({ status: refusal.status, reason: refusal.message }, 'WeCom callback refused');
        // Even a bug here is answered 400, never 5xx: WeCom would only retry the same body.
        if (!res.headersSent) sendText(res, refusal?.status ?? 400, refusal?.message ?? 'unreadable callback');
        next(false);
      },
    );
  };
}

function parsed<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const reason = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || what}: ${i.message}`)
    .join('; ');
  throw new Refusal(400, `invalid ${what}: ${reason}`);
}

function open(keys: CallbackKeys, q: { signature: string; timestamp: string; nonce: string; encrypt: string }): string {
  try {
    return openSigned(keys, q);
  } catch (err) {
    if (!(err instanceof CallbackCryptoError)) throw err;
    if (err.reason === 'signature') throw new Refusal(401, 'wrong signature: msg_signature does not match the Token');
    if (err.reason === 'receiver') throw new Refusal(403, 'the payload is for another CorpID');
    throw new Refusal(400, `undecryptable payload (${err.reason})`);
  }
}

function xmlOf(text: string): Record<string, string> {
  try {
    return readFlatXml(text);
  } catch (err) {
    if (err instanceof CallbackXmlError) throw new Refusal(400, `malformed XML: ${err.message}`);
    throw err;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as UTF-8 text, uncompressed, within the size and time limits. */
function readBody(req: Request): Promise<string> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity') return Promise.reject(new Refusal(415, 'compressed bodies are not accepted'));
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    req.resume();
    return Promise.reject(new Refusal(413, `body larger than ${MAX_BODY_BYTES} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (refusal: Refusal) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.resume();
      reject(refusal);
    };
    const timer = setTimeout(() => fail(new Refusal(408, 'the body did not arrive in time')), BODY_TIMEOUT_MS);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) fail(new Refusal(413, `body larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on('error', () => fail(new Refusal(400, 'the body could not be read')));
    req.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(utf8.decode(Buffer.concat(chunks)));
      } catch {
        reject(new Refusal(400, 'the body is not valid UTF-8'));
      }
    });
  });
}

function sendText(res: Response, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
