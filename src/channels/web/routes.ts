import type { Request, Response, Server } from 'restify';
import { HttpError, route } from '../../http/httpError';
import { validate, validateBody } from '../../http/validate';
import type { Logger } from '../../logging/logger';
import { bearerClaims, requireConversation } from './auth';
import { newActivityId, type ConversationLog } from './conversationLog';
import type { CustomerIdentity } from './customerIdentity';
import { newConversationId, type ConversationRegistry, type WebConversation } from './conversations';
import type { DirectLineAdapter } from './directLineAdapter';
import { clientAddress, publicOrigin } from './publicUrl';
import type { Limiter, LimitRule, LimitVerdict } from '../../limits/limiter';
import { FLOOD_NOTICE_TEXT } from '../../../dialogs/wording/replies';
import { ACTIVITY_OVERHEAD_CHARS, generateTokenBody, startConversationBody, userActivitySchema, watermarkQuery } from './schemas';
import { streamPath } from './streamServer';
import type { TokenClaims, TokenService } from './tokens';

import type { ConversationInbox } from '../inbox/conversationInbox';
import type { TurnQueue } from '../inbox/turnQueue';
import { buildConversationUpdate, buildUserActivity } from './userActivity';

export const DIRECT_LINE_BASE = '/v3/directline';

/** A stream URL is used at once (right after it is handed out); it does not need to live long. */
const STREAM_TOKEN_TTL_SECONDS = 120;

export interface DirectLineRouteDeps {
  tokens: TokenService;
  conversations: ConversationRegistry;
  log: ConversationLog;
  adapter: DirectLineAdapter;
  turns: TurnQueue;
  inbox: ConversationInbox;
  limits: { limiter: Limiter; tokens: LimitRule; conversationMessages: LimitRule; addressMessages: LimitRule; typing: LimitRule };
  /** Told (without waiting) of each customer typing indicator kept: the handoff shows it to the agent. */
  onCustomerTyping?: (conversationId: string) => Promise<void> | void;
  /** Who the customer is: the signed cookie, never the request body. */
  identity: CustomerIdentity;
  logger: Logger;
  /** Longest text accepted in one activity; longer posts get 413. */
  maxTextChars: number;
  /** Longest text kept in the log and handed to the bot (MAX_MESSAGE_CHARS); the rest is cut off. */
  keptTextChars: number;
  trustForwardedFor: boolean;
}

/** The Direct Line 3.0 subset that Web Chat and DirectLineJS use, under /v3/directline. */
export function mountDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { tokens, conversations, log, adapter, turns, inbox, limits, logger } = deps;
  const activitySchema = userActivitySchema(deps.maxTextChars);
  const wrap = (handler: (req: Request, res: Response) => Promise<void>) => route(logger, handler);

  /** Reply to start/reconnect: a fresh token and a stream URL that resumes after `watermark`. */
  function session(req: Request, conversation: WebConversation, claims: TokenClaims, watermark?: number) {
    const issued = tokens.issue(conversation.id, claims.user);
    const stream = tokens.issue(conversation.id, claims.user, 'stream', STREAM_TOKEN_TTL_SECONDS);
    const query = new URLSearchParams({ ...(watermark !== undefined ? { watermark: String(watermark) } : {}), t: stream.token });
    return {
      conversationId: conversation.id,
      token: issued.token,
      expires_in: issued.expiresIn,
      streamUrl: `${publicOrigin(req).ws}${streamPath(conversation.id)}?${query}`,
    };
  }

  /** The conversation named in the URL, visible only to the holder of its token. */
  async function authorisedConversation(req: Request): Promise<{ claims: TokenClaims; conversation: WebConversation }> {
    const claims = bearerClaims(tokens, req);
    const conversationId = String(req.params?.conversationId ?? '');
    requireConversation(claims, conversationId);
    const conversation = await conversations.get(conversationId);
    if (!conversation) throw new HttpError(404, 'ConversationNotFound', 'conversation not found or expired');
    if (conversation.userId !== claims.user) {
      throw new HttpError(403, 'Forbidden', 'this token does not grant access to that conversation');
    }
    return { claims, conversation };
  }

  // For our own page: no secret exists, so the token is the only credential and is rate-limited.
  server.post(
    `${DIRECT_LINE_BASE}/tokens/generate`,
    wrap(async (req, res) => {
      const verdict = await limits.limiter.take(limits.tokens, clientAddress(req, deps.trustForwardedFor));
      if (!verdict.allowed) {
        res.header('Retry-After', String(verdict.retryAfterSeconds));
        throw new HttpError(
          429,
          'TooManyRequests',
          `too many token requests from this address; try again in ${verdict.retryAfterSeconds} s（请求太频繁，请稍后再试）`,
        );
      }
      validateBody(generateTokenBody, req);
      const { customerId } = deps.identity.recognise(req, res);
      const issued = tokens.issue(newConversationId(), customerId);
      res.send(200, { conversationId: issued.claims.conv, token: issued.token, expires_in: issued.expiresIn });
    }),
  );

  // DirectLineJS calls this every 15 minutes; an expired token cannot be refreshed (403).
  server.post(
    `${DIRECT_LINE_BASE}/tokens/refresh`,
    wrap(async (req, res) => {
      const claims = bearerClaims(tokens, req);
      const issued = tokens.issue(claims.conv, claims.user);
      res.send(200, { conversationId: claims.conv, token: issued.token, expires_in: issued.expiresIn });
    }),
  );

  server.post(
    `${DIRECT_LINE_BASE}/conversations`,
    wrap(async (req, res) => {
      const claims = bearerClaims(tokens, req);
      const body = validateBody(startConversationBody, req);
      const { conversation, created } = await conversations.start({
        id: claims.conv,
        userId: claims.user,
        locale: body.locale,
        serviceUrl: `${publicOrigin(req).http}${DIRECT_LINE_BASE}`,
        startedAt: new Date().toISOString(),
        address: clientAddress(req, deps.trustForwardedFor),
      });
      if (conversation.userId !== claims.user) {
        throw new HttpError(403, 'Forbidden', 'this token does not grant access to that conversation');
      }
      if (created) {
        logger.info({ conversationId: conversation.id }, 'web channel: conversation started');
        // The greeting reaches the client through the stream's backlog replay.
        turns.enqueue(conversation.id, () => adapter.processActivity(buildConversationUpdate(conversation)));
      }
      res.send(created ? 201 : 200, session(req, conversation, claims));
    }),
  );

  // Reconnect: a fresh token and stream URL after the socket dropped.
  server.get(
    `${DIRECT_LINE_BASE}/conversations/:conversationId`,
    wrap(async (req, res) => {
      const { claims, conversation } = await authorisedConversation(req);
      const watermark = validate(watermarkQuery, req.query?.watermark, 'watermark');
      res.send(200, session(req, conversation, claims, watermark));
    }),
  );

  server.get(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
    wrap(async (req, res) => {
      const { conversation } = await authorisedConversation(req);
      const watermark = validate(watermarkQuery, req.query?.watermark, 'watermark');
      res.send(200, await log.read(conversation.id, watermark));
    }),
  );

  server.post(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
    wrap(async (req, res) => {
      const { claims, conversation } = await authorisedConversation(req);
      // Web Chat sends a typing indicator every 3 s while the customer types: counted as
      // messages they would use up the message limit of a customer typing a long complaint.
      const typing = (req.body as { type?: unknown } | undefined)?.type === 'typing';
      if (!typing) await refuseFlood(req, res, conversation);
      rejectOversized(req.body, deps.maxTextChars);
      const input = clipText(validate(activitySchema, req.body ?? {}, 'activity'), deps.keptTextChars);
      if (input.from?.id !== undefined && input.from.id !== claims.user) {
        // 400, not 403: DirectLineJS would read 403 as an expired token and retry forever.
        throw new HttpError(400, 'BadRequest', 'invalid activity: from.id does not match the user of this token');
      }
      if (typing && !(await limits.limiter.take(limits.typing, conversation.id)).allowed) {
        // One indicator per window says all there is to say; the rest are answered and dropped,
        // so a flood of them neither fills the log nor the agents' consoles.
        res.send(200, { id: newActivityId(conversation.id) });
        return;
      }
      const [stored] = await Promise.all([
        log.append(conversation.id, buildUserActivity(input, conversation)),
        conversations.touch(conversation),
      ]);
      // In the log and marked in the inbox before the 200: from here on the message survives a crash.
      const turn = stored.activity.type !== 'typing';
      if (turn) await inbox.accept(conversation.id);
      res.send(200, { id: stored.id });
      if (turn) inbox.kick(conversation.id);
      else
        void Promise.resolve(deps.onCustomerTyping?.(conversation.id)).catch((err) =>
          logger.debug({ err }, 'web channel: typing hook failed'),
        );
    }),
  );

  /**
   * Messages per conversation and per address, counted across instances. Over a limit the post
   * gets 429 with a Chinese reason, and the chat gets one notice per window so the customer is
   * not left wondering why nobody answers.
   */
  async function refuseFlood(req: Request, res: Response, conversation: WebConversation): Promise<void> {
    const refused = await limits.limiter.takeAll([
      { rule: limits.conversationMessages, key: conversation.id },
      { rule: limits.addressMessages, key: clientAddress(req, deps.trustForwardedFor) },
    ]);
    if (!refused || refused.allowed) return;
    await noticeOnce(conversation.id, refused);
    res.header('Retry-After', String(refused.retryAfterSeconds));
    throw new HttpError(
      429,
      'TooManyMessages',
      `您发送得太快了，请 ${refused.retryAfterSeconds} 秒后再发（too many messages; try again in ${refused.retryAfterSeconds} s）`,
    );
  }

  async function noticeOnce(conversationId: string, verdict: Extract<LimitVerdict, { allowed: false }>): Promise<void> {
    if (!verdict.firstRefusal) return;
    try {
      await adapter.sendToConversation(conversationId, { type: 'message', text: FLOOD_NOTICE_TEXT });
    } catch (err) {
      // The 429 still tells the client; a lost notice is not worth failing the answer for.
      logger.warn({ err, conversationId }, 'web channel: could not write the slow-down notice');
    }
  }

  // Web Chat's upload button posts here; the page hides it, and other clients learn why it fails.
  server.post(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/upload`,
    wrap(async (req) => {
      await authorisedConversation(req);
      throw new HttpError(415, 'UploadNotSupported', 'file uploads are not supported in this chat');
    }),
  );
}

/**
 * Text beyond MAX_MESSAGE_CHARS is not kept: the bot only asks to shorten such a message, so
 * storing all of it for a week would let a client fill the store with text nobody reads. One
 * character past the limit stays, so the bot still sees that the message was too long.
 */
function clipText<T extends { text?: string }>(input: T, keptChars: number): T {
  if (input.text === undefined || input.text.length <= keptChars) return input;
  return { ...input, text: input.text.slice(0, keptChars + 1) };
}

/** Above the hard text limit (or an activity bloated some other way) the answer is 413, not 400. */
function rejectOversized(body: unknown, maxTextChars: number): void {
  if (typeof body !== 'object' || body === null) return;
  const text = (body as { text?: unknown }).text;
  if (typeof text === 'string' && text.length > maxTextChars) {
    throw new HttpError(413, 'PayloadTooLarge', `message text is longer than ${maxTextChars} characters`);
  }
  if (JSON.stringify(body).length > maxTextChars + ACTIVITY_OVERHEAD_CHARS) {
    throw new HttpError(413, 'PayloadTooLarge', 'activity is too large');
  }
}
