import type { Server } from 'restify';
import type { BotLogic } from '../../bot/botLogic';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';
import { Limiter, MINUTE_MS } from '../../limits/limiter';
import { mountChatPage } from './chatPage';
import { ConversationLog } from './conversationLog';
import { ConversationRegistry } from './conversations';
import { CustomerIdentity } from './customerIdentity';
import { DirectLineAdapter } from './directLineAdapter';
import { mountDirectLineRoutes } from './routes';
import { HARD_TEXT_CHARS } from './schemas';
import { StreamServer } from './streamServer';
import { TokenService } from './tokens';
import { ConversationInbox } from '../inbox/conversationInbox';
import { TurnQueue } from '../inbox/turnQueue';

export { WEB_CHANNEL } from './descriptor';
export { DirectLineAdapter, UnknownConversationError } from './directLineAdapter';
export { DIRECT_LINE_CHANNEL_ID, WEB_BOT_ACCOUNT } from './identity';
export { TokenService, TokenError, type TokenClaims } from './tokens';
export { DIRECT_LINE_BASE } from './routes';
export type { WebConversation } from './conversations';

/** The client address a web conversation was started from (per-address ticket limit), if it is still known. */
export async function webConversationAddress(store: Store, conversationId: string): Promise<string | undefined> {
  return (await new ConversationRegistry(store).get(conversationId))?.address;
}

/** Customer typing indicators kept per conversation: one in this window (the rest are dropped). */
const TYPING_WINDOW_MS = 2500;

/** About six months: a customer coming back about last season's bill is still the same customer. */
export const DEFAULT_CUSTOMER_COOKIE_DAYS = 180;

/** How often DirectLineJS calls /tokens/refresh (not configurable in the client). */
const DIRECT_LINE_JS_REFRESH_SECONDS = 15 * 60;

export interface WebChannelDeps {
  store: Store;
  bot: BotLogic;
  logger: Logger;
  /** HMAC key for Direct Line tokens; the same on every instance (at least 32 characters). */
  tokenSecret: string;
  tokenTtlSeconds: number;
  /** Token requests allowed per client address per minute (counted in the store: all instances). */
  tokenRatePerMinute: number;
  /** Messages allowed per minute per conversation and per client address (all instances). */
  messagesPerConversationPerMinute?: number;
  messagesPerAddressPerMinute?: number;
  /** The bot asks the customer to shorten longer messages; the channel still accepts them. */
  maxMessageChars: number;
  /**
   * Use the last X-Forwarded-For hop as the client address for rate limiting. Only behind a
   * proxy that sets it; otherwise every customer behind the proxy shares one limit.
   */
  trustForwardedFor?: boolean;
  /** How long a browser keeps its customer cookie (and so is recognised as the same customer). */
  customerCookieDays?: number;
  /** Sites (origins) allowed to embed the chat page in a frame, besides ours. */
  chatFrameAncestors?: readonly string[];
  /** Told of the customer's typing indicators (at most one per conversation every 2.5 s). */
  onCustomerTyping?: (conversationId: string) => Promise<void> | void;
}

export interface WebChannel {
  adapter: DirectLineAdapter;
  /** Closes sockets, stops timers and waits for running bot turns; the HTTP server is the caller's. */
  close(): Promise<void>;
}

/**
 * The web chat channel: the customer page at `/`, a Direct Line 3.0 endpoint under
 * /v3/directline for it (and any DirectLineJS client), and the adapter that runs the bot.
 * All conversation state lives in the Store, so any number of instances can serve it.
 */
export function mountWebChannel(server: Server, deps: WebChannelDeps): WebChannel {
  const logger = deps.logger.child({ component: 'web-channel' });
  if (deps.tokenTtlSeconds < DIRECT_LINE_JS_REFRESH_SECONDS + 60) {
    // DirectLineJS refreshes every 15 minutes, fixed: a shorter lifetime strands idle customers.
    logger.warn(
      { tokenTtlSeconds: deps.tokenTtlSeconds },
      'web channel: TOKEN_TTL_SECONDS is below 16 minutes; Web Chat tokens will expire before the client refreshes them',
    );
  }
  const tokens = new TokenService(deps.tokenSecret, deps.tokenTtlSeconds);
  const log = new ConversationLog(deps.store);
  const conversations = new ConversationRegistry(deps.store);
  const adapter = new DirectLineAdapter({ log, conversations, bot: deps.bot, logger });
  const turns = new TurnQueue(logger);
  const inbox = new ConversationInbox({
    name: 'web',
    store: deps.store,
    turns,
    runTurn: (activity) => adapter.processActivity(activity),
    logger,
  });
  const limits = {
    limiter: new Limiter(deps.store),
    tokens: { name: 'dl-token-addr', limit: deps.tokenRatePerMinute, windowMs: MINUTE_MS },
    conversationMessages: { name: 'dl-msg-conv', limit: deps.messagesPerConversationPerMinute ?? 20, windowMs: MINUTE_MS },
    addressMessages: { name: 'dl-msg-addr', limit: deps.messagesPerAddressPerMinute ?? 600, windowMs: MINUTE_MS },
    // Web Chat shows an indicator for 5 s and sends one every 3 s: one per 2.5 s keeps it lit.
    typing: { name: 'dl-typing-conv', limit: 1, windowMs: TYPING_WINDOW_MS },
  };
  // Messages above MAX_MESSAGE_CHARS are accepted up to this hard stop so the bot can ask to
  // shorten them, but only MAX_MESSAGE_CHARS of their text are kept (see clipText in routes).
  const maxTextChars = Math.max(HARD_TEXT_CHARS, deps.maxMessageChars);

  mountDirectLineRoutes(server, {
    tokens,
    conversations,
    log,
    adapter,
    turns,
    inbox,
    limits,
    identity: new CustomerIdentity(deps.tokenSecret, deps.customerCookieDays ?? DEFAULT_CUSTOMER_COOKIE_DAYS),
    logger,
    maxTextChars,
    keptTextChars: deps.maxMessageChars,
    trustForwardedFor: deps.trustForwardedFor ?? false,
    onCustomerTyping: deps.onCustomerTyping,
  });
  const streams = new StreamServer(server.server, { store: deps.store, log, conversations, tokens, logger });
  mountChatPage(server, logger, { frameAncestors: deps.chatFrameAncestors });

  let closing: Promise<void> | undefined;
  return {
    adapter,
    close() {
      closing ??= (async () => {
        await streams.close();
        inbox.close();
        await turns.drain();
      })();
      return closing;
    },
  };
}
