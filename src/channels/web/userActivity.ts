import type { Activity } from 'botbuilder';
import { DIRECT_LINE_CHANNEL_ID, WEB_BOT_ACCOUNT } from './identity';
import type { WebConversation } from './conversations';
import type { UserActivityInput } from './schemas';

/**
 * The customer's activity as we store, echo and hand to the bot: only the fields the schema
 * allowed, with identity (from, conversation, channel) taken from the token and the stored
 * conversation, never from the client. channelData is kept because Web Chat matches the echo
 * by channelData.clientActivityID.
 */
export function buildUserActivity(input: UserActivityInput, conversation: WebConversation): Partial<Activity> {
  const { from, ...fields } = input;
  return {
    ...fields,
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: conversation.serviceUrl,
    conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: conversation.userId, name: from?.name ?? conversation.userName ?? '', role: 'user' },
    recipient: { ...WEB_BOT_ACCOUNT },
    locale: input.locale ?? conversation.locale,
  } as Partial<Activity>;
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
