import type { Server } from 'restify';
import type { BotLogic } from '../../bot/botLogic';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';
import { mountChatPage } from './chatPage';
import { ConversationLog } from './conversationLog';
import { ConversationRegistry } from './conversations';
import { DirectLineAdapter } from './directLineAdapter';
import { RateLimiter } from './rateLimiter';
import { mountDirectLineRoutes } from './routes';
import { HARD_TEXT_CHARS } from './schemas';
import { StreamServer } from './streamServer';
import { TokenService } from './tokens';
import { TurnQueue } from './turnQueue';

export { DirectLineAdapter, UnknownConversationError } from './directLineAdapter';
export { DIRECT_LINE_CHANNEL_ID, WEB_BOT_ACCOUNT } from './identity';
export { TokenService, TokenError, type TokenClaims } from './tokens';
export { DIRECT_LINE_BASE } from './routes';
export type { WebConversation } from './conversations';

/** How often DirectLineJS calls /tokens/refresh (not configurable in the client). */
const DIRECT_LINE_JS_REFRESH_SECONDS = 15 * 60;

export interface WebChannelDeps {
  store: Store;
  bot: BotLogic;
  logger: Logger;
  /** HMAC key for Direct Line tokens; the same on every instance (at least 32 characters). */
  tokenSecret: string;
  tokenTtlSeconds: number;
  /** Token requests allowed per client address per minute (per instance). */
  tokenRatePerMinute: number;
  /** The bot asks the customer to shorten longer messages; the channel still accepts them. */
  maxMessageChars: number;
  /**
   * Use the last X-Forwarded-For hop as the client address for rate limiting. Only behind a
   * proxy that sets it; otherwise every customer behind the proxy shares one limit.
   */
  trustForwardedFor?: boolean;
  /** Sites (origins) allowed to embed the chat page in a frame, besides ours. */
  chatFrameAncestors?: readonly string[];
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
  const log = new ConversationLog(deps.store, logger);
  const conversations = new ConversationRegistry(deps.store);
  const adapter = new DirectLineAdapter({ log, conversations, bot: deps.bot, logger });
  const turns = new TurnQueue(logger);
  const limiter = new RateLimiter(deps.tokenRatePerMinute);
  // Messages above MAX_MESSAGE_CHARS still reach the bot (which asks to shorten); this is the hard stop.
  const maxTextChars = Math.max(HARD_TEXT_CHARS, deps.maxMessageChars);

  mountDirectLineRoutes(server, {
    tokens,
    conversations,
    log,
    adapter,
    turns,
    limiter,
    logger,
    maxTextChars,
    trustForwardedFor: deps.trustForwardedFor ?? false,
  });
  const streams = new StreamServer(server.server, { store: deps.store, log, conversations, tokens, logger });
  mountChatPage(server, logger, { frameAncestors: deps.chatFrameAncestors });

  let closing: Promise<void> | undefined;
  return {
    adapter,
    close() {
      closing ??= (async () => {
        limiter.close();
        await streams.close();
        await turns.drain();
      })();
      return closing;
    },
  };
}
