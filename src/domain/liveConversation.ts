import type { ChannelId } from './case';

/**
 * A conversation as it stands, kept by the bot core per customer turn (src/bot/
 * conversationActivityRecorder.ts) so that supervisors see customers who are still talking to
 * the bot before any case exists. A small record with a time to live: a conversation nobody
 * touched for LIVE_CONVERSATION_TTL_SECONDS is no longer live.
 */
export const LIVE_CONVERSATION_KIND = 'live-conversation';
export const LIVE_CONVERSATION_TTL_SECONDS = 30 * 60;

export interface LiveConversation {
  conversationId: string;
  channel: ChannelId;
  customerId: string;
  startedAt: string;
  lastCustomerMessageAt: string;
  /** The bot's last message; absent until it has said anything in a recorded turn. */
  lastBotMessageAt?: string;
  /** The recognizer's reading of the latest message the dialogs read (0 calm .. 1 furious). */
  anger?: number;
  stage: 'bot';
}
