import type { Activity } from 'botbuilder';
import { DIRECT_LINE_CHANNEL_ID, WEB_BOT_ACCOUNT } from './identity';
import type { WebConversation } from './conversations';
import type { UserActivityInput } from './schemas';

/**
 * The customer's activity as we store, echo and hand to the bot: only the fields the schema
 * allowed, with identity (from, conversation, channel) taken from the token and the stored
 * conversation, never from the client. channelData is kept because Web Chat matches the echo
 * by channelData.clientActivityID, but without `media`: that marker is how channels that see
 * media themselves (WeChat) report it, and from a browser it would be a forged attachment.
 */
export function buildUserActivity(input: UserActivityInput, conversation: WebConversation): Partial<Activity> {
  const { from, channelData, ...fields } = input;
  return {
    ...fields,
    ...(channelData ? { channelData: withoutMedia(channelData) } : {}),
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: conversation.serviceUrl,
    conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: conversation.userId, name: from?.name ?? conversation.userName ?? '', role: 'user' },
    recipient: { ...WEB_BOT_ACCOUNT },
    locale: input.locale ?? conversation.locale,
  } as Partial<Activity>;
}

/** Channels that mark media themselves set `channelData.media`; a web client may not. */
function withoutMedia(channelData: Record<string, unknown>): Record<string, unknown> {
  const { media: _media, ...rest } = channelData;
  return rest;
}

/** What the bot sees when a customer opens the chat: the user joined, so it can greet. */
export function buildConversationUpdate(conversation: WebConversation): Partial<Activity> {
  const user = { id: conversation.userId, name: conversation.userName ?? '', role: 'user' };
  return {
    type: 'conversationUpdate',
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: conversation.serviceUrl,
    conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
    from: user,
    recipient: { ...WEB_BOT_ACCOUNT },
    membersAdded: [user],
    locale: conversation.locale,
    timestamp: new Date(),
  } as Partial<Activity>;
}
